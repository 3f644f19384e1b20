import { describe, expect, it } from 'vitest';
import { findParties } from '../../lib/parties.js';
import { analyzeFixture } from '../helpers/fixtures.js';

describe('findParties', () => {
  it('reads the parties and roles a preamble defines, without addresses or descriptions', () => {
    const preamble = [
      'SUPPLY AGREEMENT',
      'This Agreement is made between ALDER RIDGE METALS AB, Smedjegatan 4, 721 30 Vasteras, Sweden (the "Supplier")',
      'and Corbel & Finch Ltd, a company registered in England and Wales with number 0123, of 1 Quay St, Hull ("Buyer").',
    ].join('\n');
    expect(findParties(preamble)).toEqual([
      { name: 'ALDER RIDGE METALS AB', role: 'Supplier' },
      { name: 'Corbel & Finch Ltd', role: 'Buyer' },
    ]);
  });

  it('skips placeholders, redactions and descriptions', () => {
    expect(findParties('between [ * * * ] (the "Provider") and ______, a corporation ("Licensee")')).toEqual([]);
    expect(findParties('sold by the party named as seller ("Seller") to you ("Buyer")')).toEqual([]);
  });

  it('puts the parties into the report of a PDF', async () => {
    const { report } = await analyzeFixture('strong-fm.pdf');
    expect(report.document.parties.map((party) => party.role)).toEqual(['Supplier', 'Buyer']);
  });
});
