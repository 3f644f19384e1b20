import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { extractPdf } from '../../lib/extract/pdf.js';
import { loadDefaultLibrary } from '../../lib/library/load.js';
import { renderFixPack } from '../../lib/render/fix-pack.js';
import { officeText } from '../../lib/render/office-text.js';
import { riderClauses } from '../../lib/render/rider.js';
import { analyzeFixture } from '../helpers/fixtures.js';

const SOFFICE = '/usr/bin/soffice';
// CI installs LibreOffice (.ci/run), so there a missing office suite is a failure, not a skip.
const skip = !existsSync(SOFFICE) && !process.env.CI;
if (skip) console.warn(`Skipping the LibreOffice tests: ${SOFFICE} is missing (apt-get install libreoffice-writer-nogui). They always run when CI is set.`);

const work = mkdtempSync(path.join(tmpdir(), 'clausewatch-office-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Converts a file as a user's office suite would open it, headless, with a private profile so runs never share a lock. */
async function convert(file: string, format: string): Promise<string> {
  const profile = pathToFileURL(path.join(work, `profile-${path.basename(file)}`)).href;
  await promisify(execFile)(SOFFICE, [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--convert-to', format, '--outdir', work, file], { timeout: 120_000 });
  const converted = path.join(work, `${path.basename(file, path.extname(file))}.${format}`);
  expect(existsSync(converted), `LibreOffice wrote ${converted}`).toBe(true);
  return converted;
}

describe.skipIf(skip)('the fix pack in LibreOffice', () => {
  it('opens in Writer and prints the memo and every inserted clause', async () => {
    const library = loadDefaultLibrary();
    const { report } = await analyzeFixture('excusable-delay.txt');
    const docx = path.join(work, 'excusable-delay.fixes.docx');
    writeFileSync(docx, (await renderFixPack(report, library))!);
    const pdf = await convert(docx, 'pdf');
    const printed = (await extractPdf(readFileSync(pdf), { maxPages: 50 })).pages.join('\n').replace(/\s+/g, ' ');
    expect(printed).toContain('Contract fix pack');
    expect(printed).toContain('excusable-delay.txt');
    const clauses = riderClauses(report, library);
    expect(clauses.length).toBeGreaterThan(0);
    // Writer prints tracked insertions as text (marked up): each clause of the amendment is there.
    for (const clause of clauses) expect(printed).toContain(officeText(clause.wording).slice(0, 80));
  }, 180_000);
});
