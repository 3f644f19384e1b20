import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../cli/analyze.js';
import { loadDefaultWatchlist } from '../../lib/exposure/load.js';
import { Report } from '../../lib/report/schema.js';
import { FIXTURES, SCANS } from '../helpers/fixtures.js';

describe('npm run analyze', () => {
  let work: string;
  let output: string[];
  beforeEach(() => {
    work = mkdtempSync(path.join(tmpdir(), 'clausewatch-cli-'));
    output = [];
    vi.spyOn(console, 'log').mockImplementation((line: unknown) => void output.push(String(line)));
    vi.spyOn(console, 'error').mockImplementation((line: unknown) => void output.push(String(line)));
  });
  afterEach(() => vi.restoreAllMocks());

  const report = (file: string) => Report.parse(JSON.parse(readFileSync(file, 'utf8')));

  it('mirrors the folder structure, skips non-contract files in folders and prints a summary', async () => {
    const input = path.join(work, 'in');
    mkdirSync(path.join(input, 'acme'), { recursive: true });
    copyFileSync(path.join(FIXTURES, 'weak-fm.pdf'), path.join(input, 'acme', 'msa.pdf'));
    copyFileSync(path.join(FIXTURES, 'split-fm.docx'), path.join(input, 'split.docx'));
    writeFileSync(path.join(input, 'labels.json'), '[]');
    const out = path.join(work, 'out');

    const code = await main([input, '--out', out]);

    expect(code).toBe(0);
    expect(report(path.join(out, 'acme', 'msa.pdf.json')).findings[0]?.verdict).toBe('weak');
    expect(report(path.join(out, 'split.docx.json')).document.detectedType).toBe('docx');
    expect(existsSync(path.join(out, 'labels.json.json'))).toBe(false);
    const printed = output.join('\n');
    expect(printed).toMatch(/Skipped 1 file/);
    expect(printed).toMatch(/acme\/msa\.pdf\s+force-majeure\s+weak\s+.*tradeRestrictions/);
  });

  it('reads a scanned PDF by OCR in its worker, and reports it as no_text_layer with --no-ocr', async () => {
    const scan = path.join(SCANS, 'weak-fm-scan.pdf');
    const out = path.join(work, 'out');
    expect(await main([scan, '--out', out, '--quiet'])).toBe(0);
    const read = report(path.join(out, 'weak-fm-scan.pdf.json'));
    expect(read.document.ocr?.pages).toEqual([{ page: 1, confidence: expect.any(Number), read: true }]);
    expect(read.summary.verdicts['force-majeure']).toBe('weak');
    expect(readFileSync(path.join(out, 'weak-fm-scan.pdf.html'), 'utf8')).toMatch(/read by OCR/);

    const off = path.join(work, 'off');
    expect(await main([scan, '--out', off, '--quiet', '--no-ocr'])).toBe(1);
    expect(report(path.join(off, 'weak-fm-scan.pdf.json')).error?.code).toBe('no_text_layer');
  }, 60_000);

  it('writes the review page beside each report unless --no-html is given', async () => {
    const out = path.join(work, 'out');
    expect(await main([path.join(FIXTURES, 'weak-fm.txt'), path.join(FIXTURES, 'scanned.pdf'), '--out', out, '--quiet'])).toBe(1);
    expect(readFileSync(path.join(out, 'weak-fm.txt.html'), 'utf8')).toMatch(/^<!DOCTYPE html>[\s\S]*<h1>weak-fm\.txt<\/h1>/);
    expect(readFileSync(path.join(out, 'scanned.pdf.html'), 'utf8')).toContain('no_text_layer');

    const plain = path.join(work, 'plain');
    expect(await main([path.join(FIXTURES, 'weak-fm.txt'), '--out', plain, '--no-html', '--quiet'])).toBe(0);
    expect(existsSync(path.join(plain, 'weak-fm.txt.json'))).toBe(true);
    expect(existsSync(path.join(plain, 'weak-fm.txt.html'))).toBe(false);
  });

  it('writes a fix pack for a contract with gaps, none for an error report, removes a stale one, and none with --no-docx', async () => {
    const out = path.join(work, 'out');
    const contract = path.join(work, 'contract.txt');
    copyFileSync(path.join(FIXTURES, 'weak-fm.txt'), contract);
    expect(await main([contract, path.join(FIXTURES, 'scanned.pdf'), '--out', out, '--quiet'])).toBe(1);
    const fixPack = readFileSync(path.join(out, 'contract.txt.fixes.docx'));
    expect(fixPack.subarray(0, 2).toString()).toBe('PK');
    expect(readFileSync(path.join(out, 'contract.txt.html'), 'utf8')).toContain('href="./contract.txt.fixes.docx"');
    expect(existsSync(path.join(out, 'scanned.pdf.fixes.docx'))).toBe(false);

    // The same file, now with both clauses adequate: the old fix pack must not linger beside the new report.
    copyFileSync(path.join(FIXTURES, 'strong-fm.txt'), contract);
    expect(await main([contract, '--out', out, '--quiet'])).toBe(0);
    expect(report(path.join(out, 'contract.txt.json')).findings.map((finding) => finding.verdict)).toEqual(['adequate', 'adequate']);
    expect(existsSync(path.join(out, 'contract.txt.fixes.docx'))).toBe(false);
    expect(readFileSync(path.join(out, 'contract.txt.html'), 'utf8')).not.toContain('.fixes.docx');

    const plain = path.join(work, 'plain');
    expect(await main([path.join(FIXTURES, 'weak-fm.txt'), '--out', plain, '--no-docx', '--quiet'])).toBe(0);
    expect(existsSync(path.join(plain, 'weak-fm.txt.fixes.docx'))).toBe(false);
    expect(readFileSync(path.join(plain, 'weak-fm.txt.html'), 'utf8')).not.toContain('.fixes.docx');
  });

  it('analyzes a file named explicitly even when it is no contract, and exits 1 for the error report', async () => {
    const file = path.join(work, 'notes.json');
    writeFileSync(file, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const out = path.join(work, 'out');
    const code = await main([file, path.join(FIXTURES, 'strong-fm.txt'), '--out', out]);
    expect(code).toBe(1);
    expect(report(path.join(out, 'notes.json.json')).error?.code).toBe('unsupported_type');
    expect(report(path.join(out, 'strong-fm.txt.json')).status).toBe('ok');
  });

  it('exits 2 on usage errors and on a bad library', async () => {
    expect(await main([])).toBe(2);
    expect(await main([path.join(FIXTURES, 'weak-fm.txt')])).toBe(2);
    expect(await main([path.join(work, 'missing.pdf'), '--out', work])).toBe(2);
    const library = path.join(work, 'library.json');
    writeFileSync(library, JSON.stringify({ id: 'x', version: '1', title: 'x', clauseTypes: [] }));
    expect(await main([path.join(FIXTURES, 'weak-fm.txt'), '--out', work, '--library', library])).toBe(2);
    expect(output.join('\n')).toMatch(/library_invalid: .*clauseTypes/);
  });

  it('uses a custom library and records its version', async () => {
    const library = JSON.parse(readFileSync(new URL('../../lib/library/clause-library.json', import.meta.url), 'utf8'));
    library.version = 'acme-7';
    library.clauseTypes = library.clauseTypes.filter((type: { id: string }) => type.id === 'force-majeure');
    const file = path.join(work, 'acme-library.json');
    writeFileSync(file, JSON.stringify(library));
    const out = path.join(work, 'out');
    expect(await main([path.join(FIXTURES, 'weak-fm.txt'), '--out', out, '--library', file])).toBe(0);
    const result = report(path.join(out, 'weak-fm.txt.json'));
    // The recorded version joins the clause library's and the exposure watchlist's.
    expect(result.library.version).toBe(`acme-7+wl.${loadDefaultWatchlist().version}`);
    expect(result.findings.map((finding) => finding.clauseType)).toEqual(['force-majeure']);
  });
});
