import { describe, expect, it } from 'vitest';
import { buildPortfolio, describeGaps, safeRelativeLink } from '../../../lib/portfolio/rows.js';
import { Report } from '../../../lib/report/schema.js';
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
    // The weak force-majeure clause of the logistics contract is low: it names no controlled material (exposure none).
    // A missing export-control clause in a contract without exposure is medium.
    expect(portfolio.counts.severity).toEqual({ high: 0, medium: 2, low: 2 });
    expect(portfolio.counts.exposure).toEqual({ high: 0, medium: 0, low: 1, none: 3, notAssessed: 1 });
    // Riskiest first; at equal risk, the more exposed first (strong-fm names the People's Republic of China: low).
    expect(portfolio.rows.map((row) => [row.file, row.overallSeverity, row.exposure])).toEqual([
      ['split-fm.txt', 'medium', 'none'],
      ['weak-fm.txt', 'medium', 'none'],
      ['strong-fm.txt', 'low', 'low'],
      ['logistics-services.md', 'low', 'none'],
      ['scanned.pdf', null, null],
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

describe('exposure in the portfolio', () => {
  it('gives each row its exposure, materials and controlling supply countries, and counts contracts per level', async () => {
    const portfolio = buildPortfolio(await entries('rare-earth-magnets.txt', 'software-licence.txt', 'strong-fm.txt', 'scanned.pdf'));
    const row = (file: string) => portfolio.rows.find((candidate) => candidate.file === file)!;
    expect(row('rare-earth-magnets.txt')).toMatchObject({ exposure: 'high', exposureCountries: ['China'] });
    expect(row('rare-earth-magnets.txt').exposureMaterials).toEqual(expect.arrayContaining(['Rare-earth permanent magnets', 'Dysprosium']));
    expect(row('software-licence.txt')).toMatchObject({ exposure: 'none', exposureMaterials: [], exposureCountries: [] });
    expect(row('scanned.pdf').exposure).toBeNull();
    expect(portfolio.counts.exposure).toEqual({ high: 1, medium: 0, low: 1, none: 1, notAssessed: 1 });
  });

  it('ranks a missing clause by exposure: a magnet supply agreement above a software licence', async () => {
    // Both lack an export-control clause; only the magnet agreement buys controlled materials from China.
    const portfolio = buildPortfolio(await entries('software-licence.txt', 'rare-earth-magnets.txt'));
    expect(portfolio.rows.map((row) => [row.file, row.overallSeverity, row.exposure])).toEqual([
      ['rare-earth-magnets.txt', 'high', 'high'],
      ['software-licence.txt', 'medium', 'none'],
    ]);
  });

  it('reads a 1.0.0 report, which has no exposure, as not assessed', async () => {
    const [entry] = await entries('weak-fm.txt');
    const { exposure: _exposure, ...old } = { ...entry!.report, schemaVersion: '1.0.0' };
    const parsed = Report.parse(old);
    expect(parsed.exposure).toBeNull();
    expect(buildPortfolio([{ ...entry!, report: parsed }]).rows[0]!.exposure).toBeNull();
    // A current report must carry its exposure.
    expect(Report.safeParse({ ...entry!.report, exposure: null }).success).toBe(false);
  });
});

describe('safeRelativeLink', () => {
  it('keeps relative paths and drops anything with a scheme or a host', () => {
    expect(safeRelativeLink('pages/a%20b.html')).toBe('pages/a%20b.html');
    expect(safeRelativeLink('../reports/x.fixes.docx')).toBe('../reports/x.fixes.docx');
    for (const href of ['javascript:alert(1)', 'file:///etc/passwd', 'https://x.example', '//x.example/a', '\\\\server\\share', '', null])
      expect(safeRelativeLink(href)).toBeNull();
  });

  it('keeps absolute http(s) links on a trusted origin only', () => {
    const trusted = ['https://contracts.s3.eu-west-1.amazonaws.com'];
    const signed = 'https://contracts.s3.eu-west-1.amazonaws.com/reports/a%20b.pdf.html?X-Amz-Signature=abc';
    expect(safeRelativeLink(signed, trusted)).toBe(signed);
    expect(safeRelativeLink('../reports/x.html', trusted)).toBe('../reports/x.html');
    for (const href of [
      'https://evil.example/reports/a.html',
      'https://contracts.s3.eu-west-1.amazonaws.com.evil.example/a',
      'http://contracts.s3.eu-west-1.amazonaws.com/a',
      'javascript:alert(1)//https://contracts.s3.eu-west-1.amazonaws.com',
      'https://user@evil.example/',
    ])
      expect(safeRelativeLink(href, trusted)).toBeNull();
  });
});
