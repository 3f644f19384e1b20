import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePattern, isLiteralPattern, Pattern, patternSource } from '../../../lib/library/pattern.js';

const matches = (source: string, text: string) => compilePattern(source).test(text);

describe('patternSource: the whitespace convention', () => {
  it('lets a literal space match any whitespace run, line breaks included', () => {
    expect(matches('force majeure', 'force \n  majeure')).toBe(true);
    expect(matches('force majeure', 'forcemajeure')).toBe(false);
  });

  it('keeps an optional space optional', () => {
    expect(matches('Washington,? D\\.? ?C\\.?', 'Washington, D.C.')).toBe(true);
    expect(matches('Washington,? D\\.? ?C\\.?', 'Washington DC')).toBe(true);
    expect(matches('P\\. ?R\\. ?China', 'P.R. China')).toBe(true);
    expect(matches('P\\. ?R\\. ?China', 'P.R.China')).toBe(true);
    expect(matches('Tsim ?Sha ?Tsui', 'Tsim Sha Tsui')).toBe(true);
    expect(matches('Tsim ?Sha ?Tsui', 'TsimShaTsui')).toBe(true);
  });

  it('keeps other quantifiers on a space', () => {
    expect(matches('a *b', 'ab')).toBe(true);
    expect(matches('a +b', 'a \n b')).toBe(true);
    expect(matches('^a {2}b$', 'a  b')).toBe(true);
    expect(matches('^a {2}b$', 'a b')).toBe(false); // {2} needs two runs
    expect(matches('^a(?: x){0,2} b$', 'a x x b')).toBe(true);
  });

  it('leaves escaped spaces and spaces in character classes as one whitespace character', () => {
    expect(patternSource('a\\ b')).toBe('a\\ b');
    expect(patternSource('[a-z -]+')).toBe('[a-z\\s-]+');
    expect(matches('^[a-z -]+$', 'forty five')).toBe(true);
    expect(matches('^[a-z -]+$', 'forty+five')).toBe(false);
    expect(patternSource('[^ ]x')).toBe('[^\\s]x');
    expect(patternSource('[] ]')).toBe('[]\\s]');
  });

  it('matches exactly what the same words match with single spaces (property)', () => {
    const word = fc.stringMatching(/^[a-z]{1,8}$/);
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 1, maxLength: 5 }),
        fc.array(fc.constantFrom(' ', '\n', '\t', '  \n '), { minLength: 4, maxLength: 4 }),
        (words, gaps) => {
          const text = words.map((w, i) => (i === 0 ? w : gaps[i % gaps.length] + w)).join('');
          expect(compilePattern(`^${words.join(' ')}$`).test(text)).toBe(true);
        },
      ),
    );
  });
});

describe('Pattern (data)', () => {
  it('accepts a plain string and an object with examples', () => {
    expect(Pattern.parse('force majeure')).toEqual({ pattern: 'force majeure', caseSensitive: false, examples: [], counterExamples: [] });
    expect(Pattern.parse({ pattern: 'acts? of god', examples: ['an act of God'] }).examples).toEqual(['an act of God']);
  });

  it('rejects a pattern that misses one of its examples or matches a counter-example', () => {
    const missed = Pattern.safeParse({ pattern: 'P\\. ?R\\. ?China', examples: ['P.R. China', 'Peking'] });
    expect(missed.success).toBe(false);
    expect(missed.error?.issues[0]?.message).toMatch(/does not match its example "Peking"/);
    const matched = Pattern.safeParse({ pattern: 'china', counterExamples: ['fine china'] });
    expect(matched.error?.issues[0]?.message).toMatch(/matches its counter-example "fine china"/);
  });

  it('honours case sensitivity in examples', () => {
    expect(Pattern.safeParse({ pattern: '\\bEAR\\b', caseSensitive: true, examples: ['the EAR'], counterExamples: ['an ear'] }).success).toBe(true);
  });

  it('tells literal patterns from regular expressions', () => {
    expect(isLiteralPattern('Inner Mongolia')).toBe(true);
    expect(isLiteralPattern('Guangdong(?: Province)?')).toBe(false);
    expect(isLiteralPattern('P\\.R\\.C')).toBe(false);
  });
});
