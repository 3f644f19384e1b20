import { describe, expect, it } from 'vitest';
import { loadDefaultLibrary } from '../../../lib/library/load.js';
import { renderFixPack } from '../../../lib/render/fix-pack.js';
import { hasFixPack, riderClauses } from '../../../lib/render/rider.js';
import { analyzeFixture } from '../../helpers/fixtures.js';

const library = loadDefaultLibrary();

describe('riderClauses', () => {
  it('adds the whole clause when it is missing and each missing required element when it is weak, nothing for an adequate one', async () => {
    const weak = await analyzeFixture('weak-fm.txt');
    const verdicts = Object.fromEntries(weak.report.findings.map((finding) => [finding.clauseType, finding.verdict]));
    expect(verdicts).toEqual({ 'force-majeure': 'weak', 'export-control': 'missing' });
    const clauses = riderClauses(weak.report, library);
    const forceMajeure = weak.report.findings.find((finding) => finding.clauseType === 'force-majeure')!;
    const missingRequired = forceMajeure.elements.filter((element) => element.required && !element.present).map((element) => element.id);
    expect(clauses.filter((clause) => clause.clauseType === 'force-majeure').map((clause) => clause.element)).toEqual(missingRequired);
    expect(clauses.filter((clause) => clause.clauseType === 'export-control')).toEqual([
      expect.objectContaining({ element: null, heading: 'Export control and sanctions' }),
    ]);

    const strong = await analyzeFixture('strong-fm.txt');
    expect(strong.report.findings.find((finding) => finding.clauseType === 'force-majeure')!.verdict).toBe('adequate');
    expect(riderClauses(strong.report, library).some((clause) => clause.clauseType === 'force-majeure')).toBe(false);
    expect(hasFixPack(strong.report)).toBe(riderClauses(strong.report).length > 0);
  });

  it("uses the library's stand-alone wording where the report's wording is a fragment of the event list", async () => {
    const { report } = await analyzeFixture('weak-fm.txt');
    const fromReport = riderClauses(report).find((clause) => clause.element === 'governmentAction')!;
    const fromLibrary = riderClauses(report, library).find((clause) => clause.element === 'governmentAction')!;
    expect(fromReport.wording).toMatch(/^acts, orders/);
    expect(fromLibrary.wording).toMatch(/^The events beyond a Party's reasonable control/);
  });

  it('gives an error report nothing', async () => {
    const { report } = await analyzeFixture('scanned.pdf');
    expect(report.status).toBe('error');
    expect(riderClauses(report, library)).toEqual([]);
    expect(await renderFixPack(report, library)).toBeNull();
  });
});
