import { describe, expect, it } from 'vitest';
import { withoutYieldedSentences } from '../../../lib/analysis/clauses.js';
import { analyzeDocument } from '../../../lib/analyze.js';
import { loadDefaultLibrary } from '../../../lib/library/load.js';
import { analyzeText } from '../../helpers/fixtures.js';

const find = (report: Awaited<ReturnType<typeof analyzeText>>['report'], type: string) => report.findings.find((finding) => finding.clauseType === type)!;

describe('export control yields to force majeure', () => {
  it('does not take embargoes and licence refusals listed as force-majeure events for an export-control provision', async () => {
    const { report } = await analyzeText(
      [
        '11. FORCE MAJEURE',
        'Neither party is liable for delay caused by events beyond its reasonable control, including war, fire,',
        'embargoes, sanctions, and the refusal or revocation of any export licence.',
      ].join('\n'),
    );
    expect(find(report, 'force-majeure').present).toBe(true);
    expect(find(report, 'force-majeure').elements.find((element) => element.id === 'tradeRestrictions')?.present).toBe(true);
    expect(find(report, 'export-control').present).toBe(false);
  });

  it('still finds a duty to comply with export law written inside the force-majeure clause', async () => {
    const { report } = await analyzeText(
      [
        '11. FORCE MAJEURE',
        'Neither party is liable for delay caused by events beyond its reasonable control, including war, fire and embargoes.',
        'Nothing in this clause relieves either party of its duty to comply with applicable export control laws and regulations.',
      ].join('\n'),
    );
    const exportControl = find(report, 'export-control');
    expect(exportControl.present).toBe(true);
    expect(exportControl.elements.find((element) => element.id === 'compliance')?.evidence?.quote).toContain('comply with applicable export control laws');
  });
});

describe('withoutYieldedSentences', () => {
  it('blanks only the yielded sentences, keeping every offset and line break of the text', async () => {
    const text = [
      '3. DELIVERY',
      'Seller is not liable for delay caused by events beyond its reasonable control, including embargoes and export bans.',
      'The goods are exported under the Export Administration Regulations and may not be diverted contrary to U.S. law.',
      '',
      '4. PRICE',
      'Prices are in euros.',
    ].join('\n');
    const { report, segments } = await analyzeText(text);
    const exportControl = loadDefaultLibrary().clauseTypes.find((type) => type.id === 'export-control')!;
    const own = withoutYieldedSentences(text, segments, exportControl, report.findings);
    expect(own).toHaveLength(text.length);
    expect([...own].filter((character) => character === '\n')).toHaveLength(text.split('\n').length - 1);
    expect(own).not.toContain('embargoes and export bans');
    expect(own).toContain('may not be diverted contrary to U.S. law');
    expect(own).toContain('Prices are in euros.');
  });
});

describe('a definition with nothing that uses it', () => {
  const definitions = [
    'DEFINITIONS',
    '',
    '"Force Majeure Event" means any event beyond the reasonable control of the Supplier, including strikes, any change in law and the failure of its suppliers.',
    '',
    '"Sanctions" means the economic sanctions laws of the United States.',
  ].join('\n');

  it('stands for the force-majeure provision, with its events, marked for review with where it is', async () => {
    const { report } = await analyzeText(definitions);
    const forceMajeure = find(report, 'force-majeure');
    expect(forceMajeure.present).toBe(true);
    expect(forceMajeure.elements.filter((element) => element.present).map((element) => element.id)).toEqual(
      expect.arrayContaining(['governmentAction', 'supplyChain']),
    );
    expect(forceMajeure.review.reasons).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'definition_only', location: forceMajeure.location })]),
    );
  });

  it('does not stand for an export-control provision, whose definitions only name laws', async () => {
    const { report } = await analyzeText(definitions);
    expect(find(report, 'export-control').present).toBe(false);
  });

  it('is not marked when a clause uses the term', async () => {
    const { report } = await analyzeText(`${definitions}\n\n14. Relief\nThe Supplier is not liable for any delay caused by a Force Majeure Event.\n`);
    const forceMajeure = find(report, 'force-majeure');
    expect(forceMajeure.present).toBe(true);
    expect(forceMajeure.review.reasons.map((reason) => reason.code)).not.toContain('definition_only');
  });
});

describe('a passage the rules scored just below their threshold', () => {
  const serviceLevel = [
    'MAINTENANCE AGREEMENT',
    '',
    '3. Service Levels',
    "Provider shall make the hosted service available at least 99.5% of each month, exclusive of outages caused by scheduled maintenance or by causes beyond Provider's reasonable control.",
  ].join('\n');

  it('is reported missing but marked for review, naming the passage (the classifier does not overrule the rules)', async () => {
    const { report } = await analyzeText(serviceLevel);
    const forceMajeure = find(report, 'force-majeure');
    expect(forceMajeure.present).toBe(false);
    expect(forceMajeure.review.needed).toBe(true);
    const reason = forceMajeure.review.reasons.find((candidate) => candidate.code === 'possible_provision' || candidate.code === 'near_miss');
    expect(reason?.location?.section).toBe('3');
  });

  it('stays missing with the rules alone, with the passage named as a near miss', async () => {
    const { report } = await analyzeDocument(Buffer.from(serviceLevel), { name: 'sla.txt', library: loadDefaultLibrary(), model: null });
    const forceMajeure = find(report, 'force-majeure');
    expect(forceMajeure.present).toBe(false);
    expect(forceMajeure.searched?.nearMisses[0]?.reason).toMatch(/below the threshold/);
  });
});

describe('a passage taken on the clause words alone', () => {
  // Web terms excuse delays in ways no list of phrasings holds: this one names the events and
  // "outside our control" but excuses nothing in words the rules read.
  const deliveryTerms = [
    'TERMS OF DELIVERY',
    '',
    '1. Quotations are valid for thirty days.',
    '',
    '2. Delivery dates given are estimates. Fires, floods, strikes, epidemics, embargoes and other events outside our control may affect the dates given.',
    '',
    '3. Invoices are payable within thirty days.',
  ].join('\n');
  const analyzeWith = async (text: string, wordsAlone: boolean) => {
    const library = loadDefaultLibrary();
    const edited = { ...library, clauseTypes: library.clauseTypes.map((type) => ({ ...type, wordsAlone })) };
    const { report } = await analyzeDocument(new TextEncoder().encode(text), { name: 'terms.txt', library: edited });
    return report.findings!.find((finding) => finding.clauseType === 'force-majeure')!;
  };

  it('stands for the provision, with the elements it states, below the threshold confidence and marked for review', async () => {
    const forceMajeure = await analyzeWith(deliveryTerms, true);
    expect(forceMajeure.present).toBe(true);
    expect(deliveryTerms.slice(forceMajeure.location!.start, forceMajeure.location!.end)).toContain('events outside our control');
    expect(forceMajeure.elements.find((element) => element.id === 'tradeRestrictions')?.present).toBe(true);
    expect(forceMajeure.confidence).toBeLessThanOrEqual(0.45);
    expect(forceMajeure.review.reasons).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'words_only', location: forceMajeure.location })]));
    expect(forceMajeure.review.reasons.map((reason) => reason.code)).not.toContain('low_confidence');
  });

  it('is only a near miss where the library does not allow it', async () => {
    const forceMajeure = await analyzeWith(deliveryTerms, false);
    expect(forceMajeure.present).toBe(false);
    const closest = forceMajeure.searched!.nearMisses[0]!;
    expect(deliveryTerms.slice(closest.start, closest.end)).toContain('events outside our control');
    expect(forceMajeure.review.needed).toBe(true);
  });

  it('gives way to a clause the rules accept', async () => {
    const forceMajeure = await analyzeWith(
      `${deliveryTerms}\n\n4. Neither party is liable for any delay caused by events beyond its reasonable control.\n`,
      true,
    );
    expect(forceMajeure.present).toBe(true);
    expect(forceMajeure.review.reasons.map((reason) => reason.code)).not.toContain('words_only');
  });

  it("does not take a warranty's exclusions or a risk borne whatever the cause", async () => {
    const warranty = [
      '7. What the warranty does not cover',
      '',
      'This warranty does not apply to any fault in the Pump caused by:',
      '',
      '  (a) use with fluids other than clean water;',
      "  (b) frost, flood, lightning, power surges, war or other events outside the Seller's control; or",
      '  (c) repairs by anyone other than the Seller.',
    ].join('\n');
    expect((await analyzeWith(warranty, true)).present).toBe(false);
    const risk =
      "5. Risk. The Hirer bears all loss of or damage to the Equipment by fire, flood, theft or accident, whether or not beyond the Hirer's control, and shall insure it.";
    expect((await analyzeWith(risk, true)).present).toBe(false);
  });
});
