import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { testAnyReading } from '../../../lib/analysis/patterns.js';
import { splitSentences, withoutAbbreviationPoints, withoutModalAsides } from '../../../lib/analysis/sentences.js';

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

  it('ends a sentence where pasted web markup ends a list item, a paragraph or a line', () => {
    expect(split('<li>Any epidemic or pandemic</li> <li>You are not covered if the claim exposes us to sanctions.</li>')).toEqual([
      '<li>Any epidemic or pandemic</li>',
      '<li>You are not covered if the claim exposes us to sanctions.</li>',
    ]);
    expect(split('Delivery dates are estimates<br/>We are not liable for delay')).toEqual(['Delivery dates are estimates<br/>', 'We are not liable for delay']);
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

describe('withoutModalAsides', () => {
  const squeezed = (text: string) => withoutModalAsides(text).replace(/\s+/g, ' ');

  it('blanks an aside between a modal and its verb', () => {
    expect(squeezed('The Seller shall not, save as otherwise provided herein, be responsible for delay.')).toBe(
      'The Seller shall not be responsible for delay.',
    );
    expect(squeezed('Either party may, by written notice to the other, terminate this Agreement.')).toBe('Either party may terminate this Agreement.');
    expect(squeezed('Company shall not (except as agreed in writing) be liable.')).toBe('Company shall not be liable.');
  });

  it('blanks an aside between a right and what it allows', () => {
    expect(squeezed('A breach entitles Supplier, at its option and without liability, to suspend deliveries.')).toBe(
      'A breach entitles Supplier to suspend deliveries.',
    );
    expect(squeezed('We reserve the right, at our sole discretion, to close the account.')).toBe('We reserve the right to close the account.');
  });

  it('leaves text without such an aside, and lists of verbs, as they are', () => {
    for (const text of [
      'Neither party shall be liable for delay.',
      'Buyer shall pay, inspect, and store the goods.',
      'The goods, once delivered, are at Buyer’s risk.',
    ]) {
      expect(withoutModalAsides(text)).toBe(text);
    }
  });

  it('lets a pattern match the text as written or without its aside, and nothing else', () => {
    const text = 'No party shall, notwithstanding anything herein, be deemed in breach.';
    expect(testAnyReading([/shall\s+be deemed/i], text)).toBe(true);
    expect(testAnyReading([/notwithstanding anything herein/i], text)).toBe(true);
    expect(testAnyReading([/shall be excused/i], text)).toBe(false);
  });

  it('keeps the length and every character outside the asides, so offsets and quotes hold', () => {
    const word = fc.constantFrom(
      'shall',
      'may',
      'not',
      'be',
      'liable',
      'the',
      'Supplier',
      'right',
      'entitled',
      'to',
      'terminate',
      'at',
      'its',
      'option',
      '(except',
      'agreed)',
      'herein',
      'and',
    );
    const text = fc.array(fc.tuple(word, fc.constantFrom(' ', ', ', '. ', '\n')), { maxLength: 40 }).map((parts) => parts.map(([w, gap]) => w + gap).join(''));
    fc.assert(
      fc.property(text, (sample) => {
        const plain = withoutModalAsides(sample);
        expect(plain).toHaveLength(sample.length);
        for (let index = 0; index < sample.length; index++) {
          if (plain[index] !== sample[index]) expect(plain[index]).toBe(' ');
        }
      }),
    );
  });
});

describe('withoutAbbreviationPoints', () => {
  it('masks the points of abbreviations and initialisms, and no full stop', () => {
    const masked = withoutAbbreviationPoints('Subject to a U.S. embargo, e.g. Cuba. Acme Inc. and the P.R.C. shall not. The goods.');
    expect(masked).toBe('Subject to a U․S․ embargo, e․g․ Cuba. Acme Inc․ and the P․R․C․ shall not. The goods.');
  });

  it('lets a pattern that stops at a full stop read on past "U.S.", and nothing else', () => {
    const stopsAtPoint = /shall not access[^.;]{0,80}embargo/i;
    expect(testAnyReading([stopsAtPoint], 'Customer shall not access the Service from a country under a U.S. embargo.')).toBe(true);
    expect(testAnyReading([stopsAtPoint], 'Customer shall not access the Service after notice. Cuba is under an embargo.')).toBe(false);
  });

  it('keeps the length and every other character, so offsets and quotes hold', () => {
    const word = fc.constantFrom('U.S.', 'e.g.', 'Inc.', 'goods.', 'No.', 'the', 'export', 'P.R.C.', 'shall', 'a.', ';', ',');
    fc.assert(
      fc.property(fc.array(word, { maxLength: 30 }), (words) => {
        const text = words.join(' ');
        const masked = withoutAbbreviationPoints(text);
        expect(masked).toHaveLength(text.length);
        expect(masked.replaceAll('\u2024', '.')).toBe(text);
      }),
    );
  });
});
