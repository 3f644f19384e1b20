import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { buildPortfolio, type PortfolioEntry } from '../../../lib/portfolio/rows.js';
import { portfolioXlsx } from '../../../lib/portfolio/xlsx.js';
import { analyzeFixture, analyzeText } from '../../helpers/fixtures.js';

const OPTIONS = { generatedAt: '2026-11-30T12:00:00.000Z', sourceLabel: 'reports/' };

async function read(bytes: Uint8Array) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return workbook;
}

/** The cells of a sheet's first row by header text, so tests do not depend on column letters. */
function columnsOf(sheet: ExcelJS.Worksheet): Map<string, number> {
  const columns = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, column) => columns.set(String(cell.value), column));
  return columns;
}

async function entries(): Promise<PortfolioEntry[]> {
  return [
    {
      file: 'acme/weak.txt',
      report: (await analyzeFixture('weak-fm.txt')).report,
      reviewHref: 'reports/acme/weak.txt.html',
      fixPackHref: 'reports/acme/weak.txt.fixes.docx',
    },
    { file: 'strong.txt', report: (await analyzeFixture('strong-fm.txt')).report, reviewHref: 'reports/strong.txt.html', fixPackHref: null },
    { file: 'magnets.txt', report: (await analyzeFixture('rare-earth-magnets.txt')).report, reviewHref: null },
    { file: 'scan.pdf', report: (await analyzeFixture('scanned.pdf')).report, reviewHref: 'reports/scan.pdf.html' },
  ];
}

describe('portfolio.xlsx', () => {
  it('has one row per contract with a frozen header, a filter, coloured verdicts, evidence comments and links', async () => {
    const portfolio = buildPortfolio(await entries());
    const workbook = await read(await portfolioXlsx(portfolio, OPTIONS));
    const sheet = workbook.getWorksheet('Contracts')!;
    const columns = columnsOf(sheet);
    expect(sheet.rowCount).toBe(1 + portfolio.rows.length);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1, xSplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();
    expect(columns.has('Force majeure')).toBe(true);
    expect(columns.has('Fix pack')).toBe(true);

    const rowOf = (file: string) => {
      for (let index = 2; index <= sheet.rowCount; index++) {
        const value = sheet.getRow(index).getCell(1).value as ExcelJS.CellValue;
        const text = typeof value === 'object' && value !== null && 'text' in value ? value.text : value;
        if (text === file) return sheet.getRow(index);
      }
      throw new Error(`no row for ${file}`);
    };
    const weak = rowOf('acme/weak.txt');
    expect(weak.getCell(1).value).toMatchObject({ text: 'acme/weak.txt', hyperlink: 'reports/acme/weak.txt.html' });
    expect(weak.getCell(columns.get('Fix pack')!).value).toMatchObject({ text: 'Fix pack', hyperlink: 'reports/acme/weak.txt.fixes.docx' });
    const forceMajeure = weak.getCell(columns.get('Force majeure')!);
    expect(forceMajeure.value).toBe('Weak');
    expect((forceMajeure.fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFF3CD');
    const exportControl = weak.getCell(columns.get('Export control and sanctions')!);
    expect(exportControl.value).toBe('Missing');
    expect(JSON.stringify(exportControl.note)).toContain('No clause found');

    // The magnet contract's force-majeure cell carries its evidence: a quote with its place.
    const magnets = portfolio.rows.find((row) => row.file === 'magnets.txt')!;
    const evidence = magnets.evidence['force-majeure']!;
    const note = JSON.stringify(rowOf('magnets.txt').getCell(columns.get('Force majeure')!).note);
    expect(note).toContain(evidence.quote.slice(0, 60).replace(/\s+/g, ' '));
    expect(note).toMatch(/section|page/);
    expect(rowOf('magnets.txt').getCell(columns.get('Exposure')!).value).toBe('High');

    expect(rowOf('scan.pdf').getCell(columns.get('Status')!).value).toBe('Not analyzed: no_text_layer');
    expect(rowOf('strong.txt').getCell(columns.get('Fix pack')!).value).toBe('');
  });

  it('counts contracts by clause type, verdict and exposure, and charts them from those cells', async () => {
    const portfolio = buildPortfolio(await entries());
    const bytes = await portfolioXlsx(portfolio, OPTIONS);
    const workbook = await read(bytes);
    const counts = workbook.getWorksheet('Counts')!;
    const header = counts.getRow(1).values as ExcelJS.CellValue[];
    expect(header.slice(1)).toEqual(['Contracts by verdict and exposure', 'High', 'Medium', 'Low', 'None', 'Not assessed', 'Total']);
    // Totals per clause type and verdict match the portfolio's counts.
    let row = 2;
    for (const type of portfolio.clauseTypes) {
      for (const verdict of ['missing', 'weak', 'adequate'] as const) {
        const cells = counts.getRow(row).values as ExcelJS.CellValue[];
        expect(cells[1]).toBe(`${type.title}: ${verdict}`);
        expect(cells[7]).toBe(portfolio.counts.verdicts[type.id]![verdict]);
        row++;
      }
    }
    const zip = await JSZip.loadAsync(bytes);
    const chart = await zip.file('xl/charts/chart1.xml')!.async('string');
    expect(chart).toContain('<c:grouping val="stacked"/>');
    expect(chart).toContain(`<c:f>Counts!$A$2:$A$${row - 1}</c:f>`);
    expect(chart.match(/<c:ser>/g)).toHaveLength(5);
    expect(await zip.file('xl/worksheets/sheet2.xml')!.async('string')).toContain('<drawing r:id="rIdChart1"/>');
    expect(await zip.file('[Content_Types].xml')!.async('string')).toContain('/xl/charts/chart1.xml');
  });

  it('keeps hostile contract text inert: formula prefixes stay text, no characters XML cannot hold, no links with a scheme', async () => {
    const hostile = '=HYPERLINK("http://evil.example","click")\u0001<b>';
    const { report } = await analyzeText(
      '14. FORCE MAJEURE\nNeither party is liable for delay caused by events beyond its reasonable control such as fire.\n',
      hostile,
    );
    const portfolio = buildPortfolio([{ file: hostile, report, reviewHref: 'javascript:alert(1)', fixPackHref: '//evil.example/x.docx' }]);
    const bytes = await portfolioXlsx(portfolio, OPTIONS);
    const zip = await JSZip.loadAsync(bytes);
    for (const name of Object.keys(zip.files).filter((file) => file.endsWith('.xml'))) {
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for control characters XML cannot hold
      expect(await zip.file(name)!.async('string'), name).not.toMatch(/[\u0000-\u0008]/);
    }
    const sheet = (await read(bytes)).getWorksheet('Contracts')!;
    const file = sheet.getRow(2).getCell(1);
    expect(file.type).toBe(ExcelJS.ValueType.String);
    expect(file.value).toBe('=HYPERLINK("http://evil.example","click")\uFFFD<b>');
    expect(await zip.file('xl/worksheets/sheet1.xml')!.async('string')).not.toContain('<f>');
    expect(JSON.stringify(sheet.getRow(2).values)).not.toMatch(/javascript:|evil\.example\/x/);
  });
});
