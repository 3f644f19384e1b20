import { describe, expect, it } from 'vitest';
import { loadDefaultWatchlist } from '../../../lib/exposure/load.js';
import { findExposureSignals } from '../../../lib/exposure/signals.js';
import { literalPrefixes } from '../../../lib/exposure/watchlist-patterns.js';
import type { Report } from '../../../lib/report/schema.js';
import { segment } from '../../../lib/segment.js';
import { TextIndex } from '../../../lib/text-index.js';
import { analyzeText } from '../../helpers/fixtures.js';

/** A short supply agreement around the given sentences, with a (weak) force-majeure clause. */
function contract(...sentences: string[]): string {
  return `SUPPLY AGREEMENT

This Supply Agreement is made between ACME COMPONENTS LTD, 1 Quay Street, Leeds LS1 4AB, United Kingdom ("Buyer") and the supplier named below ("Supplier").

1. SUPPLY
${sentences.map((sentence, index) => `1.${index + 1} ${sentence}`).join('\n')}

2. FORCE MAJEURE
Neither party shall be liable for any delay or failure in performance caused by acts of God, fire, flood, war or riot. The affected party shall inform the other party of the event without undue delay.
`;
}

async function exposureOf(text: string): Promise<NonNullable<Report['exposure']>> {
  const { report } = await analyzeText(text);
  expect(report.status).toBe('ok');
  return report.exposure!;
}

const materialIds = (exposure: NonNullable<Report['exposure']>) => exposure.materials.map((material) => material.id);
const countryRoles = (exposure: NonNullable<Report['exposure']>) => exposure.countries.map((country) => `${country.code}:${country.role}`);

describe('materials', () => {
  it('finds synonyms, plurals and other spellings of watchlisted materials', async () => {
    const exposure = await exposureOf(
      contract(
        'Supplier shall supply NdFeB segments and rare-earth magnets for the rotor, and spare Rare Earth Magnet sets.',
        'Dysprosium content shall not exceed 4% by weight; Samarium-Cobalt parts are excluded.',
        'The sensor boards use gallium nitride (GaN) transistors and germanium oxide lenses.',
        'Supplier may also deliver UAVs and drone components, natural flake graphite and lithium-ion batteries.',
      ),
    );
    expect(materialIds(exposure)).toEqual(
      expect.arrayContaining(['rare-earth-magnets', 'dysprosium', 'samarium', 'gallium', 'germanium', 'drones', 'graphite', 'lithium-battery']),
    );
    const magnets = exposure.materials.find((material) => material.id === 'rare-earth-magnets')!;
    expect(magnets.terms).toEqual(expect.arrayContaining(['NdFeB', 'rare-earth magnets', 'Rare Earth Magnet']));
    expect(exposure.materials.find((material) => material.id === 'dysprosium')!.terms).toEqual(['Dysprosium']);
    expect(exposure.materials.find((material) => material.id === 'gallium')!.terms).toEqual(expect.arrayContaining(['gallium nitride', 'GaN']));
  });

  it('does not read a material into other words or generic compliance wording', async () => {
    const exposure = await exposureOf(
      contract(
        'Late delivery may lead to penalties; Products are packed in tin cans and lead-free solder is used.',
        'Neither party shall export any dual-use items without the licences required by the Dual-Use Items Export Control List.',
        'The Products are tinted and the ganache is sold in gallons.',
      ),
    );
    expect(exposure.materials).toEqual([]);
  });

  it('quotes each piece of evidence exactly as it stands in the normalised text', async () => {
    const { report, text } = await analyzeText(
      contract('The Magnets are NdFeB magnets manufactured in Ganzhou, Jiangxi Province, China, and shipped FOB Xiamen.'),
    );
    const evidence = [
      ...report.exposure!.materials.flatMap((material) => material.evidence),
      ...report.exposure!.countries.flatMap((country) => country.evidence),
    ];
    expect(evidence.length).toBeGreaterThan(1);
    for (const item of evidence) expect(text.slice(item.start, item.end)).toBe(item.quote);
    // The section is the clause's number, as for element evidence.
    expect(report.exposure!.materials[0]!.evidence[0]!.section).toBe('1.1');
    expect(report.exposure!.countries.find((country) => country.code === 'CN')!.evidence[0]!.section).toBe('1.1');
  });
});

describe('countries', () => {
  it('reads origin, supply, party and governing law from their contexts', async () => {
    const exposure = await exposureOf(
      `MAGNET SUPPLY AGREEMENT

This Agreement is made between SHENZHEN BRIGHT MAGNET CO., LTD., 88 Keji Road, Shenzhen, Guangdong, People's Republic of China ("Supplier") and ORTLAND MOTORS GMBH, Hafenstrasse 3, 28217 Bremen, Germany ("Buyer").

1. PRODUCTS
1.1 The Products are sintered NdFeB magnets manufactured in Ningbo, China.
1.2 Products are shipped FOB Shanghai (Incoterms 2020).
1.3 Products shipped from Hamburg to Shanghai for coating are returned within ten days.

2. GOVERNING LAW
This Agreement is governed by the laws of the People's Republic of China.
`,
    );
    expect(countryRoles(exposure)).toEqual(expect.arrayContaining(['CN:origin', 'CN:supply', 'CN:party', 'DE:party', 'CN:governingLaw']));
    expect(exposure.governingLaw).toMatchObject({ jurisdiction: "People's Republic of China", countryCode: 'CN' });
    // "shipped from Hamburg to Shanghai": Shanghai is where the goods go, not where they come from.
    const supply = exposure.countries.find((country) => country.code === 'CN' && country.role === 'supply')!;
    expect(supply.evidence.map((item) => item.quote).join(' ')).not.toMatch(/Hamburg/);
    expect(exposure.level).toBe('high');
  });

  it('does not read the US state of Georgia as the country', async () => {
    const exposure = await exposureOf(
      `SUPPLY AGREEMENT

This Agreement is made between PEACHTREE CONTROLS INC., a Georgia corporation, 400 Spring Street, Atlanta, Georgia 30308 ("Supplier") and HALDEN AB, Sweden ("Buyer").

1. DELIVERY
1.1 Products are manufactured in Georgia and shipped from Savannah, Georgia.

2. GOVERNING LAW
This Agreement shall be governed by the laws of the State of Georgia, without regard to its conflict of laws principles.
`,
    );
    expect(exposure.countries.map((country) => country.code)).not.toContain('GE');
    expect(exposure.governingLaw).toMatchObject({ jurisdiction: 'State of Georgia', countryCode: 'US' });
    expect(countryRoles(exposure)).toEqual(expect.arrayContaining(['US:party', 'US:governingLaw']));
  });

  it('reads Georgia as the country where the document says so (Tbilisi)', async () => {
    const exposure = await exposureOf(contract('The Products are manufactured in Georgia at the Supplier’s plant near Tbilisi.'));
    expect(countryRoles(exposure)).toContain('GE:origin');
  });

  it('does not read fine china, china clay, New Jersey or a guinea pig as countries', async () => {
    const exposure = await exposureOf(
      contract(
        'Supplier shall supply fine china and bone china tableware made in Stoke-on-Trent.',
        'The china clay is sourced from Cornwall and shipped from Fowey.',
        'Supplier is a New Jersey corporation registered in New Jersey, and ships from Jersey City.',
        'Guinea pig testing is not permitted; China clay is sourced from St Austell.',
      ),
    );
    expect(exposure.countries.map((country) => country.code)).not.toEqual(expect.arrayContaining(['CN']));
    expect(exposure.countries.map((country) => country.code)).not.toContain('JE');
    expect(exposure.countries.map((country) => country.code)).not.toContain('GN');
    expect(exposure.level).toBe('none');
  });

  it('needs a context for a plain country name, but not for an unmistakable one', async () => {
    const plain = await exposureOf(contract('The parties have offices in China and elsewhere; the price list is in Chinese and English.'));
    expect(plain.countries.filter((country) => country.code === 'CN')).toEqual([]);
    const unmistakable = await exposureOf(contract("The Export Control Law of the People's Republic of China applies to the Products."));
    expect(countryRoles(unmistakable)).toContain('CN:mentioned');
    expect(unmistakable.level).toBe('low');
  });

  it('reads an adjective only with the word that gives it a role', async () => {
    const exposure = await exposureOf(contract('All tungsten powder shall be of Chinese origin; the manuals may be written in Chinese.'));
    expect(countryRoles(exposure).filter((role) => role.startsWith('CN'))).toEqual(['CN:origin']);
    expect(exposure.level).toBe('high');
  });

  it('does not count supply from a country the contract rules out', async () => {
    const exposure = await exposureOf(contract('Antimony trioxide shall not be sourced from China.'));
    expect(exposure.countries.filter((country) => country.code === 'CN' && country.role === 'supply')).toEqual([]);
    expect(exposure.level).toBe('medium');
  });
});

describe('scanning long documents', () => {
  it('knows the words a pattern must start with, so patterns that cannot match are not scanned', () => {
    expect(literalPrefixes("People['’]s Republic of China")).toEqual(['people']);
    expect(literalPrefixes('magnets?')).toEqual(['magnet']);
    expect(literalPrefixes('(?:fine|bone|English) china')).toEqual(['fine', 'bone', 'english']);
    expect(literalPrefixes('(?:natural |synthetic )?graphite(?: anodes?)?')).toEqual(['natural', 'synthetic', 'graphite']);
    expect(literalPrefixes("(?<!People['’]s )Republic of China")).toEqual(['republic']);
    expect(literalPrefixes('Nd-Fe-B')).toEqual(['nd']);
    expect(literalPrefixes('Czech Republic|Czechia')).toEqual(['czech', 'czechia']);
    expect(literalPrefixes('[Cc]hina')).toBeNull();
    expect(literalPrefixes('\\bFOB')).toBeNull();
  });

  it('stays fast on long and hostile text', () => {
    const watchlist = loadDefaultWatchlist();
    const texts = [
      'China '.repeat(200_000),
      `from plants in ${'x '.repeat(60)}China. `.repeat(8_000),
      'The NdFeB magnets are shipped from Shanghai, China to Hamburg; fine china, a Georgia corporation. '.repeat(10_000),
      '('.repeat(200_000),
    ];
    for (const text of texts) {
      const started = performance.now();
      const signals = findExposureSignals(
        new TextIndex({ text, pageStarts: [0], pageChars: [text.length], paged: false, notes: [] }, segment(text)),
        watchlist,
      );
      expect(performance.now() - started).toBeLessThan(5_000);
      for (const signal of [...signals.materials, ...signals.countries]) expect(signal.evidence.length).toBeLessThanOrEqual(5);
    }
  });
});
