import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeDocument } from '../../../lib/analyze.js';
import { loadDefaultLibrary } from '../../../lib/library/load.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/exposure/${name}`, import.meta.url));
const analyze = async (name: string) =>
  (await analyzeDocument(fixture(name), { name, library: loadDefaultLibrary(), now: () => new Date('2026-12-04T12:00:00Z') })).report.exposure!;
const JAPAN = 'cn-2026-japan-dual-use-ban';

// China's ban on dual-use exports for Japan's military (MOFCOM Announcement No. 1 of 2026) reaches
// China-origin items delivered to Japan whoever sells them: a Japanese buyer of magnets from a
// Chinese maker, and the same magnets bought through a Singapore distributor for delivery to Osaka.
describe('a control limited to deliveries to Japan', () => {
  it('makes a Japanese buyer of Chinese NdFeB magnets highly exposed, citing the Japan entry', async () => {
    const exposure = await analyze('japan-buyer-ndfeb.txt');
    expect(exposure.level).toBe('high');
    const magnets = exposure.materials.find((material) => material.id === 'rare-earth-magnets')!;
    expect(magnets.regimes.find((regime) => regime.id === JAPAN)).toMatchObject({ status: 'in_force', destinations: ['JP'], verified: { by: 'source' } });
    expect(exposure.countries).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'JP', role: 'party' }), expect.objectContaining({ code: 'CN', role: 'origin' })]),
    );
    expect(exposure.rationale).toMatch(/among them MOFCOM Announcement No\. 1 of 2026 .*\(for deliveries to Japan\)/);
  });

  it('reaches Chinese-origin magnets bought through Singapore for delivery to Osaka', async () => {
    const exposure = await analyze('singapore-distributor-osaka.txt');
    expect(exposure.level).toBe('high');
    expect(exposure.countries).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'JP', role: 'destination' }), expect.objectContaining({ code: 'CN', role: 'origin' })]),
    );
    expect(exposure.rationale).toMatch(/from China, .*among them MOFCOM Announcement No\. 1 of 2026 .*\(for deliveries to Japan\)/);
  });

  it('does not apply when the same magnets go to Germany: only the general controls are cited', async () => {
    const exposure = await analyze('singapore-distributor-germany.txt');
    expect(exposure.level).toBe('high');
    expect(exposure.countries.some((country) => country.code === 'JP')).toBe(false);
    expect(exposure.countries).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'DE', role: 'destination' })]));
    // The report lists the Japan entry among the controls on magnets, but it does not bite here:
    // the high level comes from China's general controls on rare-earth magnets.
    expect(exposure.rationale).not.toMatch(/Announcement No\. 1 of 2026/);
  });
});
