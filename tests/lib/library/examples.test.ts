import { describe, expect, it } from 'vitest';
import { checkDefaultWatchlist, loadDefaultWatchlist } from '../../../lib/exposure/load.js';
import { checkDefaultLibrary, loadDefaultLibrary } from '../../../lib/library/load.js';
import { compilePattern, isLiteralPattern } from '../../../lib/library/pattern.js';

interface Spec {
  pattern: string;
  caseSensitive: boolean;
  examples: string[];
  counterExamples: string[];
}

/** Every pattern in parsed library data, with where it is. */
function* patternsIn(value: unknown, path = ''): Generator<{ path: string; spec: Spec }> {
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) yield* patternsIn(item, `${path}[${index}]`);
  } else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.pattern === 'string' && Array.isArray(record.examples)) yield { path, spec: record as unknown as Spec };
    for (const [key, item] of Object.entries(record)) if (key !== 'examples' && key !== 'counterExamples') yield* patternsIn(item, `${path}.${key}`);
  }
}

// A pattern is data that someone will edit; its examples say what it is for, and a change that
// breaks one of them is caught here (and by the schema, which `npm run build` runs on the built-in copy).
describe.each([
  ['clause library', () => checkDefaultLibrary(), () => loadDefaultLibrary()],
  ['exposure watchlist', () => checkDefaultWatchlist(), () => loadDefaultWatchlist()],
] as const)('every pattern of the %s', (_name, load, loadForUse) => {
  const patterns = [...patternsIn(load())];

  it('is found by the walker', () => {
    expect(patterns.length).toBeGreaterThan(20);
  });

  it('has examples unless it is a plain phrase, and matches each of them', () => {
    for (const { path, spec } of patterns) {
      const regex = compilePattern(spec.pattern, spec.caseSensitive);
      const examples = isLiteralPattern(spec.pattern) ? [spec.pattern, ...spec.examples] : spec.examples;
      expect(examples.length, `${path} /${spec.pattern}/ has no examples`).toBeGreaterThan(0);
      for (const example of examples) {
        regex.lastIndex = 0;
        expect(regex.test(example), `${path} /${spec.pattern}/ misses "${example}"`).toBe(true);
      }
      for (const counter of spec.counterExamples) {
        regex.lastIndex = 0;
        expect(regex.test(counter), `${path} /${spec.pattern}/ matches "${counter}"`).toBe(false);
      }
    }
  });

  it('loads for use without the examples (checked above), every pattern otherwise the same', () => {
    const used = [...patternsIn(loadForUse())];
    expect(used.map(({ path, spec }) => [path, spec.pattern, spec.caseSensitive])).toEqual(
      patterns.map(({ path, spec }) => [path, spec.pattern, spec.caseSensitive]),
    );
    expect(used.every(({ spec }) => spec.examples.length === 0 && spec.counterExamples.length === 0)).toBe(true);
    const withoutExamples = (value: unknown) => JSON.stringify(value, (key, item) => (key === 'examples' || key === 'counterExamples' ? undefined : item));
    expect(withoutExamples(loadForUse())).toBe(withoutExamples(load()));
  });
});
