import { describe, expect, it } from 'vitest';
import { excludedFor, findElement, leadInOf, operativeSentences, sentenceGroup, type SentenceGroup } from '../../../lib/analysis/elements.js';
import { compileClauseType } from '../../../lib/analysis/patterns.js';
import { flattenLines, splitSentences } from '../../../lib/analysis/sentences.js';
import { loadDefaultLibrary } from '../../../lib/library/load.js';
import { segment } from '../../../lib/segment.js';

const forceMajeure = compileClauseType(loadDefaultLibrary().clauseTypes.find((type) => type.id === 'force-majeure')!);
const rules = (id: string) => forceMajeure.elements.find((element) => element.id === id)!.rules;

const TERMINATION = `20. TERM AND TERMINATION

20.1 This Agreement runs for five years.

20.2 This Agreement may be ended forthwith by either Party if:

(a) the other Party commits a material breach which is not remedied within thirty (30) days;

(b) the other Party enters into liquidation; or

(c) a Force Majeure Event has prevented the other Party from performing for a period of more than twelve (12) consecutive weeks.
`;

function itemGroup(text: string, marker: string): SentenceGroup {
  const segments = segment(text);
  const item = segments.find((candidate) => text.slice(candidate.start, candidate.end).startsWith(marker))!;
  return sentenceGroup(text, segments, item, splitSentences(text, item.start, item.end));
}

const NESTED = [
  'PURCHASE ORDER TERMS',
  '',
  '(a) The Contractor shall comply with the following clauses, incorporated by reference:',
  '',
  '(1) The clauses listed below implement statutes:',
  '',
  '(i) Equal Opportunity.',
  '',
  '(ii) Restrictions on Certain Foreign Purchases (sanctions programmes of the Office of Foreign Assets Control).',
  '',
  '(2) Listed below are further clauses that apply:',
  '',
].join('\n');

describe('list items read with their lead-in', () => {
  it('finds the lead-in that announces a list, and none for a clause that does not', () => {
    const segments = segment(TERMINATION);
    const item = segments.find((candidate) => TERMINATION.slice(candidate.start, candidate.end).startsWith('(c)'))!;
    const leadIn = leadInOf(TERMINATION, segments, item)!;
    expect(TERMINATION.slice(leadIn.start, leadIn.end)).toContain('may be ended forthwith by either Party if:');
    const term = segments.find((candidate) => TERMINATION.slice(candidate.start, candidate.end).startsWith('20.1'))!;
    expect(leadInOf(TERMINATION, segments, term)).toBeUndefined();
  });

  it('finds the lead-in of items numbered like sections after an unnumbered paragraph, but not a preamble', () => {
    const list =
      'Cancellation. The Purchaser may cancel the Order in the following cases:\n1. the goods are late;\n2. the delay lasts more than eight weeks.\n';
    const segments = segment(list);
    const second = segments.find((candidate) => list.slice(candidate.start, candidate.end).startsWith('2.'))!;
    const leadIn = leadInOf(list, segments, second)!;
    expect(list.slice(leadIn.start, leadIn.end)).toContain('in the following cases:');
    const contract = list.replace('Cancellation. The Purchaser may cancel the Order in the following cases:', 'NOW, THEREFORE, the parties agree as follows:');
    const sections = segment(contract);
    expect(leadInOf(contract, sections, sections.find((candidate) => contract.slice(candidate.start, candidate.end).startsWith('2.'))!)).toBeUndefined();
  });

  it('finds the lead-in paragraph between a heading and its items', () => {
    const text = [
      '12. Export Controls.',
      '',
      'You will comply with all export laws. You will not export the Software to any of the following:',
      '(a) any person on a sanctions list;',
      '(b) any embargoed country.',
      '',
    ].join('\n');
    const segments = segment(text);
    const item = segments.find((candidate) => text.slice(candidate.start, candidate.end).startsWith('(b)'))!;
    const leadIn = leadInOf(text, segments, item)!;
    expect(text.slice(leadIn.start, leadIn.end)).toBe('You will not export the Software to any of the following:');
    // A paragraph that does not announce a list introduces nothing.
    const plain = text.replace('to any of the following:', 'to any person.');
    const plainSegments = segment(plain);
    expect(leadInOf(plain, plainSegments, plainSegments.find((candidate) => plain.slice(candidate.start, candidate.end).startsWith('(b)'))!)).toBeUndefined();
  });

  it('takes a numbered section ending in a colon for the lead-in of items that count from one again', () => {
    const text = [
      '8. Payment',
      'Invoices are payable in thirty days.',
      '',
      '9. Legal obligations',
      'The Supplier must respect:',
      '',
      '1. labour law;',
      '2. export controls and sanctions;',
      '3. data protection law.',
      '',
    ].join('\n');
    const { leadIn } = itemGroup(text, '2.');
    expect(text.slice(leadIn!.start, leadIn!.end)).toContain('The Supplier must respect:');
    // Items that go on counting ("10." after "9.") are sections of their own.
    const sections = text.replace('1. labour', '10. labour').replace('2. export', '11. export').replace('3. data', '12. data');
    expect(itemGroup(sections, '11.').leadIn).toBeUndefined();
  });

  it('reads an item of a list within a list with both lead-ins, each kind of number announcing the next', () => {
    const group = itemGroup(NESTED, '(ii)');
    expect(NESTED.slice(group.leadIn!.start, group.leadIn!.end)).toBe('(1) The clauses listed below implement statutes:');
    expect(NESTED.slice(group.outerLeadIn!.start, group.outerLeadIn!.end)).toContain('shall comply with the following clauses');
    // "(2)" continues the numbered list: it is no item of "(1)".
    expect(itemGroup(NESTED, '(2)').leadIn).toMatchObject({ start: NESTED.indexOf('(a)') });
  });

  it('takes a lead-in that names "this Agreement" (only the verb "agree" makes a preamble)', () => {
    const list =
      'Termination. This Agreement may be terminated by the Seller in the following cases:\n1. the Buyer fails to pay;\n2. the Buyer becomes subject to sanctions.\n';
    const { leadIn } = itemGroup(list, '2.');
    expect(list.slice(leadIn!.start, leadIn!.end)).toBe('This Agreement may be terminated by the Seller in the following cases:');
  });

  it('takes a promise that opens a list ("You agree not to:") for a lead-in, not a preamble', () => {
    const text = [
      'Acceptable Use',
      '',
      'You agree to use the Service only for lawful purposes. You agree not to:',
      '',
      '- copy or resell the Service;',
      '- use the Service in violation of export control laws.',
      '',
    ].join('\n');
    const leadInOfItems = (list: string) => {
      const { leadIn } = itemGroup(list, '- copy');
      return leadIn && list.slice(leadIn.start, leadIn.end);
    };
    expect(leadInOfItems(text)).toBe('You agree not to:');
    for (const opening of ['Customer agrees to:', 'You agree that you will not:']) {
      expect(leadInOfItems(text.replace('You agree not to:', opening))).toBe(opening);
    }
    // The parties' agreement to the whole contract still introduces no list.
    expect(leadInOfItems(text.replace('You agree not to:', 'The parties agree as follows:'))).toBeUndefined();
  });

  it('reads a list whose markers were lost with the paragraph that announces it', () => {
    const text = [
      '4.3 Termination by the Provider',
      '',
      'The Provider may terminate this Agreement immediately if:',
      '',
      'The Merchant breaches the Acceptable Use Policy',
      'The Merchant becomes subject to sanctions',
      '',
    ].join('\n');
    const { leadIn } = itemGroup(text, 'The Merchant');
    expect(text.slice(leadIn!.start, leadIn!.end)).toBe('The Provider may terminate this Agreement immediately if:');
    // A paragraph that ends in a full stop announces nothing.
    expect(itemGroup(text.replace('immediately if:', 'immediately for cause.'), 'The Merchant').leadIn).toBeUndefined();
  });

  it('reads every item of a list that lost its bullets with the paragraph that announces it, not only the first', () => {
    const text = [
      '6. Prohibited Conduct',
      '',
      'You must not:',
      '',
      'Upload unlawful content.',
      'Copy or resell the Service.',
      'Violate export control or sanctions laws.',
      '',
    ].join('\n');
    const { leadIn } = itemGroup(text, 'Violate');
    expect(text.slice(leadIn!.start, leadIn!.end)).toBe('You must not:');
    // A long paragraph between the announcement and the item ends the run.
    const broken = text.replace(
      'Copy or resell the Service.',
      'We may change these terms at any time. Changes take effect when they are posted, and your continued use means you accept them.\n',
    );
    expect(itemGroup(broken, 'Violate').leadIn).toBeUndefined();
  });

  it('takes "… shall not include the following damages" for a lead-in', () => {
    const text = "9.2 The Provider's liability shall not include the following damages\n(1) loss of profit;\n(2) loss caused by events beyond its control.\n";
    expect(itemGroup(text, '(2)').leadIn).toBeDefined();
  });

  it('reads a termination right split between the lead-in and the item, and quotes the item only', () => {
    const group = itemGroup(TERMINATION, '(c)');
    const match = findElement(TERMINATION, [[group]], rules('termination'))!;
    expect(match).not.toBeNull();
    const quote = TERMINATION.slice(match.start, match.end);
    expect(quote).toContain('twelve (12) consecutive weeks');
    expect(quote).not.toContain('may be ended');
  });

  it('finds nothing when the item alone and the lead-in alone both fail', () => {
    const text = TERMINATION.replace('may be ended forthwith by either Party if:', 'is subject to the following conditions:');
    expect(findElement(text, [[itemGroup(text, '(c)')]], rules('termination'))).toBeNull();
  });

  it('takes the paragraph just before items numbered from one for their lead-in, though the items stand outside its section', () => {
    const text = [
      'Terms',
      '',
      'Neither party will be held liable for any failure to perform its obligations due to any of the following:',
      '',
      '  1. Acts or regulations of public authorities;',
      '  2. Inclement weather; or',
      '  3. Any other cause beyond the reasonable control of the parties.',
      '',
    ].join('\n');
    const { leadIn } = itemGroup(text, '  3.');
    expect(leadIn && text.slice(leadIn.start, leadIn.end)).toBe(
      'Neither party will be held liable for any failure to perform its obligations due to any of the following:',
    );
    // Items that do not start the count are not announced by the paragraph.
    expect(itemGroup(text.replace('  1. ', '  4. ').replace('  2. ', '  5. ').replace('  3. ', '  6. '), '  6.').leadIn).toBeUndefined();
  });

  it('reads a bulleted item on from its lead-in past the bullet, and quotes the item', () => {
    const remedy = compileClauseType(loadDefaultLibrary().clauseTypes.find((type) => type.id === 'export-control')!).elements.find(
      (element) => element.id === 'remedy',
    )!;
    const text = ['Sanctioned Countries', '', 'The Provider reserves the right to:', '', '- suspend accounts;', '- report unlawful activity.', ''].join('\n');
    const segments = segment(text);
    const groups = segments.map((part) => sentenceGroup(text, segments, part, splitSentences(text, part.start, part.end)));
    const match = findElement(text, [groups], remedy.rules)!;
    expect(match).not.toBeNull();
    expect(text.slice(match.start, match.end)).toContain('suspend accounts');
    // Without a right in the lead-in the item is a bare phrase.
    const bare = text.replace('The Provider reserves the right to:', 'The Provider records:');
    const bareSegments = segment(bare);
    const bareGroups = bareSegments.map((part) => sentenceGroup(bare, bareSegments, part, splitSentences(bare, part.start, part.end)));
    expect(findElement(bare, [bareGroups], remedy.rules)).toBeNull();
  });
});

describe("an element's exclusions", () => {
  const exportControl = compileClauseType(loadDefaultLibrary().clauseTypes.find((type) => type.id === 'export-control')!);
  const remedy = exportControl.elements.find((element) => element.id === 'remedy')!;
  const read = (text: string) => findElement(text, [[{ sentences: splitSentences(text, 0, text.length), segment: 0 }]], remedy.rules);

  it('rule out a sentence for the rules and the classifier alike (a refused permit that gives no right to withdraw)', () => {
    const noRight = 'The refusal of an export permit does not entitle the Buyer to withdraw from the contract.';
    expect(excludedFor(remedy, noRight)).toBe(true);
    expect(read(`The Seller shall apply for the export permit. ${noRight}`)).toBeNull();
  });

  it('count a right to terminate for breach of the export clause, but not damages or an indemnity alone (RUBRIC convention 3)', () => {
    expect(
      read('Distributor shall comply with export laws. Company may terminate this Agreement immediately if Distributor breaches this Section.'),
    ).not.toBeNull();
    expect(read('Distributor shall comply with export laws. If Distributor breaches this Section, it shall indemnify Company against all losses.')).toBeNull();
    expect(read('A breach of this clause is a material breach, whereupon the Seller may seek appropriate remedies, which may include termination.')).toBeNull();
  });

  it('read an item of an unmarked list with its lead-in, even when only the item lies in the provision', () => {
    // Sentences are split on the text as written and rules read the same offsets with lines joined.
    const itemOf = (written: string) => {
      const item = splitSentences(written, 0, written.length).filter((sentence) => written.slice(sentence.start, sentence.end).startsWith('involves'));
      expect(item).toHaveLength(1);
      return findElement(flattenLines(written), [[{ sentences: item, segment: 0 }]], remedy.rules);
    };
    const written =
      'We may delay, block or refuse to process any payment without liability if we suspect that the payment:\n\n' +
      'may breach any law of any country;\n\ninvolves any sanctioned person under the sanctions of the United Nations; or\n\nis unusual for your account.';
    const found = itemOf(written);
    expect(found && written.slice(found.start, found.end)).toContain('sanctioned person');
    // After a full stop the paragraph continues nothing.
    expect(itemOf(written.replace('the payment:', 'the payment.').replace('any country;', 'any country.'))).toBeNull();
  });

  it("do not take a licence's own refusal for the right that answers it", () => {
    expect(
      read('If an export licence is refused, the parties shall meet within fourteen days to discuss what alternative arrangements may be made.'),
    ).toBeNull();
    expect(read('If the export licence is finally refused, the order lapses and neither party has any claim against the other.')).not.toBeNull();
  });

  it('do not rule out a sentence that also names a legal impediment', () => {
    const impediment = 'If we believe your account is used in breach of this section, or that serving you would breach sanctions law, we may suspend it.';
    expect(excludedFor(remedy, impediment)).toBe(false);
    expect(read(impediment)).not.toBeNull();
  });
});

describe('rules that hold only under some headings', () => {
  const exportControl = compileClauseType(loadDefaultLibrary().clauseTypes.find((type) => type.id === 'export-control')!);
  const compliance = exportControl.elements.find((element) => element.id === 'compliance')!;
  const underHeading = (heading: string) => {
    const text = `LICENCE\n\n4. ${heading}\n\nYou agree to comply with all applicable federal and foreign laws, regulations and rules.\n\n5. Law\n\nDelaware law governs.\n`;
    const segments = segment(text);
    const body = segments.find((candidate) => text.slice(candidate.start, candidate.end).startsWith('You agree'))!;
    return { text, group: sentenceGroup(text, segments, body, splitSentences(text, body.start, body.end)) };
  };

  it('carry the headings of the section and the sections around it', () => {
    expect(underHeading('Export Compliance').group.headings).toContain('Export Compliance');
  });

  it('read a general promise to obey the law as export compliance under an export heading, and not under another', () => {
    const exported = underHeading('Export Compliance');
    expect(findElement(exported.text, [[exported.group]], compliance.rules)).not.toBeNull();
    const general = underHeading('General Terms');
    expect(findElement(general.text, [[general.group]], compliance.rules)).toBeNull();
  });
});

describe('the operative sentence an element is judged on', () => {
  const operativesOf = (text: string) => {
    const sentences = splitSentences(text, 0, text.length);
    const [groups] = operativeSentences(text, [[{ sentences, segment: 0 }]], forceMajeure.operative, forceMajeure.gate);
    return groups!.flatMap((group) => group.sentences.map((sentence) => text.slice(sentence.start, sentence.end)));
  };
  const operativeOf = (text: string) => operativesOf(text)[0];

  it('is the excuse, not an exclusion from the definition that mentions being excused', () => {
    const text =
      'The term Force Majeure does not include any shortfall caused by a supplier of the Seller, unless such shortfall is itself excused by Force Majeure. ' +
      'Neither Party shall be liable for any delay or failure in its performance due to Force Majeure.';
    expect(operativeOf(text)).toBe('Neither Party shall be liable for any delay or failure in its performance due to Force Majeure.');
  });

  it('is the excuse, not a right to withdraw that comes before it', () => {
    const text =
      'If the hindrance lasts longer than three months, each contracting party shall be entitled to withdraw from the contract. ' +
      'Events of force majeure, such as war and strikes, shall release the Supplier from its delivery obligations for their duration.';
    expect(operativeOf(text)).toBe(
      'Events of force majeure, such as war and strikes, shall release the Supplier from its delivery obligations for their duration.',
    );
  });

  it('is not a sentence that keeps a duty in place ("Nothing in this Clause shall relieve …")', () => {
    const text =
      'Nothing in this Clause shall relieve the Employer of its obligation to pay for work already executed. ' +
      'If the Works are prevented for 120 days by Force Majeure, either Party may give notice of termination.';
    expect(operativeOf(text)).toBe('If the Works are prevented for 120 days by Force Majeure, either Party may give notice of termination.');
  });

  it('is the right to withdraw when the part has no other excuse', () => {
    const text = 'If a Force Majeure Event continues for more than ninety days, either party may terminate this Agreement on written notice.';
    expect(operativeOf(text)).toBe(text);
  });

  // Each case: the sentences of one part, and which of them relieve someone.
  it.each([
    [
      'takes a termination without liability for the exit, not the excuse',
      'If the force majeure lasts more than sixty days, either party may dissolve the agreement without liability for damages.',
      'Force majeure such as war releases the Supplier from its obligations.',
      [1],
    ],
    [
      'takes an exit whose condition names the event for the exit ("If an Excusable Delay lasts …, Buyer may terminate")',
      "Seller shall not be responsible for any delay in delivery resulting from causes beyond Seller's reasonable control.",
      'If an Excusable Delay lasts more than 180 days, Buyer may terminate this order, and such termination shall be without liability of either party.',
      [0],
    ],
    [
      'takes an exit whose condition follows its list marker for the exit ("(c) If an excusable delay continues …")',
      "(a) Seller shall not be liable for any delay in delivery to the extent caused by events beyond Seller's reasonable control.",
      '(c) If an excusable delay continues for more than 120 days, Buyer may terminate the order without liability to either party, except for payment for items delivered.',
      [0],
    ],
    [
      'leaves out a duty that names both parties without relieving either',
      'The Supplier shall not be liable for any delay caused by force majeure.',
      'In the event of force majeure, either party shall promptly notify the other in writing.',
      [0],
    ],
    [
      "counts every excuse in the clause's own words, so one relieving both parties makes it mutual",
      'The Provider assumes no liability for interruptions caused by events beyond its control.',
      'Neither party shall be liable for any failure to perform caused by circumstances beyond its reasonable control.',
      [0, 1],
    ],
  ])('%s', (_name, first, second, relieving) => {
    const sentences = [first, second];
    expect(operativesOf(sentences.join(' '))).toEqual(relieving.map((index) => sentences[index]));
  });
});
