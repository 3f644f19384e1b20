import { describe, expect, it } from 'vitest';
import { loadDefaultWatchlist } from '../../../lib/exposure/load.js';
import { ruleApplies } from '../../../lib/exposure/severity.js';
import type { ExposureLevel, Finding } from '../../../lib/report/schema.js';
import { analyzeFixture } from '../../helpers/fixtures.js';

const fm = (findings: readonly Finding[]) => findings.find((finding) => finding.clauseType === 'force-majeure')!;

describe('severity from verdict and exposure', () => {
  it('grades the same weak force-majeure clause high in a magnet supply agreement and low in a software licence', async () => {
    const magnets = (await analyzeFixture('rare-earth-magnets.txt')).report;
    const software = (await analyzeFixture('software-licence.txt')).report;
    // The clause is word for word the same: same verdict, same gaps.
    const body = (finding: Finding) => finding.excerpt!.split('\n').slice(1).join('\n');
    expect(body(fm(magnets.findings))).toBe(body(fm(software.findings)));
    expect(fm(magnets.findings).verdict).toBe('weak');
    expect(fm(software.findings).verdict).toBe('weak');
    expect(fm(magnets.findings).missingElements).toEqual(fm(software.findings).missingElements);
    expect(fm(magnets.findings).missingElements).toContain('tradeRestrictions');

    expect(magnets.exposure!.level).toBe('high');
    expect(software.exposure!.level).toBe('none');
    expect(fm(magnets.findings).severity).toBe('high');
    expect(fm(software.findings).severity).toBe('low');
    expect(fm(magnets.findings).severityReason).toMatch(
      /^High: the force majeure clause does not cover export bans or licence denials, and the contract buys .*magnets.* from China/,
    );
    expect(fm(software.findings).severityReason).toMatch(/^Low: .*exposure none/);
    // A missing clause follows the exposure: medium in the software licence, not high as in a magnet supply agreement.
    expect(software.findings.find((finding) => finding.clauseType === 'export-control')).toMatchObject({ verdict: 'missing', severity: 'medium' });
  });

  it('reads the magnet agreement’s exposure: magnets, heavy rare earths, Chinese origin and supply, German law', async () => {
    const { exposure } = (await analyzeFixture('rare-earth-magnets.txt')).report;
    expect(exposure!.materials.map((material) => material.id)).toEqual(expect.arrayContaining(['rare-earth-magnets', 'dysprosium', 'terbium', 'rare-earths']));
    const magnets = exposure!.materials.find((material) => material.id === 'rare-earth-magnets')!;
    expect(magnets.regimes.find((regime) => regime.id === 'cn-2025-medium-heavy-rare-earths')).toMatchObject({ jurisdiction: 'CN', status: 'in_force' });
    expect(exposure!.countries.map((country) => `${country.code}:${country.role}`)).toEqual(
      expect.arrayContaining(['CN:origin', 'CN:supply', 'HK:party', 'DE:party', 'DE:governingLaw']),
    );
    expect(exposure!.governingLaw).toMatchObject({ jurisdiction: 'German law', countryCode: 'DE' });
  });

  it('follows the table: adequate low, weak and missing as the exposure', () => {
    const watchlist = loadDefaultWatchlist();
    const finding = (verdict: Finding['verdict'], lacking: string[]) => ({
      clauseType: 'force-majeure',
      title: 'Force majeure',
      verdict,
      elements: ['governmentAction', 'tradeRestrictions', 'notice', 'termination'].map((id) => ({
        id,
        title: id,
        present: !lacking.includes(id),
        foundBy: null,
        required: true,
        explanation: '',
        evidence: null,
      })),
    });
    const severity = (verdict: Finding['verdict'], level: ExposureLevel, lacking: string[] = []) =>
      watchlist.severityRules.find((rule) => ruleApplies(rule, finding(verdict, lacking), level))!.severity;
    for (const level of ['high', 'medium', 'low', 'none'] as const) expect(severity('adequate', level)).toBe('low');
    // A missing clause follows the exposure too, one step above a weak one where exposure is low.
    expect(severity('missing', 'high')).toBe('high');
    expect(severity('missing', 'medium')).toBe('medium');
    expect(severity('missing', 'low')).toBe('medium');
    expect(severity('missing', 'none')).toBe('medium');
    expect(severity('weak', 'high', ['tradeRestrictions'])).toBe('high');
    expect(severity('weak', 'high', ['termination'])).toBe('high');
    expect(severity('weak', 'medium', ['tradeRestrictions'])).toBe('medium');
    expect(severity('weak', 'low', ['tradeRestrictions'])).toBe('low');
    expect(severity('weak', 'none', ['tradeRestrictions'])).toBe('low');
  });
});
