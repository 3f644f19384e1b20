import { describe, expect, it } from 'vitest';
import { bestSentenceIn, scoreSentences } from '../../../lib/analysis/second-opinion.js';
import type { Classifier } from '../../../lib/learn/model.js';
import { segment } from '../../../lib/segment.js';

// A classifier that only knows one word: its probability rises with the sentences that use it.
const cancelReader: Classifier = { bias: -2, weights: { 'w:cancel': 4 }, accept: 0.5, review: 0.3 };

const TEXT =
  'Each party shall comply with all export control laws. Seller may cancel the order if an export licence is refused. Neither party is liable for delays beyond its control.';

function blankOut(text: string, sentence: string): string {
  const start = text.indexOf(sentence);
  return text.slice(0, start) + ' '.repeat(sentence.length) + text.slice(start + sentence.length);
}

describe('the sentence classifier’s second opinion', () => {
  const segments = segment(TEXT);
  const whole = [{ start: 0, end: TEXT.length }];

  it('reads every sentence of the parts it is given', () => {
    const scored = scoreSentences(TEXT, segments);
    const best = bestSentenceIn(cancelReader, scored, whole);
    expect(best.sentence && TEXT.slice(best.sentence.start, best.sentence.end)).toBe('Seller may cancel the order if an export licence is refused.');
  });

  it('reads only the sentences a clause still holds once another clause took some (blanked out in its text)', () => {
    const scored = scoreSentences(TEXT, segments);
    const own = blankOut(TEXT, 'Seller may cancel the order if an export licence is refused.');
    const best = bestSentenceIn(cancelReader, scored, whole, (sentence) => scored.readsAlikeIn(own, sentence));
    expect(best.sentence).not.toBeNull();
    expect(own.slice(best.sentence!.start, best.sentence!.end).trim()).not.toBe('');
    expect(TEXT.slice(best.sentence!.start, best.sentence!.end)).not.toContain('cancel');
  });

  it('treats the same text as alike without comparing sentence by sentence', () => {
    const scored = scoreSentences(TEXT, segments);
    for (const sentence of scored.all()) expect(scored.readsAlikeIn(TEXT, sentence)).toBe(true);
  });
});
