import { describe, expect, it } from 'vitest';
import { analyzeDocument } from '../../../lib/analyze.js';
import { DEFAULT_OCR } from '../../../lib/extract/ocr.js';
import { loadDefaultLibrary } from '../../../lib/library/load.js';
import type { Report } from '../../../lib/report/schema.js';
import { FIXED_NOW, fixtureBytes, fixtureLabels, SCANS } from '../../helpers/fixtures.js';
import { expectMatchesLabel } from '../../helpers/labels.js';

/*
 * Scanned contracts read by the real OCR engine (tesseract.js with the English model from
 * node_modules). The scans in tests/fixtures/scans are this project's own fixture PDFs with their
 * pages rendered to greyscale images (scripts/make-scans.ts). About 2 to 4 s a page.
 */

const library = loadDefaultLibrary();
const labels = fixtureLabels(SCANS);

async function analyzeScan(name: string, ocr: typeof DEFAULT_OCR | null = DEFAULT_OCR) {
  return analyzeDocument(fixtureBytes(name, SCANS), { name, library, now: FIXED_NOW, ocr });
}

const quotes = (report: Report) => report.findings.flatMap((finding) => finding.elements.flatMap((element) => (element.evidence ? [element.evidence] : [])));

describe('scanned PDFs through OCR', { timeout: 60_000 }, () => {
  it('reads a fully scanned contract: verdicts and elements as labelled, every quote marked as OCR text', async () => {
    const { report, text } = await analyzeScan('strong-fm-scan.pdf');
    expect(report.status).toBe('ok');
    expect(report.document.pagesWithoutText).toEqual([]);
    expect(report.document.ocr?.engine).toBe('tesseract');
    expect(report.document.ocr?.pages.map((page) => [page.page, page.read])).toEqual([
      [1, true],
      [2, true],
      [3, true],
      [4, true],
    ]);
    for (const page of report.document.ocr!.pages) expect(page.confidence).toBeGreaterThan(80);
    expect(report.document.extractionNotes.join(' ')).toMatch(/4 pages were read by OCR \(pages 1-4; mean confidence \d+ of 100\)/);
    expectMatchesLabel(report, text, labels.find((label) => label.file === 'strong-fm-scan.pdf')!, library, { everyElement: true });
    const confidence = new Map(report.document.ocr!.pages.map((page) => [page.page, page.confidence]));
    expect(quotes(report).length).toBeGreaterThan(5);
    for (const quote of quotes(report)) expect(quote.ocrConfidence).toBe(confidence.get(quote.page!));
  });

  it('reads only the scanned pages of a mixed PDF, and marks only their quotes', async () => {
    const { report, text } = await analyzeScan('strong-fm-mixed.pdf');
    expect(report.document.ocr?.pages.map((page) => page.page)).toEqual([3, 4]);
    expectMatchesLabel(report, text, labels.find((label) => label.file === 'strong-fm-mixed.pdf')!, library, { everyElement: true });
    const all = quotes(report);
    expect(all.filter((quote) => quote.page !== null && quote.page <= 2).every((quote) => quote.ocrConfidence === undefined)).toBe(true);
    expect(all.filter((quote) => quote.page !== null && quote.page >= 3).every((quote) => typeof quote.ocrConfidence === 'number')).toBe(true);
    expect(all.some((quote) => quote.page !== null && quote.page >= 3)).toBe(true);
  });

  it('says no_text_layer for a blank scan, after trying OCR', async () => {
    const { report } = await analyzeScan('blank-scan.pdf');
    expect(report.error?.code).toBe('no_text_layer');
    expect(report.error?.message).toMatch(/OCR found no readable text/);
    expect(report.document.ocr?.pages).toEqual([{ page: 1, confidence: expect.any(Number), read: false }]);
  });

  it('refuses a scan over the OCR page budget with too_many_pages, and reports a scan as no_text_layer with OCR off', async () => {
    const over = await analyzeScan('strong-fm-scan.pdf', { ...DEFAULT_OCR, maxPages: 3 });
    expect(over.report.error?.code).toBe('too_many_pages');
    expect(over.report.error?.message).toMatch(/4 pages have no text layer and need OCR, more than the OCR limit of 3 pages/);
    const off = await analyzeScan('weak-fm-scan.pdf', null);
    expect(off.report.error?.code).toBe('no_text_layer');
    expect(off.report.error?.message).toMatch(/Run it through OCR/);
    expect(off.report.document.ocr).toBeNull();
  });
});
