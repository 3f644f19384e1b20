import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { extractPdf } from '../../lib/extract/pdf.js';
import { buildPortfolio } from '../../lib/portfolio/rows.js';
import { portfolioXlsx } from '../../lib/portfolio/xlsx.js';
import { analyzeFixture } from '../helpers/fixtures.js';
import { convertWithOffice, skipWithoutOffice } from '../helpers/office.js';

const work = mkdtempSync(path.join(tmpdir(), 'clausewatch-office-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.skipIf(skipWithoutOffice())('portfolio.xlsx in LibreOffice Calc', () => {
  it('opens, prints every contract and keeps the chart of the counts when saved again', async () => {
    const names = ['weak-fm.txt', 'strong-fm.txt', 'rare-earth-magnets.txt'];
    const entries = await Promise.all(
      names.map(async (name) => ({ file: `contracts/${name}`, report: (await analyzeFixture(name)).report, reviewHref: null })),
    );
    const xlsx = path.join(work, 'portfolio.xlsx');
    writeFileSync(xlsx, await portfolioXlsx(buildPortfolio(entries), { generatedAt: '2026-11-30T12:00:00.000Z', sourceLabel: 'reports/' }));

    const pdf = await convertWithOffice(xlsx, 'pdf', work);
    const printed = (await extractPdf(readFileSync(pdf), { maxPages: 50 })).pages.join('\n');
    for (const name of names) expect(printed).toContain(`contracts/${name}`);
    expect(printed).toContain('Contracts by verdict and exposure');

    // Saved again by Calc, the workbook still has a chart that reads the Counts sheet: Calc understood it.
    const resaved = await convertWithOffice(xlsx, 'xlsx:Calc MS Excel 2007 XML', mkdtempSync(path.join(work, 'resaved-')));
    const zip = await JSZip.loadAsync(readFileSync(resaved));
    const charts = Object.keys(zip.files).filter((file) => /^xl\/charts\/chart\d+\.xml$/.test(file));
    expect(charts).toHaveLength(1);
    expect(await zip.file(charts[0]!)!.async('string')).toMatch(/Counts!\$A\$2:\$A\$7/);
  }, 180_000);
});
