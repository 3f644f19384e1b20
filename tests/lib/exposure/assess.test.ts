import { describe, expect, it } from 'vitest';
import { analyzeDocument } from '../../../lib/analyze.js';
import { regimeStatusOn } from '../../../lib/exposure/assess.js';
import { loadDefaultWatchlist } from '../../../lib/exposure/load.js';
import { loadDefaultLibrary } from '../../../lib/library/load.js';

const watchlist = loadDefaultWatchlist();
const regime = (id: string) => watchlist.regimes.find((candidate) => candidate.id === id)!;

/** Holmium is covered only by the October 2025 controls, suspended until 2026-11-10. */
const HOLMIUM_CONTRACT = `SUPPLY AGREEMENT

1. PRODUCTS
1.1 Supplier shall supply holmium oxide of 99.99% purity, produced in Baotou, China, and shipped FOB Tianjin.

2. FORCE MAJEURE
Neither party shall be liable for any delay or failure in performance caused by acts of God, fire, flood, war or riot. The affected party shall inform the other party of the event without undue delay.
`;

function analyzeOn(date: string, text = HOLMIUM_CONTRACT) {
  return analyzeDocument(Buffer.from(text), { name: 'holmium.txt', library: loadDefaultLibrary(), now: () => new Date(`${date}T12:00:00.000Z`) });
}

describe('regime status on the analysis date', () => {
  it('reports a suspended control as suspended up to its last suspended day, and in force from the next', () => {
    const expansion = regime('cn-2025-10-rare-earth-expansion');
    expect(expansion.status).toBe('suspended');
    expect(expansion.suspendedUntil).toBe('2026-11-10');
    expect(regimeStatusOn(expansion, '2025-10-20').status).toBe('in_force');
    expect(regimeStatusOn(expansion, '2026-06-01')).toMatchObject({
      status: 'suspended',
      note: expect.stringMatching(/until 2026-11-10; in force again from 2026-11-11/),
    });
    expect(regimeStatusOn(expansion, '2026-11-10').status).toBe('suspended');
    expect(regimeStatusOn(expansion, '2026-11-11')).toMatchObject({ status: 'in_force', note: expect.stringMatching(/suspension ran until 2026-11-10/) });
  });

  it('treats the suspended US-specific ban the same way, around 27 November 2026', () => {
    const ban = regime('cn-2024-us-export-ban');
    expect(regimeStatusOn(ban, '2026-11-27').status).toBe('suspended');
    expect(regimeStatusOn(ban, '2026-11-28').status).toBe('in_force');
    expect(regimeStatusOn(ban, '2024-12-01').status).toBe('not_yet_in_force');
  });

  it('knows lifted controls and controls not yet in force', () => {
    const lifted = { ...regime('cn-2023-graphite'), status: 'lifted' as const, liftedOn: '2026-01-01' };
    expect(regimeStatusOn(lifted, '2025-12-31').status).toBe('in_force');
    expect(regimeStatusOn(lifted, '2026-01-01').status).toBe('lifted');
    expect(regimeStatusOn(regime('cn-2025-medium-heavy-rare-earths'), '2025-04-03').status).toBe('not_yet_in_force');
  });

  it('says when the analysis date is past the watchlist check', () => {
    expect(regimeStatusOn(regime('cn-2023-graphite'), '2027-03-01').note).toMatch(/as the watchlist knew it on 2026-11-30/);
  });
});

describe('exposure level', () => {
  it('is medium while the only control on the material is suspended, and high once it is in force again', async () => {
    const during = (await analyzeOn('2026-06-01')).report;
    const holmium = during.exposure!.materials.find((material) => material.id === 'holmium')!;
    expect(holmium.regimes.find((entry) => entry.destinations === null)).toEqual(
      expect.objectContaining({ id: 'cn-2025-10-rare-earth-expansion', status: 'suspended' }),
    );
    expect(during.exposure!.level).toBe('medium');
    expect(during.exposure!.rationale).toMatch(/^Medium: .*holmium/);
    expect(during.findings.find((finding) => finding.clauseType === 'force-majeure')!.severity).toBe('medium');

    const after = (await analyzeOn('2026-11-11')).report;
    expect(
      after.exposure!.materials.find((material) => material.id === 'holmium')!.regimes.find((entry) => entry.id === 'cn-2025-10-rare-earth-expansion')!.status,
    ).toBe('in_force');
    expect(after.exposure!.level).toBe('high');
    expect(after.exposure!.rationale).toMatch(/^High: the contract names holmium and sources it from China/);
    expect(after.findings.find((finding) => finding.clauseType === 'force-majeure')!.severity).toBe('high');
  });

  it('counts a control limited to US exports only when a party or the governing law is in the United States', async () => {
    // Superhard materials: the September 2024 control is in force; the US-only ban is suspended until 2026-11-27.
    const text = (buyer: string) => `SUPPLY AGREEMENT

This Agreement is made between ZHENGZHOU HARDLINE CO., LTD. ("Supplier") and ${buyer} ("Buyer").

1. PRODUCTS
1.1 Supplier shall supply synthetic diamond micropowder manufactured in Zhengzhou, Henan Province, China.
`;
    const american = (await analyzeOn('2026-12-01', text('ROCKFORD TOOLS INC., 12 Main Street, Rockford, Illinois 61101, USA'))).report.exposure!;
    const superhard = american.materials.find((material) => material.id === 'superhard')!;
    expect(superhard.regimes.map((entry) => [entry.id, entry.status, entry.destinations])).toEqual([
      ['cn-2024-antimony-superhard', 'in_force', null],
      ['cn-2024-us-export-ban', 'in_force', ['US']],
      ['cn-2025-10-batteries-superhard', 'in_force', null],
      ['cn-2026-japan-dual-use-ban', 'in_force', ['JP']],
    ]);
    expect(american.level).toBe('high');
  });

  it('is none for a contract without any signal, with a one-sentence rationale', async () => {
    const { report } = await analyzeOn('2026-11-30', 'SERVICES AGREEMENT\n\n1. SERVICES\nThe Consultant shall provide advice on office layouts.\n');
    expect(report.exposure).toMatchObject({
      level: 'none',
      materials: [],
      countries: [],
      governingLaw: null,
      watchlist: { id: watchlist.id, version: watchlist.version },
    });
    expect(report.exposure!.rationale).toMatch(/^None: .*\.$/);
  });
});
