import { describe, expect, it } from 'vitest';
import { normalizeText, pageAt } from '../../lib/normalize.js';

const page = (n: number, body: string) => `SUPPLY AGREEMENT - ACME / BETA\n${body}\nConfidential\nPage ${n} of 3`;

describe('normalizeText', () => {
  it('removes running headers, footers and page numbers, and joins hyphenated words across pages', () => {
    const normalized = normalizeText({
      pages: [
        page(1, '1. Scope\nThe Supplier shall deliver the Goods.'),
        page(2, '2. Force Majeure\nThe affected party shall use its reason-'),
        page(3, 'able efforts to resume performance.'),
      ],
      paged: true,
      notes: [],
    });
    expect(normalized.text).not.toMatch(/SUPPLY AGREEMENT|Confidential|Page \d of 3/);
    expect(normalized.text).toContain('its reasonable efforts');
    expect(normalized.notes.join(' ')).toMatch(/Removed \d+ running header/);
  });

  it('maps every offset to its page', () => {
    const normalized = normalizeText({ pages: ['first page text here', 'second page text', 'third'], paged: true, notes: [] });
    expect(pageAt(normalized, normalized.text.indexOf('first'))).toBe(1);
    expect(pageAt(normalized, normalized.text.indexOf('second'))).toBe(2);
    expect(pageAt(normalized, normalized.text.indexOf('third'))).toBe(3);
  });

  it('replaces ligatures, tabs and odd spaces, and drops soft hyphens', () => {
    const normalized = normalizeText({ pages: ['1.\tEﬀective\u00A0date of the ﬁnal noti\u00ADce'], paged: false, notes: [] });
    expect(normalized.text).toBe('1. Effective date of the final notice');
    expect(pageAt(normalized, 3)).toBeNull();
  });

  it('joins words hyphenated at a line end but keeps real compounds on one line', () => {
    const normalized = normalizeText({ pages: ['the obliga-\ntions of the non-performing party'], paged: false, notes: [] });
    expect(normalized.text).toBe('the obligations of the non-performing party');
  });

  it('takes the comment markers off a licence kept as a comment block of a source file, and says so', () => {
    const block = [
      '/* --COPYRIGHT--',
      ' * 9. Export Control. Licensee shall comply with the EAR.',
      ' *',
      ' ***10. Contingencies. Neither party is liable for delays beyond its control.',
      ' */',
    ];
    const normalized = normalizeText({ pages: [block.join('\n')], paged: false, notes: [] });
    expect(normalized.text).toContain('\n9. Export Control. Licensee');
    expect(normalized.text).toContain('\n10. Contingencies.');
    expect(normalized.notes.join(' ')).toMatch(/comment block/);
    const bullets = ['Terms of sale', '* Prices exclude VAT.', '* Delivery is ex works.', '* Payment is due in 30 days.'];
    expect(normalizeText({ pages: [bullets.join('\n')], paged: false, notes: [] }).text).toContain('* Prices exclude VAT.');
  });

  it('takes out the lines a filed contract saved as text repeats at its former page breaks, not repeated items', () => {
    const source = 'Source: ACME INC, 10-K, 3/1/2019';
    const lines = [
      '14. Force Majeure. Neither party shall be liable for any delay caused by',
      source,
      'events beyond its reasonable control. If such delay continues for',
      source,
      'ninety days, either party may terminate.',
      '(a) [***]',
      '(a) [***]',
      '(a) [***]',
      source,
    ];
    const normalized = normalizeText({ pages: [lines.join('\n')], paged: false, notes: [] });
    expect(normalized.text).not.toContain('Source:');
    expect(normalized.text).toContain('caused by\nevents beyond');
    expect(normalized.text.match(/\(a\) \[\*\*\*\]/g)).toHaveLength(3);
    expect(normalized.notes.join(' ')).toMatch(/Removed 3 running header/);
    // Said twice, a line is content.
    expect(normalizeText({ pages: [[source, 'x', source].join('\n')], paged: false, notes: [] }).text).toContain('Source:');
  });

  it('joins a sentence a page break cut in two, across blank lines, a page number and a legend, and says so', () => {
    const lines = [
      'Distributor understands that the Products are regulated by agencies which',
      '',
      '7',
      '',
      '[***] Confidential treatment requested',
      '',
      'prohibit export or diversion of the Products to certain countries.',
      '',
      '(iii)',
      'the other party is prevented from performing.',
      '',
      'Delivery dates are estimates only',
      '',
      'Title passes on delivery.',
    ];
    const normalized = normalizeText({ pages: [lines.join('\n')], paged: false, notes: [] });
    expect(normalized.text).toContain('agencies which\nprohibit export or diversion');
    // A list marker on its own line is no page number, and a capital starts a new sentence.
    expect(normalized.text).toContain('(iii)\nthe other party');
    expect(normalized.text).toContain('estimates only\n\nTitle passes');
    expect(normalized.notes.join(' ')).toMatch(/Joined 1 sentences/);
  });

  it('takes out repeated furniture that starts with an abbreviation ("Doc. No.", "Dr."), but not repeated clause numbers', () => {
    const furniture = 'Doc. No.: CX ____ Buyer no. / dated ____';
    const body = Array.from({ length: 5 }, (_, index) => [`${index + 1}. Clause ${index + 1} applies to the goods.`, furniture, '(a) [***]']).flat();
    const normalized = normalizeText({ pages: [body.join('\n')], paged: false, notes: [] });
    expect(normalized.text).not.toContain('Doc. No.');
    expect(normalized.text.match(/\(a\) \[\*\*\*\]/g)).toHaveLength(5);
  });

  it('counts text per page so scanned pages are visible', () => {
    const normalized = normalizeText({ pages: ['', 'Some real text on this page, enough to count.'], paged: true, notes: [] });
    expect(normalized.pageChars[0]).toBe(0);
    expect(normalized.pageChars[1]).toBeGreaterThan(25);
  });
});

describe('page joins', () => {
  it('joins a word hyphenated across a page break, also across an empty page, with offsets of each page kept', () => {
    const normalized = normalizeText({ pages: ['the obliga-', '', 'tions of the parties', 'next page'], paged: true, notes: [] });
    expect(normalized.text).toBe('the obligations of the parties\nnext page');
    expect(pageAt(normalized, normalized.text.indexOf('obliga'))).toBe(1);
    expect(pageAt(normalized, normalized.text.indexOf('tions of'))).toBe(3);
    expect(pageAt(normalized, normalized.text.indexOf('next'))).toBe(4);
    expect(normalized.pageChars[1]).toBe(0);
  });
});
