import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { articleNumberValue, headingOf, sectionLabel, sectionOf, segment, segmentAt, siblingsOf } from '../../lib/segment.js';

const CONTRACT = [
  'SUPPLY AGREEMENT',
  '',
  'ARTICLE 1',
  'DEFINITIONS',
  '1.1 "Goods" means the magnets described in Annex A.',
  '1.2 "Force Majeure Event" has the meaning given in Section 14.2.',
  '',
  'Section 14.2 Force Majeure. Neither party shall be liable for delay caused by',
  'events beyond its reasonable control, including:',
  '(a) embargoes and export restrictions;',
  '(b) acts of any governmental authority.',
  '',
  '15. GOVERNING LAW',
  'This Agreement is governed by the laws of Sweden.',
  '',
  'Payment Terms',
  'Invoices are payable within 30 days.',
  '30 days after delivery the risk passes.',
].join('\n');

describe('segment', () => {
  const segments = segment(CONTRACT);
  const find = (number: string) => segments.find((candidate) => candidate.number === number);

  it('recognises articles, decimal numbers, lettered items and headings', () => {
    expect(find('ARTICLE 1')?.heading).toBe('DEFINITIONS');
    expect(find('1.1')?.level).toBe(2);
    expect(find('Section 14.2')?.heading).toBe('Force Majeure');
    expect(find('(a)')?.parent).toBe(find('Section 14.2')?.index);
    expect(find('15')?.heading).toBe('GOVERNING LAW');
    expect(segments.find((candidate) => candidate.heading === 'Payment Terms')?.kind).toBe('heading');
  });

  it('reads a numbered line holding only a short phrase in sentence case as a heading ("4. Force majeure")', () => {
    const text =
      '3. Delivery\n3.1 Delivery times are estimates.\n\n4. Force majeure\n4.1 Force majeure is taken to mean: every circumstance beyond our control.\n\n5. Delivery of the\ngoods is made ex works.\n\n6. The Buyer shall pay\nwithin 30 days.\n';
    const parsed = segment(text);
    expect(parsed.find((candidate) => candidate.number === '4')?.heading).toBe('Force majeure');
    expect(parsed.find((candidate) => candidate.number === '4.1')?.parent).toBe(parsed.find((candidate) => candidate.number === '4')?.index);
    // The start of a wrapped sentence is no heading: it ends in "the", or holds "shall".
    expect(parsed.find((candidate) => candidate.number === '5')?.heading).toBeNull();
    expect(parsed.find((candidate) => candidate.number === '6')?.heading).toBeNull();
  });

  it('does not take a sentence that starts with a number for a clause', () => {
    expect(segments.some((candidate) => candidate.number === '30')).toBe(false);
  });

  it('keeps offsets that slice to the segment text', () => {
    const item = find('(a)')!;
    expect(CONTRACT.slice(item.start, item.end)).toBe('(a) embargoes and export restrictions;');
    const section = find('Section 14.2')!;
    expect(CONTRACT.slice(section.start, section.subtreeEnd)).toContain('(b) acts of any governmental authority.');
    expect(headingOf(segments, item.index)?.heading).toBe('Force Majeure');
    expect(sectionOf(segments, find('1.2')!.index).number).toBe('ARTICLE 1');
  });

  it('splits untitled paragraphs at blank lines', () => {
    const paragraphs = segment('First paragraph of text.\n\nSecond paragraph of text.');
    expect(paragraphs.map((candidate) => candidate.kind)).toEqual(['paragraph', 'paragraph']);
  });

  it('reads a paragraph set in capitals as one clause, not as a run of headings', () => {
    const text = [
      '9. LATE DELIVERY',
      '(a) SELLER SHALL NOT BE LIABLE FOR ANY DELAY IN DELIVERY OR FAILURE TO DELIVER',
      "ARISING FROM CAUSES BEYOND SELLER'S REASONABLE CONTROL, INCLUDING, WITHOUT",
      'LIMITATION, ACTS OF GOD AND ACTS OF ANY GOVERNMENT.',
      '(b) Delivery dates are extended accordingly.',
    ].join('\n');
    const result = segment(text);
    expect(result.map((item) => item.number)).toEqual(['9', '(a)', '(b)']);
    const item = result[1]!;
    expect(item.heading).toBeNull();
    expect(text.slice(item.start, item.end)).toContain('ACTS OF ANY GOVERNMENT.');
    // Stacked headings still join: "ARTICLE 12" above "FORCE MAJEURE".
    expect(segment('ARTICLE 12\nFORCE MAJEURE\nNeither party is liable.')[0]!.heading).toBe('FORCE MAJEURE');
  });

  it('puts paragraphs numbered afresh under each article ("Article 15 (Force Majeure)" / "1." / "2.")', () => {
    const text = [
      'Article 14 (Delivery)',
      '1. Party B delivers.',
      '2. Title passes.',
      'Article 15 (Force Majeure)',
      '1. Neither party is liable.',
      '2. The party affected notifies.',
    ].join('\n');
    const result = segment(text);
    const article = (number: string) => result.find((item) => item.number === number)!;
    const paragraphs = result.filter((item) => item.number === '1' || item.number === '2');
    expect(paragraphs.map((item) => item.parent)).toEqual([
      article('Article 14').index,
      article('Article 14').index,
      article('Article 15').index,
      article('Article 15').index,
    ]);
    expect(article('Article 15').heading).toBe('(Force Majeure)');
    // Numbering that carries on across articles is the document's own top level.
    expect(find('15')?.level).toBe(1);
  });

  it('reads a section titled under a Roman numeral ("VIII. Force Majeure") as a heading over paragraphs numbered afresh', () => {
    const text = [
      'VIII. Force Majeure',
      '1. The Seller is not liable for hindrances.',
      '2. The Seller notifies the Buyer.',
      'IX. Export Control',
      '1. The Buyer complies.',
    ].join('\n');
    const result = segment(text);
    const heading = (number: string) => result.find((item) => item.number === number)!;
    expect(heading('VIII')).toMatchObject({ kind: 'heading', heading: 'Force Majeure' });
    expect(result.filter((item) => item.number === '1' || item.number === '2').map((item) => item.parent)).toEqual([
      heading('VIII').index,
      heading('VIII').index,
      heading('IX').index,
    ]);
    // A sentence after a Roman numeral is no title.
    expect(segment('II. The Buyer shall pay within thirty days.')[0]!.kind).not.toBe('heading');
  });

  it('reads a numbered Markdown heading as a section over paragraphs numbered afresh', () => {
    const text = [
      '### 21. Limitation of Liability',
      '1. We are not liable for delays.',
      '2. We are not liable for losses.',
      '### 22. Notices',
      '1. Notices are in writing.',
    ].join('\n');
    const result = segment(text);
    const section = (number: string) => result.find((item) => item.kind === 'heading' && item.number === number)!;
    expect(result.filter((item) => item.kind === 'clause').map((item) => item.parent)).toEqual([section('21').index, section('21').index, section('22').index]);
  });

  it('reads a titled schedule, annex or exhibit as a heading over paragraphs numbered afresh', () => {
    const text = [
      'SCHEDULE 4 — EXPORT CONTROL',
      '1. The Distributor complies with export law.',
      '2. The Company may suspend shipment.',
      'Exhibit B: Pricing',
      '1. Prices are in euros.',
    ].join('\n');
    const result = segment(text);
    const titled = (number: string) => result.find((item) => item.number === number)!;
    expect(result.filter((item) => /^\d$/.test(item.number ?? '')).map((item) => item.parent)).toEqual([
      titled('SCHEDULE 4').index,
      titled('SCHEDULE 4').index,
      titled('Exhibit B').index,
    ]);
  });

  it('nests a list that is indented and numbered afresh under the item above it, as text copied from web pages does', () => {
    const text = [
      '1. We are not liable for any loss due to the following reasons.',
      '   1. If the Service cannot be provided due to natural disasters;',
      '   2. If use of the Service becomes impossible due to orders of a government agency;',
      '2. We do not guarantee the accuracy of information.',
      '   (a) Prices may change.',
      '3. Disputes go to the courts of Seoul.',
    ].join('\n');
    const result = segment(text);
    const item = (start: string) => result.find((candidate) => text.slice(candidate.start, candidate.end).trimStart().startsWith(start))!;
    expect(item('1. If the Service').parent).toBe(item('1. We are').index);
    expect(item('2. If use').parent).toBe(item('1. We are').index);
    expect(item('2. We do not').parent).toBeNull();
    expect(item('(a) Prices').parent).toBe(item('2. We do not').index);
    expect(item('3. Disputes').parent).toBeNull();
    // Without indentation a list numbered afresh stays where its numbers put it.
    const flat = segment(['1. First.', '1. Again.'].join('\n'));
    expect(flat.map((candidate) => candidate.parent)).toEqual([null, null]);
  });

  it('reads article numbers written out ("CLAUSE FIFTEEN. - FORCE MAJEURE.")', () => {
    const [clause] = segment('CLAUSE FIFTEEN. - HARDSHIP AND FORCE MAJEURE.\n15.1 Text.');
    expect(clause!.number).toBe('CLAUSE FIFTEEN');
    expect(clause!.heading).toBe('HARDSHIP AND FORCE MAJEURE');
  });

  it('keeps the figure of a wrapped number in its sentence ("more than sixty" / "(60) days")', () => {
    const text = '6.3 If the event lasts more than sixty\n(60) days, the Buyer may terminate.\n6.4 Next.';
    const result = segment(text);
    expect(result.map((item) => item.number)).toEqual(['6.3', '6.4']);
    expect(segment('The goods include:\n(1) magnets;\n(2) alloys.').map((item) => item.number)).toContain('(1)');
  });

  it('reads each row of a Markdown table as a clause titled by its first cell', () => {
    const text = [
      '| Clause | Term |',
      '|---|---|',
      '| Payment | 30 days net. |',
      '| Force majeure | Neither party is liable for events outside its control. |',
    ].join('\n');
    const rows = segment(text);
    expect(rows.map((row) => row.heading)).toEqual(['Clause', 'Payment', 'Force majeure']);
    expect(text.slice(rows[2]!.start, rows[2]!.end)).toBe('| Force majeure | Neither party is liable for events outside its control. |');
    // A first cell that is a sentence titles nothing.
    expect(segment('| Seller is not liable for delay. | yes |')[0]!.heading).toBeNull();
  });

  it('reads a text that is not hard-wrapped as one paragraph per line, keeping bulleted items with their list', () => {
    const text = [
      '[Payment] Invoices are due in 30 days.',
      '[Force Majeure] Neither party is liable for events beyond its control.',
      'Export. The Customer shall comply with export laws:',
      '- it shall not re-export the Products.',
    ].join('\n');
    expect(segment(text).map((part) => text.slice(part.start, part.end))).toEqual([
      '[Payment] Invoices are due in 30 days.',
      '[Force Majeure] Neither party is liable for events beyond its control.',
      'Export. The Customer shall comply with export laws:\n- it shall not re-export the Products.',
    ]);
    // Hard-wrapped text goes on in lower case after most line ends: its lines are one paragraph.
    const wrapped = 'Neither party is liable for any delay\ncaused by events beyond its control,\nincluding fire. The affected party\nshall notify the other.';
    expect(segment(wrapped)).toHaveLength(1);
  });

  it('records a short title run into an untitled paragraph as its run-in title, not as its heading', () => {
    const text =
      'Export controls. The Buyer shall obtain any export licence.\n\nForce Majeure. Neither party is liable for floods.\n\nWe agree. Delivery is FCA.\n\nThank you. We ship daily.\n\nOrder 12. Prices are fixed.';
    const paragraphs = segment(text);
    expect(paragraphs.map((paragraph) => paragraph.runInTitle)).toEqual(['Export controls', 'Force Majeure', undefined, undefined, undefined]);
    // A run-in title may name the clause; it does not make the paragraph about something else.
    expect(paragraphs.every((paragraph) => paragraph.heading === null)).toBe(true);
  });

  it('never throws and keeps every offset inside the text (property)', () => {
    const line = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom('1.', '1.1 Term', '(a) item', 'ARTICLE IV', 'Section 2.3 Notices.', 'FORCE MAJEURE', '', '# Heading', 'Title Case Line'),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), (lines) => {
        const text = lines.join('\n');
        const result = segment(text);
        for (const item of result) {
          expect(item.start).toBeGreaterThanOrEqual(0);
          expect(item.start).toBeLessThanOrEqual(item.end);
          expect(item.end).toBeLessThanOrEqual(item.subtreeEnd);
          expect(item.subtreeEnd).toBeLessThanOrEqual(text.length);
          if (item.parent !== null) expect(item.parent).toBeLessThan(item.index);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('siblingsOf', () => {
  it("gives the sub-clauses under the same parent and the parent's number", () => {
    const text =
      '14. FORCE MAJEURE\n14.1 Neither party is liable for events beyond its control.\n14.2 The affected party shall give notice.\n\n15. LAW\n15.1 Swedish law applies.';
    const segments = segment(text);
    const first = segments.find((candidate) => candidate.number === '14.1')!;
    const family = siblingsOf(segments, first, 5_000)!;
    expect(family.number).toBe('14');
    expect(family.flat).toBe(false);
    expect(family.members.map((member) => member.number)).toContain('14.2');
    expect(family.members.map((member) => member.number)).not.toContain('15.1');
    expect(family.members).not.toContain(first);
    expect(siblingsOf(segments, first, 20)).toBeNull();
  });

  it('reads a run of top-level clauses numbered "7.x" as one flat section when no heading segment holds them', () => {
    const text = [
      '6.3 Research. The parties shall meet once a year. 7. FORCE MAJEURE.',
      '7.1 Force Majeure Event. "Force Majeure Event" means an event beyond a Party\'s control.',
      '7.2 Notice. Neither Party is responsible for a failure caused by a Force Majeure Event.',
      '7.3 Termination. If a Party fails to perform for any reason defined in this Article 7 for ninety days, the other Party may terminate.',
      '8.1 Ownership. Each Party keeps its own inventions.',
    ].join('\n');
    const segments = segment(text);
    const notice = segments.find((candidate) => candidate.number === '7.2')!;
    expect(notice.parent).toBeNull();
    const family = siblingsOf(segments, notice, 5_000)!;
    expect(family).toMatchObject({ number: '7', flat: true });
    expect(family.members.map((member) => member.number)).toEqual(['7.1', '7.3']);
    expect(siblingsOf(segments, segments.find((candidate) => candidate.number === '8.1')!, 5_000)?.members).toEqual([]);
  });

  it('reads a run of third-level clauses ("8.3.1", "8.3.2") with no section over them as one flat family', () => {
    const text = [
      '8.3.1 If the Builder is delayed by storms or strikes, the time for completion is extended.',
      '8.3.2 No extension is granted unless the Builder gives notice within 14 days.',
      '8.4.1 The Owner pays monthly.',
    ].join('\n');
    const segments = segment(text);
    const delay = segments.find((candidate) => candidate.number === '8.3.1')!;
    expect(delay.parent).toBeNull();
    const family = siblingsOf(segments, delay, 5_000)!;
    expect(family).toMatchObject({ number: '8.3', flat: true });
    expect(family.members.map((member) => member.number)).toEqual(['8.3.2']);
  });

  it('reads a run of lettered clauses with no section over them (an excerpt that starts at "(a)") as one flat family', () => {
    const text = [
      '(a) This clause applies to any sanction imposed on designated persons.',
      '(b) Each party warrants that it is not a designated person.',
      '(c) The Vessel will not be used for any purpose contrary to sub-clause (a).',
    ].join('\n');
    const segments = segment(text);
    const warranty = segments.find((candidate) => candidate.number === '(b)')!;
    expect(warranty.parent).toBeNull();
    const family = siblingsOf(segments, warranty, 5_000)!;
    expect(family).toMatchObject({ number: null, flat: true });
    expect(family.members.map((member) => member.number)).toEqual(['(a)', '(c)']);
  });
});

describe('segmentAt', () => {
  it('finds the segment holding an offset, and -1 before the first', () => {
    const text = 'Preamble text.\n\n1. SUPPLY\nThe Supplier sells.\n\n2. PRICE\nThe Buyer pays.';
    const segments = segment(text);
    for (const [offset, expected] of [
      [text.indexOf('sells'), '1'],
      [text.indexOf('pays'), '2'],
    ] as const) {
      const found = segments[segmentAt(segments, offset)]!;
      expect(sectionLabel(segments, found.index)).toBe(expected);
    }
    expect(segmentAt([], 5)).toBe(-1);
    expect(segmentAt(segments.slice(1), 0)).toBe(-1);
  });

  it('reads a clause number on a line of its own with the text on the next line, as filings converted to text write it', () => {
    const text = [
      '21.',
      'Termination',
      '',
      '21.1',
      'This Agreement may be terminated if any of the following occurs:',
      '',
      '(iii)',
      'the other party is prevented from performing for three months.',
      '',
      '21.2',
      'Termination does not affect accrued rights.',
    ].join('\n');
    const segments = segment(text);
    const numbered = segments.filter((candidate) => candidate.number !== null);
    expect(numbered.map((candidate) => candidate.number)).toEqual(['21', '21.1', '(iii)', '21.2']);
    expect(numbered[0]!.heading).toBe('Termination');
    const item = numbered[2]!;
    expect(segments[item.parent!]!.number).toBe('21.1');
    expect(text.slice(item.start, item.end)).toBe('(iii)\nthe other party is prevented from performing for three months.');
    // A bare figure is no clause number: "7" alone may be a page number.
    expect(segment('7\nprohibit export of the goods.').every((candidate) => candidate.number === null)).toBe(true);
  });

  it('starts a section inside a long run-on line at "N. TITLE N.1", without changing the text', () => {
    const filler = 'The Supplier shall deliver the goods on the agreed dates and in the agreed quantities. '.repeat(7);
    const text = `9. DELIVERY 9.1 ${filler}10. EXPORT CONTROL 10.1 Buyer shall comply with export control laws. 10.2 Buyer shall not re-export the goods.`;
    const segments = segment(text);
    const exportSection = segments.find((candidate) => candidate.heading === 'EXPORT CONTROL');
    expect(exportSection?.number).toBe('10');
    expect(text.slice(exportSection!.start, exportSection!.subtreeEnd)).toMatch(/^10\. EXPORT CONTROL 10\.1 Buyer shall comply/);
    // A short line keeps "10. EXPORT CONTROL 10.1" as written: only lost line breaks are worked around.
    const short = segment('10. EXPORT CONTROL 10.1 Buyer shall comply with export control laws.');
    expect(short.filter((candidate) => candidate.heading === 'EXPORT CONTROL')).toHaveLength(0);
  });

  it('starts a section inside a long run-on line at "N. TITLE IN CAPITALS" followed by its sentence', () => {
    const filler = 'Upon termination the Parties shall not be relieved of liabilities arising under any law made by any government. '.repeat(5);
    const text = `32. SETTLEMENT OF CLAIMS ${filler}33. FORCE MAJEURE If any Party cannot perform because of causes beyond its reasonable control, it is excused.`;
    const section = segment(text).find((candidate) => text.slice(candidate.start, candidate.end).startsWith('33. FORCE MAJEURE'));
    expect(section).toBeDefined();
    expect(text.slice(section!.start, section!.end)).toMatch(/^33\. FORCE MAJEURE If any Party cannot perform/);
    // A figure in running text followed by words in capitals and a lower-case word starts nothing.
    const running = `${filler}We owe 12. USD amounts are due.`;
    expect(segment(running).some((candidate) => running.slice(candidate.start, candidate.end).startsWith('12.'))).toBe(false);
  });

  it('starts an article inside a long run-on line at "ARTICLE NINE TITLE 9.1", when the numbers agree', () => {
    const filler = 'The provisions of Article Five and Article Nine shall survive termination of this Agreement. '.repeat(6);
    const text = `ARTICLE EIGHT TERM 8.1 Term. ${filler}ARTICLE NINE MISCELLANEOUS 9.1 Force Majeure. Neither party is liable for delays beyond its control. 9.2 Notices. Notices are in writing.`;
    const segments = segment(text);
    const article = segments.find((candidate) => candidate.heading === 'MISCELLANEOUS');
    expect(article?.number).toBe('ARTICLE NINE');
    const forceMajeure = segments.find((candidate) => candidate.number === '9.1');
    expect(text.slice(forceMajeure!.start, forceMajeure!.end)).toMatch(/^9\.1 Force Majeure\. Neither party/);
    // "ARTICLE NINE … 8.1" is not an article heading: the numbers disagree.
    const mismatched = text.replace('9.1 Force Majeure', '8.4 Force Majeure');
    expect(segment(mismatched).some((candidate) => candidate.heading === 'MISCELLANEOUS')).toBe(false);
  });

  it('reads article numbers written in digits, Roman numerals and words', () => {
    expect(['12', 'IX', 'XIV', 'NINE', 'Twenty-One', 'THIRD', 'TWENTY'].map(articleNumberValue)).toEqual([12, 9, 14, 9, 21, 3, 20]);
    expect(articleNumberValue('Miscellaneous')).toBeNaN();
  });
});
