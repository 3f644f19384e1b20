import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { extractPdf } from '../../lib/extract/pdf.js';
import { loadDefaultLibrary } from '../../lib/library/load.js';
import { renderFixPack } from '../../lib/render/fix-pack.js';
import { officeText } from '../../lib/render/office-text.js';
import { riderClauses } from '../../lib/render/rider.js';
import { analyzeFixture } from '../helpers/fixtures.js';
import { convertWithOffice, skipWithoutOffice } from '../helpers/office.js';

const work = mkdtempSync(path.join(tmpdir(), 'clausewatch-office-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.skipIf(skipWithoutOffice())('the fix pack in LibreOffice Writer', () => {
  it('opens and prints the memo and every inserted clause', async () => {
    const library = loadDefaultLibrary();
    const { report } = await analyzeFixture('excusable-delay.txt');
    const docx = path.join(work, 'excusable-delay.fixes.docx');
    writeFileSync(docx, (await renderFixPack(report, library))!);
    const pdf = await convertWithOffice(docx, 'pdf', work);
    const printed = (await extractPdf(readFileSync(pdf), { maxPages: 50 })).pages.join('\n').replace(/\s+/g, ' ');
    expect(printed).toContain('Contract fix pack');
    expect(printed).toContain('excusable-delay.txt');
    const clauses = riderClauses(report, library);
    expect(clauses.length).toBeGreaterThan(0);
    // Writer prints tracked insertions as text (marked up): each clause of the amendment is there.
    for (const clause of clauses) expect(printed).toContain(officeText(clause.wording).slice(0, 80));
  }, 180_000);
});
