import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeDocument } from '../../../lib/analyze.js';
import { DEFAULT_OCR } from '../../../lib/extract/ocr.js';
import { textractPages } from '../../../lib/extract/textract.js';
import { loadDefaultLibrary } from '../../../lib/library/load.js';
import { FIXED_NOW, fixtureBytes, SCANS } from '../../helpers/fixtures.js';

/*
 * Amazon Textract's asynchronous text detection, as its results come back: GetDocumentTextDetection
 * responses in the API's shape (PAGE, LINE and WORD blocks with geometry and relationships, paged by
 * NextToken), written for this project from the weak-fm fixture's text. AWS itself cannot run here.
 */

const RECORDED = fileURLToPath(new URL('../../fixtures/textract/', import.meta.url));
const responses = (name: string): unknown[] => {
  const value = JSON.parse(readFileSync(`${RECORDED}${name}`, 'utf8'));
  return Array.isArray(value) ? value : [value];
};

describe('textractPages', () => {
  it("joins a job's result pages into each page's lines in reading order, with the mean word confidence", () => {
    const pages = textractPages(responses('weak-fm-scan.json'));
    expect([...pages.keys()]).toEqual([1]);
    const page = pages.get(1)!;
    expect(page.text.split('\n')[0]).toBe('MARLOW FASTENERS INC.');
    expect(page.text).toContain('GENERAL TERMS AND CONDITIONS OF SALE');
    expect(page.confidence).toBeGreaterThan(96);
    expect(page.confidence).toBeLessThan(100);
  });

  it('reads blocks without a page number as page 1, and a page with no words as confidence 0', () => {
    const pages = textractPages([{ JobStatus: 'SUCCEEDED', Blocks: [{ BlockType: 'LINE', Text: 'Force Majeure', Confidence: 99 }] }]);
    expect(pages.get(1)).toEqual({ text: 'Force Majeure', confidence: 0 });
  });

  it('turns a failed job into an ocr_failed error with the service message, and refuses an unreadable result', () => {
    expect(() => textractPages(responses('failed.json'))).toThrow(
      expect.objectContaining({ code: 'ocr_failed', message: expect.stringMatching(/UNSUPPORTED_DOCUMENT/) }),
    );
    expect(() => textractPages([{ Blocks: [{ BlockType: 'LINE', Page: -1 }] }])).toThrow(expect.objectContaining({ code: 'ocr_failed' }));
    expect(() => textractPages([{ JobStatus: 'IN_PROGRESS' }])).toThrow(/still running/);
  });

  it("analyzes a scan from the job's pages: the same verdict as the text, its quotes marked as OCR text", async () => {
    const recognized = { engine: 'textract', pages: textractPages(responses('weak-fm-scan.json')) };
    const { report } = await analyzeDocument(fixtureBytes('weak-fm-scan.pdf', SCANS), {
      name: 'weak-fm-scan.pdf',
      library: loadDefaultLibrary(),
      now: FIXED_NOW,
      ocr: { ...DEFAULT_OCR, recognized },
    });
    expect(report.status).toBe('ok');
    expect(report.document.ocr).toEqual({ engine: 'textract', pages: [{ page: 1, confidence: expect.any(Number), read: true }] });
    expect(report.summary.verdicts).toEqual({ 'force-majeure': 'weak', 'export-control': 'missing' });
    expect(report.findings[0]!.location?.page).toBe(1);
  });
});
