import { describe, expect, it } from 'vitest';
import { buildPortfolio, describeGaps } from '../../../lib/portfolio/rows.js';
import type { Report } from '../../../lib/report/schema.js';
import { analyzeFixture } from '../../helpers/fixtures.js';

async function entries(...names: string[]) {
  const analyzed = await Promise.all(names.map(async (name) => ({ file: name, report: (await analyzeFixture(name)).report, reviewHref: `${name}.html` })));
  return analyzed;
}

describe('buildPortfolio', () => {
  it('counts verdicts per clause type and statuses, and lists the riskiest contracts first', async () => {
    const portfolio = buildPortfolio(await entries('strong-fm.txt', 'weak-fm.txt', 'logistics-services.md', 'scanned.pdf', 'split-fm.txt'));
    expect(portfolio.clauseTypes).toEqual([
      { id: 'force-majeure', title: 'Force majeure' },
      { id: 'export-control', title: 'Export control and sanctions' },
    ]);
    expect(portfolio.counts.contracts).toBe(5);
    expect(portfolio.counts.status).toEqual({ ok: 4, error: 1 });
    expect(portfolio.counts.verdicts['force-majeure']).toEqual({ missing: 0, weak: 2, adequate: 2, notAssessed: 1 });
    expect(portfolio.counts.verdicts['export-control']).toEqual({ missing: 2, weak: 0, adequate: 2, notAssessed: 1 });
    expect(portfolio.counts.severity).toEqual({ high: 2, medium: 1, low: 1 });
    expect(portfolio.rows.map((row) => [row.file, row.overallSeverity])).toEqual([
      ['split-fm.txt', 'high'],
      ['weak-fm.txt', 'high'],
      ['logistics-services.md', 'medium'],
      ['strong-fm.txt', 'low'],
      ['scanned.pdf', null],
    ]);
    const scanned = portfolio.rows.find((row) => row.file === 'scanned.pdf')!;
    expect(scanned).toMatchObject({ status: 'error', errorCode: 'no_text_layer', verdicts: { 'force-majeure': null, 'export-control': null }, parties: [] });
    expect(scanned.reviewHref).toBe('scanned.pdf.html');
  });

  it('gives reports of another library their own columns, left empty for the others', async () => {
    const [first] = await entries('weak-fm.txt');
    const other: Report = {
      ...first!.report,
      findings: first!.report.findings.map((finding) => ({ ...finding, clauseType: 'hardship', title: 'Hardship' })).slice(0, 1),
    };
    const portfolio = buildPortfolio([first!, { file: 'other.txt', report: other, reviewHref: null }]);
    expect(portfolio.clauseTypes.map((type) => type.id)).toEqual(['force-majeure', 'export-control', 'hardship']);
    expect(portfolio.rows.find((row) => row.file === 'other.txt')!.verdicts).toEqual({ 'force-majeure': null, 'export-control': null, hardship: 'weak' });
    expect(portfolio.counts.verdicts.hardship).toEqual({ missing: 0, weak: 1, adequate: 0, notAssessed: 1 });
  });
});

describe('describeGaps', () => {
  it('names missing elements per clause type, and a missing clause as such', async () => {
    const portfolio = buildPortfolio(await entries('logistics-services.md', 'strong-fm.txt', 'split-fm.txt'));
    const gaps = (file: string) => describeGaps(portfolio.rows.find((row) => row.file === file)!, portfolio.clauseTypes);
    expect(gaps('logistics-services.md')).toMatch(/^force-majeure: .*termination/);
    expect(gaps('strong-fm.txt')).toBe('');
    expect(gaps('split-fm.txt')).toMatch(/export-control: no clause$/);
  });
});
