import { describe, expect, it } from 'vitest';
import { thrownBy } from '../../helpers/errors.js';
import { isClausewatchError } from '../../../lib/errors.js';
import { loadDefaultWatchlist, parseWatchlist, parseWatchlistJson } from '../../../lib/exposure/load.js';

/** The built-in watchlist as JSON data, to break. */
const raw = () => structuredClone(loadDefaultWatchlist()) as unknown as Record<string, any>;
const index = (list: Array<{ id?: string; code?: string }>, key: string) => list.findIndex((entry) => entry.id === key || entry.code === key);

describe('exposure watchlist', () => {
  const watchlist = loadDefaultWatchlist();

  it('ships the controlled materials, their regimes with sources and dates, and the controlling countries', () => {
    const ids = watchlist.materials.map((material) => material.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'rare-earth-magnets',
        'dysprosium',
        'terbium',
        'samarium',
        'gallium',
        'germanium',
        'graphite',
        'antimony',
        'tungsten',
        'indium',
        'bismuth',
        'tellurium',
        'molybdenum',
        'lithium-battery',
        'superhard',
        'drones',
        'dual-use',
      ]),
    );
    for (const regime of watchlist.regimes) {
      expect(regime.source.reference.length).toBeGreaterThan(5);
      expect(regime.lastChecked >= '2026-11-30').toBe(true);
      // Nobody should mistake a date as recalled for a checked one: each entry says which it is.
      expect(['source', 'unverified']).toContain(regime.verified.by);
      if (regime.verified.by === 'source') expect(regime.verified.source).toMatch(/Announcement No\. \d+ of 20\d\d/);
    }
    expect(watchlist.regimes.map((regime) => regime.jurisdiction)).toEqual(expect.arrayContaining(['CN', 'EU', 'US']));
    expect(watchlist.countries.find((country) => country.code === 'CN')!.jurisdictions).toEqual(['CN']);
    // Every material is covered by at least one regime without a destination limit, except the rare
    // earths not on China's lists as such (the Japan ban covers them only for deliveries to Japan).
    const covered = new Set(watchlist.regimes.filter((regime) => !regime.destinations).flatMap((regime) => regime.materials));
    expect(ids.filter((id) => !covered.has(id))).toEqual(['neodymium', 'praseodymium']);
  });

  it('names the bad field: a suspension without its end, an unknown material, a bad date, a bad pattern', () => {
    const broken = raw();
    const expansion = index(broken.regimes, 'cn-2025-10-rare-earth-expansion');
    delete broken.regimes[expansion].suspendedUntil;
    broken.regimes[1].effective = '2023-02-30';
    broken.countries[0].names[0] = '(China';
    const error = thrownBy(() => parseWatchlist(broken));
    expect(isClausewatchError(error) && error.code).toBe('library_invalid');
    const message = (error as Error).message;
    expect(message).toMatch(new RegExp(`regimes\\[${expansion}\\]\\.suspendedUntil: a suspended regime needs suspendedUntil`));
    expect(message).toMatch(/regimes\[1\]\.effective: not a calendar date/);
    expect(message).toMatch(/countries\[0\]\.names\[0\]\.pattern: not a valid regular expression/);

    // Cross-references are checked once every field is valid.
    const unknown = raw();
    unknown.regimes[0].materials.push('unobtainium');
    expect((thrownBy(() => parseWatchlist(unknown)) as Error).message).toMatch(/regimes\[0\]\.materials\[2\]: names material "unobtainium"/);
  });

  it('names the bad field in the severity rules: an unknown placeholder, a gap in the table', () => {
    const broken = raw();
    broken.severityRules[0].reason = 'High: {clause} in {country}.';
    broken.severityRules = broken.severityRules.filter((rule: { id: string }) => rule.id !== 'weak-medium');
    const message = (thrownBy(() => parseWatchlist(broken)) as Error).message;
    expect(message).toMatch(/severityRules\[0\]\.reason: unknown placeholder \{country\}/);
    expect(message).toMatch(/severityRules: no rule for clause type "\*" covers verdict "weak" with exposure "medium"/);
  });

  it('names an undefined jurisdiction and a status that contradicts its dates', () => {
    const broken = raw();
    broken.countries[0].jurisdictions = ['XX'];
    broken.regimes[0].suspendedUntil = '2030-01-01';
    const message = (thrownBy(() => parseWatchlist(broken)) as Error).message;
    expect(message).toMatch(/countries\[0\]\.jurisdictions\[0\]: names jurisdiction "XX"/);
    expect(message).toMatch(/regimes\[0\]\.status: suspension dates are given but status is "in_force"/);
  });

  it('rejects text that is not JSON', () => {
    expect((thrownBy(() => parseWatchlistJson('{ nope', 'exposure watchlist my.json')) as Error).message).toMatch(
      /exposure watchlist my\.json is not valid JSON/,
    );
  });
});
