import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distinctMatches, firstMatch, matches, overlapsAny, ranges, test } from '../../lib/regex.js';

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
});
