import { ClausewatchError } from '../errors.js';
import { ClauseLibrary } from './schema.js';
import defaultLibraryJson from './clause-library.json' with { type: 'json' };

/** Formats zod issues as "clauseTypes[0].elements[2].rules: message" lines, naming the bad field. */
export function describeIssues(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string {
  return issues
    .slice(0, 10)
    .map((issue) => {
      const path = issue.path
        .map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`))
        .join('');
      return `${path || '(root)'}: ${issue.message}`;
    })
    .join('; ');
}

/** Validates a clause library given as parsed JSON; a bad library is a `library_invalid` error naming the field. */
export function parseLibrary(value: unknown, source = 'clause library'): ClauseLibrary {
  const result = ClauseLibrary.safeParse(value);
  if (!result.success) {
    throw new ClausewatchError('library_invalid', `The ${source} is invalid: ${describeIssues(result.error.issues)}`, {
      cause: result.error,
    });
  }
  return result.data;
}

/** Parses and validates a clause library from JSON text. */
export function parseLibraryJson(json: string, source = 'clause library'): ClauseLibrary {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new ClausewatchError('library_invalid', `The ${source} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  return parseLibrary(value, source);
}

let defaultLibrary: ClauseLibrary | undefined;

/** The clause library that ships with clausewatch. */
export function loadDefaultLibrary(): ClauseLibrary {
  defaultLibrary ??= parseLibrary(defaultLibraryJson, 'built-in clause library');
  return defaultLibrary;
}
