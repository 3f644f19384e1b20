import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDefaultLibrary } from '../../lib/library/load.js';
import { compileClauseType } from '../../lib/analysis/patterns.js';
import { anyOf, distinctMatches, escapeRegExp, firstMatch, matches, overlapsAny, ranges, TESTED_SOURCE_MAX, test, testAny } from '../../lib/regex.js';

describe('regex helpers', () => {
  it('leave a shared global expression without state, also when a caller stops early', () => {
    const word = /\bembargo\w*/gi;
    const text = 'an embargo, embargoes and an Embargo';
    for (const _ of matches(word, text)) break;
    expect(word.lastIndex).toBe(0);
    expect(test(word, text)).toBe(true);
    expect(word.lastIndex).toBe(0);
    expect(firstMatch(word, text)?.[0]).toBe('embargo');
    expect(word.lastIndex).toBe(0);
    expect([...matches(word, text)].map((match) => match.index)).toEqual([3, 12, 29]);
  });

  it('skip empty matches instead of looping on them', () => {
    expect([...matches(/x*/g, 'axbxx')].map((match) => match[0])).toEqual(['x', 'xx']);
  });

  it('count distinct matches case- and whitespace-blind, up to the limit', () => {
    expect(distinctMatches(/export\s+licen[cs]e/gi, 'export licence; Export  licence; export license', 5)).toBe(2);
    expect(distinctMatches(/\w+/g, 'a b c d e', 3)).toBe(3);
  });

  it('merge the ranges of several expressions, and find overlaps by binary search', () => {
    const merged = ranges([/ab/g, /bc/g, /x/g], 'abc..x..abc');
    expect(merged).toEqual([
      [0, 3],
      [5, 6],
      [8, 11],
    ]);
    expect(overlapsAny(merged, 3, 5)).toBe(false);
    expect(overlapsAny(merged, 2, 4)).toBe(true);
    expect(overlapsAny(merged, 10, 20)).toBe(true);
    expect(overlapsAny([], 0, 1)).toBe(false);
  });

  it('overlapsAny agrees with a linear scan', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(200), fc.nat(20))), fc.nat(220), fc.integer({ min: 1, max: 30 }), (raw, start, length) => {
        const text = 'x'.repeat(260);
        const sorted = ranges(
          raw.map(([at, size]) => new RegExp(`(?<=^.{${at}})x{${size + 1}}`, 'g')),
          text,
        );
        const end = start + length;
        expect(overlapsAny(sorted, start, end)).toBe(sorted.some(([from, to]) => from < end && start < to));
      }),
      { numRuns: 200 },
    );
  });

  it('anyOf merges expressions of the same flags and keeps those whose groups are numbered apart', () => {
    const merged = anyOf([/\bembargo/gi, /\bOFAC\b/g, /\bsanctions\b/gi, /(["'])x\1/gi, /(?<word>y)\k<word>/gi]);
    expect(merged).toHaveLength(4);
    expect(merged.map((pattern) => pattern.flags).sort()).toEqual(['g', 'gi', 'gi', 'gi']);
    expect(testAny(merged, 'ofac')).toBe(false);
    expect(testAny(merged, 'OFAC')).toBe(true);
    expect(testAny(merged, 'new Sanctions')).toBe(true);
    expect(testAny(merged, "'x'")).toBe(true);
    expect(testAny(merged, '"x\'')).toBe(false);
    expect(testAny(merged, 'yy')).toBe(true);
    expect(anyOf([])).toEqual([]);
  });

  it('anyOf keeps each alternation to a few thousand characters, past which an alternation gets slower', () => {
    const long = Array.from({ length: 12 }, (_, index) => new RegExp(`\\bword${index}(?:${'x|'.repeat(400)}y)\\b`, 'g'));
    const merged = anyOf(long);
    expect(merged.length).toBeGreaterThanOrEqual(2);
    expect(merged.length).toBeLessThan(long.length);
    for (const pattern of merged) expect(pattern.source.length).toBeLessThan(5_100);
    for (let index = 0; index < long.length; index++) expect(testAny(merged, `a word${index}y here`)).toBe(true);
    expect(testAny(merged, 'word12y')).toBe(false);
  });

  it('anyOf builds fewer, longer alternations when allowed more source, each within the limit', () => {
    const long = Array.from({ length: 24 }, (_, index) => new RegExp(`\\bword${index}(?:${'x|'.repeat(400)}y)\\b`, 'g'));
    const short = anyOf(long);
    const wide = anyOf(long, TESTED_SOURCE_MAX);
    expect(wide.length).toBeLessThan(short.length);
    expect(wide.length).toBeGreaterThanOrEqual(2);
    for (const pattern of wide) expect(pattern.source.length).toBeLessThan(TESTED_SOURCE_MAX + 100);
    expect(Math.max(...wide.map((pattern) => pattern.source.length))).toBeGreaterThan(5_100);
    for (let index = 0; index < long.length; index++) expect(testAny(wide, `a word${index}y here`)).toBe(true);
    expect(testAny(wide, 'word24y')).toBe(false);
  });

  it('anyOf matches exactly where one of the library gates matches, on random text made of their own words', () => {
    // The full library, with the pattern examples the built-in copy is loaded without.
    const library = checkDefaultLibrary();
    const gates = library.clauseTypes.map((type) => compileClauseType(type).gate);
    const specs = library.clauseTypes.flatMap((type) => type.gate);
    // The gates' own examples and literal words (escapes such as \b dropped), so that texts match about half the time.
    const examples = specs.flatMap((spec) => spec.examples ?? []);
    const vocabulary = [
      ...new Set(
        specs
          .map((spec) => spec.pattern)
          .join(' ')
          .replace(/\\[a-zA-Z]/g, ' ')
          .toLowerCase()
          .match(/[a-z]{3,}/g),
      ),
    ];
    const words = fc.array(
      fc.oneof(
        { arbitrary: fc.constantFrom(...vocabulary), weight: 6 },
        { arbitrary: fc.constantFrom(...examples), weight: 1 },
        { arbitrary: fc.constantFrom('not', 'the', 'of', 'beyond', 'control', ',', '.', ';'), weight: 3 },
      ),
      { maxLength: 14 },
    );
    let matched = 0;
    let unmatched = 0;
    fc.assert(
      fc.property(words, (chosen) => {
        const text = chosen.join(' ');
        for (const gate of gates) {
          const expected = gate.some((pattern) => test(pattern, text));
          if (expected) matched++;
          else unmatched++;
          expect(testAny(anyOf(gate), text)).toBe(expected);
          expect(testAny(anyOf(gate, TESTED_SOURCE_MAX), text)).toBe(expected);
        }
      }),
      { numRuns: 300 },
    );
    // Both outcomes were exercised.
    expect(matched).toBeGreaterThan(60);
    expect(unmatched).toBeGreaterThan(60);
  });
});

describe('escapeRegExp', () => {
  it('makes every special character literal', () => {
    const text = 'U.S. (EAR) Part 744* [a-z] $1 ^x | y? {2} \\d';
    expect(new RegExp(`^${escapeRegExp(text)}$`).test(text)).toBe(true);
    expect(new RegExp(escapeRegExp('U.S.')).test('UxSx')).toBe(false);
  });
});
