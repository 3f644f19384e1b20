import type { z } from 'zod';
import { ClausewatchError } from '../errors.js';
import { expandFragments } from './fragments.js';

/** Formats zod issues as "clauseTypes[0].elements[2].rules: message" lines, naming the bad field. */
export function describeIssues(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string {
  return issues
    .slice(0, 10)
    .map((issue) => {
      const path = issue.path.map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`)).join('');
      return `${path || '(root)'}: ${issue.message}`;
    })
    .join('; ');
}

/** Validates library data (parsed JSON) against its schema, its named fragments expanded first; a failure is `library_invalid`, naming the bad field. */
export function validateLibraryData<T extends z.ZodType>(schema: T, value: unknown, source: string): z.output<T> {
  const result = schema.safeParse(expandFragments(value, source));
  if (!result.success) {
    throw new ClausewatchError('library_invalid', `The ${source} is invalid: ${describeIssues(result.error.issues)}`, { cause: result.error });
  }
  return result.data;
}

/** Parses library data from JSON text, then validates it. */
export function parseLibraryDataJson<T extends z.ZodType>(schema: T, json: string, source: string): z.output<T> {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new ClausewatchError('library_invalid', `The ${source} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  return validateLibraryData(schema, value, source);
}

/**
 * Library data without its patterns' examples and counter-examples. They document and test the
 * patterns; checking some nine hundred of them costs about half a second, which the built-in copy
 * would otherwise pay at every cold start. `npm run build` and the test suite check them instead.
 */
export function withoutPatternExamples(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPatternExamples);
  if (!value || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const isPattern = typeof record.pattern === 'string';
  return Object.fromEntries(
    Object.entries(record)
      .filter(([key]) => !(isPattern && (key === 'examples' || key === 'counterExamples')))
      .map(([key, item]) => [key, withoutPatternExamples(item)]),
  );
}

/** The ways to get one kind of library data: from parsed JSON, from JSON text, and the copy that ships built in. */
export interface LibraryDataKind<T> {
  parse(value: unknown, source?: string): T;
  parseJson(json: string, source?: string): T;
  /** The built-in copy, validated once and then kept; its patterns' examples are left out (see `checkDefault`). */
  loadDefault(): T;
  /** The built-in copy validated in full, every pattern against its examples: the build and the tests run it. */
  checkDefault(): T;
}

export function libraryDataKind<S extends z.ZodType>(schema: S, name: string, builtIn: unknown): LibraryDataKind<z.output<S>> {
  let loaded: z.output<S> | undefined;
  return {
    parse: (value, source = name) => validateLibraryData(schema, value, source),
    parseJson: (json, source = name) => parseLibraryDataJson(schema, json, source),
    loadDefault: () => {
      loaded ??= validateLibraryData(schema, withoutPatternExamples(builtIn), `built-in ${name}`);
      return loaded;
    },
    checkDefault: () => validateLibraryData(schema, builtIn, `built-in ${name}`),
  };
}
