import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../lib/normalize.js';
import { segment } from '../../lib/segment.js';
import { TextIndex } from '../../lib/text-index.js';

const CONTRACT = `SUPPLY AGREEMENT

12. FORCE MAJEURE
12.1 Neither party is liable for a delay caused by embargoes, export restrictions or acts of government.
12.2 The affected party shall notify the other party within five days.

13. GOVERNING LAW
This Agreement is governed by the laws of England and Wales.
`;

function indexOf(text: string, pages?: string[]): TextIndex {
  const normalized = normalizeText(pages ? { pages, paged: true, notes: [] } : { pages: [text], paged: false, notes: [] });
  return new TextIndex(normalized, segment(normalized.text));
}

describe('TextIndex', () => {
  it('quotes exactly text.slice(start, end) with the clause number it sits in', () => {
    const index = indexOf(CONTRACT);
    const start = index.text.indexOf('notify');
    const evidence = index.quote(start, start + 30);
    expect(evidence.quote).toBe(index.text.slice(start, start + 30));
    expect(evidence.section).toBe('12.2');
    expect(evidence.page).toBeNull();
  });

  it('locates a range by its segment: clause number and the heading above it', () => {
    const index = indexOf(CONTRACT);
    const start = index.text.indexOf('embargoes');
    const segment = index.segmentAt(start);
    expect(index.location(segment, start, start + 9)).toMatchObject({ section: '12.1', start, end: start + 9 });
    expect(index.segmentAt(-1)).toBe(-1);
  });

  it('quotes the sentence around a match, without the heading line it starts with', () => {
    const index = indexOf(CONTRACT);
    const start = index.text.indexOf('England');
    const evidence = index.evidenceAround(start, start + 'England'.length);
    expect(evidence.quote).toBe('This Agreement is governed by the laws of England and Wales.');
    expect(evidence.section).toBe('13');
  });

  it('gives the page of a quote in a paged document', () => {
    const index = indexOf('', [
      '1. SUPPLY\nThe Supplier sells magnets to the Buyer under this agreement.',
      '2. EXPORT\nThe Buyer shall comply with all export control laws and regulations.',
    ]);
    const start = index.text.indexOf('export control');
    expect(index.quote(start, start + 14).page).toBe(2);
    expect(index.evidenceAround(start, start + 14).page).toBe(2);
  });

  it('keeps every quote verbatim and around its match, on random text', () => {
    const word = fc.constantFrom('Supplier', 'shall', 'embargo', '12.1', 'Force Majeure.', '\n', '\n\n3. TERM\n', 'the', 'Buyer;', 'x'.repeat(50));
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 300 }), fc.nat(), fc.nat(40), (words, at, length) => {
        const index = indexOf(words.join(' '));
        fc.pre(index.text.length > 0);
        const start = at % index.text.length;
        const end = Math.min(index.text.length, start + length);
        const around = index.evidenceAround(start, end);
        expect(around.quote).toBe(index.text.slice(around.start, around.end));
        expect(around.start).toBeLessThanOrEqual(start);
        expect(around.end).toBeGreaterThanOrEqual(end);
        const exact = index.quote(start, end);
        expect(exact.quote).toBe(index.text.slice(start, end));
      }),
      { numRuns: 200 },
    );
  });
});
