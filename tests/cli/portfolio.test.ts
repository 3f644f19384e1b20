import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DeleteObjectCommand, GetObjectCommand } from '@aws-sdk/client-s3';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { main as analyze } from '../../cli/analyze.js';
import { main as portfolio } from '../../cli/portfolio.js';
import { portfolioRecordKey } from '../../lib/portfolio/record.js';
import type { LocalPipeline } from '../../local/pipeline.js';
import { FIXTURES, fixtureBytes } from '../helpers/fixtures.js';
import { startPipeline } from '../helpers/pipeline.js';

interface PortfolioJson {
  rows: Array<{ file: string; status: string; verdicts: Record<string, string | null>; reviewHref: string | null; errorCode: string | null }>;
  skipped: Array<{ file: string; reason: string }>;
  counts: { contracts: number; verdicts: Record<string, Record<string, number>> };
}

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as PortfolioJson;
const hrefs = (page: string) => [...page.matchAll(/<td class="file"><a href="([^"]+)">/g)].map((match) => match[1]!);
const resolveHref = (dir: string, href: string) => path.join(dir, ...href.split('/').map(decodeURIComponent));

describe('npm run portfolio', () => {
  let work: string;
  let output: string[];
  beforeEach(() => {
    work = mkdtempSync(path.join(tmpdir(), 'clausewatch-portfolio-'));
    output = [];
    vi.spyOn(console, 'log').mockImplementation((line: unknown) => void output.push(String(line)));
    vi.spyOn(console, 'error').mockImplementation((line: unknown) => void output.push(String(line)));
  });
  afterEach(() => {
    vi.restoreAllMocks();
    rmSync(work, { recursive: true, force: true });
  });

  it('builds the CSV, the page and the JSON from a folder of CLI reports, linking each contract to the review page beside its report', async () => {
    const input = path.join(work, 'in');
    mkdirSync(path.join(input, 'acme corp'), { recursive: true });
    copyFileSync(path.join(FIXTURES, 'weak-fm.pdf'), path.join(input, 'acme corp', 'msa #1.pdf'));
    copyFileSync(path.join(FIXTURES, 'strong-fm.txt'), path.join(input, 'strong.txt'));
    copyFileSync(path.join(FIXTURES, 'scanned.pdf'), path.join(input, 'scan.pdf'));
    copyFileSync(path.join(FIXTURES, 'logistics-services.md'), path.join(input, 'Norrland ÅÄÖ.md'));
    const reports = path.join(work, 'reports');
    expect(await analyze([input, '--out', reports, '--quiet'])).toBe(1);
    writeFileSync(path.join(reports, 'notes.json'), '{"hello": "world"}');
    const out = path.join(work, 'portfolio');

    expect(await portfolio([reports, '--out', out])).toBe(0);

    const json = readJson(path.join(out, 'portfolio.json'));
    expect(json.rows.map((row) => row.file).sort()).toEqual(['Norrland ÅÄÖ.md', 'acme corp/msa #1.pdf', 'scan.pdf', 'strong.txt']);
    expect(json.skipped).toEqual([{ file: 'notes.json', reason: expect.stringMatching(/^not a clausewatch report/) }]);
    expect(json.counts.verdicts['force-majeure']).toEqual({ missing: 0, weak: 2, adequate: 1, notAssessed: 1 });
    expect(json.rows.find((row) => row.file === 'scan.pdf')).toMatchObject({ status: 'error', errorCode: 'no_text_layer' });

    const csv = readFileSync(path.join(out, 'portfolio.csv'), 'utf8');
    expect(csv.startsWith('\uFEFFfile,parties,status,error code,force-majeure,export-control,')).toBe(true);
    expect(csv.split('\r\n')).toHaveLength(6);
    expect(csv).toContain('\r\nNorrland ÅÄÖ.md,,ok,,weak,adequate,');

    const page = readFileSync(path.join(out, 'portfolio.html'), 'utf8');
    const links = hrefs(page);
    expect(links).toHaveLength(4);
    expect(links).toContain('../reports/acme%20corp/msa%20%231.pdf.html');
    for (const href of links) {
      const target = resolveHref(out, href);
      expect(existsSync(target), href).toBe(true);
      expect(path.dirname(target).startsWith(reports)).toBe(true);
    }
    expect(output.join('\n')).toMatch(/Skipped 1 JSON file/);

    // The workbook links each contract to the review page and fix pack beside its report.
    const workbook = await JSZip.loadAsync(readFileSync(path.join(out, 'portfolio.xlsx')));
    const sheetLinks = await workbook.file('xl/worksheets/_rels/sheet1.xml.rels')!.async('string');
    expect(sheetLinks).toContain('Target="../reports/acme%20corp/msa%20%231.pdf.html"');
    expect(sheetLinks).toContain('Target="../reports/acme%20corp/msa%20%231.pdf.fixes.docx"');
    expect(existsSync(path.join(reports, 'acme corp', 'msa #1.pdf.fixes.docx'))).toBe(true);
  });

  it('renders review pages into <out>/pages when the reports have none beside them', async () => {
    const reports = path.join(work, 'reports');
    expect(await analyze([path.join(FIXTURES, 'weak-fm.txt'), '--out', reports, '--no-html', '--quiet'])).toBe(0);
    expect(existsSync(path.join(reports, 'weak-fm.txt.html'))).toBe(false);
    const out = path.join(work, 'portfolio');
    expect(await portfolio([reports, '--out', out])).toBe(0);
    const [href] = hrefs(readFileSync(path.join(out, 'portfolio.html'), 'utf8'));
    expect(href).toBe('pages/weak-fm.txt.html');
    const page = readFileSync(resolveHref(out, href!), 'utf8');
    expect(page).toContain('<h1>weak-fm.txt</h1>');
    // Its fix pack goes beside it, so the page's link resolves wherever the portfolio is copied.
    expect(page).toContain('href="./weak-fm.txt.fixes.docx"');
    expect(
      readFileSync(path.join(out, 'pages', 'weak-fm.txt.fixes.docx'))
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
  });

  it('does not read its own output as reports when written inside the reports folder', async () => {
    const reports = path.join(work, 'reports');
    await analyze([path.join(FIXTURES, 'strong-fm.txt'), '--out', reports, '--quiet']);
    const out = path.join(reports, 'portfolio');
    expect(await portfolio([reports, '--out', out])).toBe(0);
    expect(await portfolio([reports, '--out', out])).toBe(0);
    expect(readJson(path.join(out, 'portfolio.json')).skipped).toEqual([]);
  });

  it('exits 2 on usage errors and 1 when there are no reports', async () => {
    expect(await portfolio([])).toBe(2);
    expect(await portfolio([work])).toBe(2);
    expect(await portfolio([path.join(work, 'nowhere'), '--out', work])).toBe(2);
    expect(await portfolio([work, '--out', path.join(work, 'out'), '--upload', 'bucket/prefix'])).toBe(2);
    mkdirSync(path.join(work, 'empty'));
    expect(await portfolio([path.join(work, 'empty'), '--out', path.join(work, 'out')])).toBe(1);
    expect(output.join('\n')).toMatch(/No clausewatch reports found/);
  });
});

describe('npm run portfolio against the local S3 server', () => {
  let pipeline: LocalPipeline;
  let dispose: () => Promise<void>;
  let work: string;
  beforeAll(async () => {
    ({ pipeline, dispose, work } = await startPipeline());
    await pipeline.upload('contracts/acme corp/Halvorsen (signed).pdf', fixtureBytes('strong-fm.pdf'));
    await pipeline.upload('contracts/nordic/Norrland–Castellan ÅÄÖ.docx', fixtureBytes('split-fm.docx'));
    await pipeline.upload('contracts/weak terms.txt', fixtureBytes('weak-fm.txt'));
    await pipeline.upload('contracts/scan.pdf', fixtureBytes('scanned.pdf'));
    await pipeline.idle();
  });
  afterAll(async () => dispose());
  beforeEach(() => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => vi.restoreAllMocks());

  const read = async (key: string) =>
    (await pipeline.s3.send(new GetObjectCommand({ Bucket: pipeline.bucket, Key: key })).then((output) => output.Body!.transformToString())) as string;

  it("reads every contract's portfolio row under the prefix, copies their pages into <out>/pages and uploads the portfolio", async () => {
    const out = path.join(work, 'portfolio');
    const code = await portfolio([
      `s3://${pipeline.bucket}/reports/`,
      '--out',
      out,
      '--endpoint-url',
      pipeline.endpoint,
      '--upload',
      `s3://${pipeline.bucket}/portfolio/`,
      '--pages',
    ]);
    expect(code).toBe(0);

    const json = readJson(path.join(out, 'portfolio.json'));
    expect(json.rows.map((row) => row.file).sort()).toEqual([
      'acme corp/Halvorsen (signed).pdf',
      'nordic/Norrland–Castellan ÅÄÖ.docx',
      'scan.pdf',
      'weak terms.txt',
    ]);
    expect(json.rows.find((row) => row.file === 'weak terms.txt')?.verdicts).toEqual({ 'force-majeure': 'weak', 'export-control': 'missing' });
    const links = hrefs(readFileSync(path.join(out, 'portfolio.html'), 'utf8'));
    expect(links).toHaveLength(4);
    for (const href of links) {
      expect(href.startsWith('pages/')).toBe(true);
      expect(existsSync(resolveHref(out, href)), href).toBe(true);
    }

    expect(await read('portfolio/portfolio.csv')).toContain('weak terms.txt,Marlow Fasteners Inc. (Seller),ok,,weak,missing,');
    expect(await read('portfolio/portfolio.html')).toContain('<strong data-count="contracts">4</strong>');
    expect(JSON.parse(await read('portfolio/portfolio.json')).rows).toHaveLength(4);
    expect(await read('portfolio/pages/nordic/Norrland–Castellan ÅÄÖ.docx.html')).toContain('Norrland–Castellan ÅÄÖ.docx</h1>');
  });

  it('reads the whole bucket, listing the JSON files that are not reports', async () => {
    await pipeline.upload('misc/settings.json', JSON.stringify({ id: 'not-a-report' }));
    await pipeline.upload('misc/broken.json', '{ not json');
    const out = path.join(work, 'whole');
    expect(await portfolio([`s3://${pipeline.bucket}`, '--out', out, '--endpoint-url', pipeline.endpoint])).toBe(0);
    const json = readJson(path.join(out, 'portfolio.json'));
    expect(json.rows.map((row) => row.file)).toContain('reports/weak terms.txt');
    // Portfolio rows are not reports, nor files to list as skipped.
    expect(json.rows).toHaveLength(4);
    expect(json.skipped.map((item) => item.file).filter((file) => file.startsWith('portfolio-rows/'))).toEqual([]);
    expect(json.skipped).toEqual(
      expect.arrayContaining([
        { file: 'misc/broken.json', reason: 'not JSON' },
        { file: 'misc/settings.json', reason: expect.stringMatching(/^not a clausewatch report/) },
      ]),
    );
  });

  it('builds the same CSV, page and spreadsheet from the rows as from every report, and reads the report of a contract without a row', async () => {
    // One clock time for both runs (the page shows when it was made); the real time, for S3's request signing.
    const now = new Date();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(now);
    const logs: string[] = [];
    vi.mocked(console.log).mockImplementation((line: unknown) => void logs.push(String(line)));
    vi.mocked(console.error).mockImplementation((line: unknown) => void logs.push(String(line)));
    try {
      const source = `s3://${pipeline.bucket}/reports/`;
      const fromReports = path.join(work, 'from-reports');
      const fromRows = path.join(work, 'from-rows');
      const common = ['--endpoint-url', pipeline.endpoint, '--pages'];
      expect(await portfolio([source, '--out', fromReports, '--from-reports', ...common]), logs.join('\n')).toBe(0);
      expect(await portfolio([source, '--out', fromRows, ...common])).toBe(0);
      expect(logs).toContain(`Read 4 portfolio row(s) from s3://${pipeline.bucket}/portfolio-rows/.`);
      for (const file of ['portfolio.csv', 'portfolio.html']) {
        expect(readFileSync(path.join(fromRows, file), 'utf8'), file).toBe(readFileSync(path.join(fromReports, file), 'utf8'));
      }
      expect(await sheetValues(path.join(fromRows, 'portfolio.xlsx'))).toEqual(await sheetValues(path.join(fromReports, 'portfolio.xlsx')));

      // A report made before portfolio rows existed: its row is missing, so its report is read.
      await pipeline.s3.send(new DeleteObjectCommand({ Bucket: pipeline.bucket, Key: portfolioRecordKey('weak terms.txt') }));
      const mixed = path.join(work, 'mixed');
      logs.length = 0;
      expect(await portfolio([source, '--out', mixed, ...common])).toBe(0);
      expect(logs).toContain(
        `Read 3 portfolio row(s) from s3://${pipeline.bucket}/portfolio-rows/, and 1 report(s) of contracts without a row yet (reports made before portfolio rows).`,
      );
      expect(readFileSync(path.join(mixed, 'portfolio.csv'), 'utf8')).toBe(readFileSync(path.join(fromReports, 'portfolio.csv'), 'utf8'));
    } finally {
      vi.useRealTimers();
    }
  });
});

/** Every cell value of every sheet, and the notes other than the verdicts' (which quote the clause only when built from reports). */
async function sheetValues(file: string): Promise<unknown> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook.worksheets.map((sheet) => {
    const cells: unknown[] = [];
    sheet.eachRow((row) => row.eachCell((cell) => cells.push([cell.address, cell.value])));
    return { name: sheet.name, cells };
  });
}
