import { describe, expect, it } from 'vitest';
import { definitionListsEvents } from '../../../lib/analysis/locate.js';
import { compileClauseType } from '../../../lib/analysis/patterns.js';
import { loadDefaultLibrary } from '../../../lib/library/load.js';

const forceMajeure = compileClauseType(loadDefaultLibrary().clauseTypes.find((type) => type.id === 'force-majeure')!);
const definition = forceMajeure.definition!;

/** The finding of one clause type (force majeure unless named) for a short text run through the whole analysis. */
async function analyze(text: string, clauseType = 'force-majeure') {
  const { analyzeDocument } = await import('../../../lib/analyze.js');
  const { report } = await analyzeDocument(new TextEncoder().encode(text), { name: 'terms.txt', library: loadDefaultLibrary() });
  return report.findings!.find((finding) => finding.clauseType === clauseType)!;
}

/** Whether one of a finding's parts covers the offset. */
function covers(finding: Awaited<ReturnType<typeof analyze>>, offset: number, role?: string): boolean {
  return finding.parts!.some((part) => part.start <= offset && part.end > offset && (role === undefined || part.role === role));
}

/** The text of the provision a finding located. */
function locatedText(text: string, finding: Awaited<ReturnType<typeof analyze>>): string {
  return text.slice(finding.location!.start, finding.location!.end);
}

describe('definitionListsEvents', () => {
  it('holds for a definition that gives examples or a list of events', () => {
    expect(definitionListsEvents('"Force Majeure Event" means any event beyond the reasonable control of a party, including fire and flood.', definition)).toBe(
      true,
    );
    expect(definitionListsEvents('Force Majeure Event: any circumstance not in the Seller’s control including: (a) acts of God; (b) war.', definition)).toBe(
      true,
    );
    expect(definitionListsEvents('"Force Majeure" means fire, flood, war, strikes or epidemics.', definition)).toBe(true);
    expect(definitionListsEvents('A Force Majeure Event is any event beyond a party’s control (e.g. a pandemic).', definition)).toBe(true);
  });

  it('fails for a definition that only describes the events, or only points elsewhere (convention 8)', () => {
    expect(
      definitionListsEvents('Force Majeure Event means any event beyond the Seller’s reasonable control; Goods means the goods ordered.', definition),
    ).toBe(false);
    expect(
      definitionListsEvents('"Force Majeure Event" has the meaning given in clause 14; "Goods" means the goods, parts and materials ordered.', definition),
    ).toBe(false);
  });

  it('reads the events a definition gives in the sentence after it ("Such circumstances include: …")', () => {
    expect(
      definitionListsEvents(
        'Force Majeure Event means an event beyond the reasonable control of the parties which prevents a party from performing on time. Such circumstances include: 1. earthquakes and floods; 2. war and riots.',
        definition,
      ),
    ).toBe(true);
    expect(
      definitionListsEvents(
        'Force Majeure Event means an event beyond the reasonable control of a party. The Supplier shall notify the Buyer of it.',
        definition,
      ),
    ).toBe(false);
  });

  it('reads on past a semicolon inside the definition, and stops at one that opens the next definition', () => {
    expect(
      definitionListsEvents(
        '"Force Majeure" means a delay not caused by the negligence of either party and which; could not have been foreseen, and shall include any of the following: acts of God; floods; epidemics;',
        definition,
      ),
    ).toBe(true);
    expect(
      definitionListsEvents(
        '"Force Majeure" means any event beyond the Supplier’s control; "Goods" means the parts, tools and materials listed in the order.',
        definition,
      ),
    ).toBe(false);
  });

  it('fails where no definition of the term is found', () => {
    expect(definitionListsEvents('Neither party is liable for fire, flood, war or strikes.', definition)).toBe(false);
  });
});

describe('the definition pattern', () => {
  it('reads "are deemed cases of force majeure" as a definition, and "shall not be deemed force majeure" as none', () => {
    definition.lastIndex = 0;
    expect(definition.test('The following are deemed cases of force majeure: fire, flood and war.')).toBe(true);
    definition.lastIndex = 0;
    expect(definition.test('Neither party is liable for delay caused by fire or flood; strikes at the Seller’s plant shall not be deemed force majeure.')).toBe(
      false,
    );
  });
});

describe('a definition whose list of events runs on in paragraphs', () => {
  const items = [
    'war, riot or civil commotion;',
    'flood, storm or earthquake;',
    'Strikes lasting more than five days;',
    'confiscation or requisition by any government authority; or\nany other event which could not have been avoided by reasonable diligence.',
  ];
  const relief = 'The party affected by Force Majeure shall notify the other party promptly and its obligations shall be suspended while it lasts.';

  it('keeps the items after "includes:-" (a colon and a dash) in the definition', async () => {
    const text = `"Force Majeure" means any event beyond the control of a party, and includes:-\n\n${items.join('\n\n')}\n\n${relief}\n`;
    const finding = await analyze(text);
    const definitionPart = finding.parts.find((part) => part.role === 'definition')!;
    expect(text.slice(definitionPart.start, definitionPart.end)).toContain('requisition by any government authority');
    expect(finding.elements.find((element) => element.id === 'governmentAction')?.present).toBe(true);
  });

  it('does not run on past an item that ends the list with a full stop', async () => {
    const text = `"Force Majeure" means any event beyond the control of a party, and includes:\n\nwar, riot or civil commotion;\n\nflood or fire.\n\nPrices may be changed by the government authority at any time.\n\n${relief}\n`;
    const finding = await analyze(text);
    const definitionPart = finding.parts.find((part) => part.role === 'definition')!;
    expect(text.slice(definitionPart.start, definitionPart.end)).toContain('flood or fire.');
    expect(text.slice(definitionPart.start, definitionPart.end)).not.toContain('Prices may be changed');
  });
});

describe('a list item excused only through its introduction', () => {
  const list = (introduction: string) =>
    `Liability\n${introduction}\n\n• Loss of perishable items\n• Damage from poor packing\n• Delays beyond our control\n\nPlease insure valuable items.\n`;

  it('is scored with the cues of the introduction ("is not liable for:")', async () => {
    const finding = await analyze(list('While we handle every parcel with care, Parcelo is not liable for:'));
    expect(finding.verdict).not.toBe('missing');
    expect(finding.rationale.join(' ')).toMatch(/not liable/);
  });

  it('is not accepted under an introduction that excuses nothing', async () => {
    const finding = await analyze(list('Parcelo keeps a record of:'));
    expect(finding.verdict).toBe('missing');
  });
});

describe('an item of a list that lost its bullets, a candidate on its own words', () => {
  const list = (closing: string) =>
    `4. Deliveries\n\n4.3 Late Deliveries\n\nThe Store is not liable for late deliveries arising from:\n\nStorms, floods or other force majeure events;\n\nA delivery address entered wrongly;\n\nCourier breakdowns or regulatory restrictions${closing}\n\nShortages at our suppliers.\n\n5. Returns\n\nGoods may be returned within 30 days.\n`;

  it('runs on over the open items after it, to the one that ends with a full stop', async () => {
    const text = list(';');
    const finding = await analyze(text);
    expect(locatedText(text, finding)).toContain('Shortages at our suppliers.');
    expect(locatedText(text, finding)).not.toContain('Goods may be returned');
    expect(finding.elements.find((element) => element.id === 'governmentAction')?.present).toBe(true);
  });

  it('stops at an item that closes the list', async () => {
    const text = list('.');
    const finding = await analyze(text);
    expect(locatedText(text, finding)).toContain('regulatory restrictions.');
    expect(locatedText(text, finding)).not.toContain('Shortages at our suppliers');
  });
});

describe('a sentence that goes on about the excused delay', () => {
  // The heading sits on the line above the paragraph, so the untitled block is narrowed to the
  // sentences about the clause.
  const page = (follow: string) =>
    `Shipping\nOrders usually leave our workshop within three days. We are not responsible for delays caused by the postal service, storms or other circumstances outside our control. ${follow} Returns are accepted within 14 days.\n`;

  it('continues the excuse when it opens on the delayed order ("If your parcel is held up, …")', async () => {
    const text = page("If your parcel is held up, we'll let you know by email.");
    const finding = await analyze(text);
    expect(locatedText(text, finding)).toContain("we'll let you know by email.");
    expect(locatedText(text, finding)).not.toContain('Returns are accepted');
    expect(finding.elements.find((element) => element.id === 'notice')?.present).toBe(true);
  });

  it('does not take in a sentence about something else', async () => {
    const text = page('Gift wrapping is available at checkout.');
    const finding = await analyze(text);
    expect(locatedText(text, finding)).not.toContain('Gift wrapping');
  });
});

describe('a titled section that falls short as a whole', () => {
  // The paragraph without a full stop runs into the next one when the section is read as a whole,
  // and the sentence so joined is one the export-control type leaves to another (debarment): the
  // section as a whole then shows none of the clause's words.
  const text = [
    'Compliance with Laws',
    '',
    'The Supplier represents, warrants and covenants that:',
    '',
    'Laws: it will comply with all applicable laws, including those on the environment, health and safety and the storage of hazardous materials.',
    '',
    'Government contracts: where the goods support a federally funded project, the Supplier shall give the certification as to debarment and suspension that the funding rules require',
    '',
    'Export: the Supplier and its personnel will comply fully with the import and export control laws and regulations of the United States, and no technical data will be exported except as those laws permit.',
    '',
    'Bribery: it will comply with all laws on improper payments and will not pay anything of value to induce a decision.',
    '',
  ].join('\n');

  it('still lets the paragraph about the clause be found on its own', async () => {
    const { analyzeDocument } = await import('../../../lib/analyze.js');
    const { report } = await analyzeDocument(new TextEncoder().encode(text), { name: 'terms.txt', library: loadDefaultLibrary() });
    const exportControl = report.findings!.find((finding) => finding.clauseType === 'export-control')!;
    expect(exportControl.present).toBe(true);
    expect(text.slice(exportControl.location!.start, exportControl.location!.end)).toContain('export control laws');
  });
});

describe('clauses beside a located one that cite it by number', () => {
  it('join the provision ("contrary to the restrictions in sub-clause (a)")', async () => {
    const text = [
      '(a) This clause applies to any sanction, prohibition or restriction imposed on designated persons under the trade or economic sanctions of the European Union.',
      '(b) The Owners warrant that they are not subject to any of the sanctions in sub-clause (a).',
      '(c) The Owners warrant that the Vessel will not be used for any purpose contrary to the restrictions in sub-clause (a).',
    ].join('\n');
    expect(covers(await analyze(text, 'export-control'), text.indexOf('(c)'))).toBe(true);
  });
});

describe('the items of a list under an introduction that excuses', () => {
  it('join the provision when one of them is located, so the events they name are read', async () => {
    const text = [
      '12. Exemptions. The Forwarder shall be relieved of liability for any loss or delay to the extent caused by:',
      '(a) the act or omission of the Customer;',
      '(b) any embargo or other restriction imposed by customs or by a governmental authority;',
      '(c) any cause which the Forwarder could not avoid by the exercise of reasonable diligence.',
    ].join('\n');
    expect(covers(await analyze(text), text.indexOf('(b)'), 'related')).toBe(true);
  });
});

describe('the paragraph after a located part that goes on about its event', () => {
  const excuse = 'We are not responsible for any delay or failure to perform caused by events outside our control, such as fire, flood or strikes.';

  it('joins the provision when it opens on the delay ("In the event of a significant delay, we will contact you …")', async () => {
    const text = `${excuse}\n\nIn the event of a significant delay or failure, we will contact you and take reasonable steps to minimise its effect.\n\nReturns are accepted within 14 days.\n`;
    const finding = await analyze(text);
    expect(covers(finding, text.indexOf('In the event of a significant'), 'related')).toBe(true);
    expect(covers(finding, text.indexOf('Returns are accepted'))).toBe(false);
  });

  it('stays out when it opens on something else (a late payment)', async () => {
    const text = `${excuse}\n\nIf you fail to pay an invoice when due, we will notify you and may suspend further deliveries.\n`;
    expect(covers(await analyze(text), text.indexOf('If you fail to pay'))).toBe(false);
  });

  it('stays out when it is not the very next paragraph', async () => {
    const text = `${excuse}\n\nGift wrapping is available at checkout.\n\nIn the event of a significant delay or failure, we will contact you.\n`;
    expect(covers(await analyze(text), text.indexOf('In the event of a significant'))).toBe(false);
  });
});

describe('the clause that introduces a list of excusing events', () => {
  it('heads the provision when an item of its list is located, so a clause citing it by number joins', async () => {
    const text = [
      '9. Matters for which the Haulier is not responsible',
      '9.1 The Haulier is not liable for late delivery to the extent that it results from any of the following:',
      '(a) flood, storm or snowfall that closes the route;',
      '(b) any other circumstance that the Haulier could not have avoided by using reasonable care.',
      '9.2 The Haulier will tell the Customer as soon as practicable if a consignment will be delayed for any reason set out in clause 9.1.',
      '10. Charges are payable within 30 days.',
    ].join('\n');
    const finding = await analyze(text);
    expect(covers(finding, text.indexOf('9.1 The Haulier'), 'related')).toBe(true);
    expect(covers(finding, text.indexOf('9.2 The Haulier'))).toBe(true);
    expect(covers(finding, text.indexOf('10. Charges'))).toBe(false);
  });
});
