import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../../lib/analysis/sentences.js';

const split = (text: string) => splitSentences(text, 0, text.length).map((sentence) => text.slice(sentence.start, sentence.end));

describe('splitSentences', () => {
  it('ends a sentence at a full stop before a capital', () => {
    expect(split('Goods are delivered FCA. Risk passes on delivery.')).toEqual(['Goods are delivered FCA.', 'Risk passes on delivery.']);
  });

  it('ends a sentence at a full stop whose space was lost in extraction', () => {
    expect(split('payment is due as if delivery had been made.War, strikes and floods release us.')).toEqual([
      'payment is due as if delivery had been made.',
      'War, strikes and floods release us.',
    ]);
  });

  it('keeps abbreviations, initials and list items inside their sentence', () => {
    expect(split('Supplied by Acme Inc. The goods are listed.')).toEqual(['Supplied by Acme Inc. The goods are listed.']);
    expect(split('Shipped to the U.S.Government and Acme Inc.The rest stays.')).toHaveLength(1);
    expect(split('Events include fire; flood; embargo.')).toEqual(['Events include fire; flood; embargo.']);
  });

  it('keeps a roman list marker with the item it opens, and still ends a sentence after a roman article number', () => {
    expect(split('We decline in these cases: I. Anonymous entities. II. Sanctioned persons. III. Shell companies.')).toEqual([
      'We decline in these cases: I. Anonymous entities.',
      'II. Sanctioned persons.',
      'III. Shell companies.',
    ]);
    expect(split('Delivery is governed by Article II. The Buyer pays freight.')).toEqual(['Delivery is governed by Article II.', 'The Buyer pays freight.']);
  });
});
