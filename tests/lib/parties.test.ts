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

describe('findParties: the grammar of a party name', () => {
  it('takes the company before a registration clause, not the last words of it', () => {
    expect(
      findParties(
        'This Agreement is made between Quillstone Software Ltd, a company registered in England and Wales (the "Provider") and Ardent Retail plc, whose registered office is at 4 Canal Wharf, Leeds (the "Customer").',
      ),
    ).toEqual([
      { name: 'Quillstone Software Ltd', role: 'Provider' },
      { name: 'Ardent Retail plc', role: 'Customer' },
    ]);
  });

  it('never takes an address for a name', () => {
    const text =
      'SUPPLY AGREEMENT\nBetween: HALVORSEN MAGNETICS AS Fjordveien 12, 3050 Mjondalen, Norway ("Supplier")\nAnd: Brightwater Components Ltd of Canal Wharf, Leeds ("Buyer")';
    expect(findParties(text)).toEqual([
      { name: 'HALVORSEN MAGNETICS AS', role: 'Supplier' },
      { name: 'Brightwater Components Ltd', role: 'Buyer' },
    ]);
  });

  it('reads legal forms across jurisdictions, with the comma some of them carry', () => {
    const text =
      'by and between Florida Chemical Company, LLC ("FCC"), Dong-A ST Co., Ltd., a Korean company ("Dong-A"), Halden Metalle GmbH ("Halden"), Norrland Sensorik AB ("Norrland"), Castellan Systems S.p.A. ("Castellan") and Kiso Denki K.K. ("Kiso").';
    expect(findParties(text).map((party) => party.name)).toEqual([
      'Florida Chemical Company, LLC',
      'Dong-A ST Co., Ltd.',
      'Halden Metalle GmbH',
      'Norrland Sensorik AB',
      'Castellan Systems S.p.A.',
      'Kiso Denki K.K.',
    ]);
  });

  it('gives parties named together their shared role, and takes a person named before a role', () => {
    expect(
      findParties(
        'between [ * * * ] (the "Provider"), and TELCOSTAR PTE, LTD., a company of Singapore and Ability Software Ltd, a company of Israel (each and both of them "Recipient").',
      ),
    ).toEqual([
      { name: 'TELCOSTAR PTE, LTD.', role: 'Recipient' },
      { name: 'Ability Software Ltd', role: 'Recipient' },
    ]);
    expect(findParties('This Agreement is made by and between Robbie Fowler (hereinafter "Talent") and Tigrent Learning UK Limited ("Company").')).toEqual([
      { name: 'Robbie Fowler', role: 'Talent' },
      { name: 'Tigrent Learning UK Limited', role: 'Company' },
    ]);
  });
});
