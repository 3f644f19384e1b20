import { ClausewatchError } from '../errors.js';
import { MIN_PAGE_CHARS } from '../normalize.js';

/*
 * Reading the pages of a PDF that have no text layer (scans) by optical character recognition.
 * Which pages, how many, and what counts as read are decided here; the engine that turns a page
 * image into text is behind `OcrEngine` (tesseract.js locally, Amazon Textract in AWS).
 */

export interface OcrSettings {
  /** Most pages OCR'd in one document; more is a `too_many_pages` error, never a silent partial read. */
  maxPages: number;
  /** A page read with a lower mean confidence (0–100) counts as unreadable: blank, or too poor to trust. */
  minConfidence: number;
  /** Page images are rendered this many pixels wide (about 200 dpi for A4 and Letter). */
  renderWidth: number;
}

export const DEFAULT_OCR: OcrSettings = { maxPages: 100, minConfidence: 40, renderWidth: 1700 };

export interface RecognizedPage {
  text: string;
  /** Mean word confidence, 0–100. */
  confidence: number;
}

export interface OcrEngine {
  readonly name: string;
  recognize(png: Uint8Array): Promise<RecognizedPage>;
  close(): Promise<void>;
}

/** How one page without a text layer was read. */
export interface OcrPage {
  page: number;
  /** Mean word confidence, 0–100, rounded. */
  confidence: number;
  /** False when OCR found no usable text (a blank page, or confidence below the floor). */
  read: boolean;
}

/** 1-based numbers of the pages without a text layer. */
export function pagesNeedingOcr(pages: readonly string[]): number[] {
  return pages.flatMap((text, index) => (text.replace(/\s/g, '').length < MIN_PAGE_CHARS ? [index + 1] : []));
}

/**
 * OCRs the given pages (1-based) and returns the page texts with the OCR'd ones filled in, and how
 * each was read. `render` draws one page as a PNG; the engine is started only when a page needs it
 * and closed before returning.
 */
export async function ocrPages(
  pages: readonly string[],
  needed: readonly number[],
  render: (page: number) => Promise<Uint8Array>,
  startEngine: () => Promise<OcrEngine>,
  settings: OcrSettings,
): Promise<{ pages: string[]; ocr: OcrPage[]; engine: string | null }> {
  if (needed.length === 0) return { pages: [...pages], ocr: [], engine: null };
  if (needed.length > settings.maxPages) {
    throw new ClausewatchError(
      'too_many_pages',
      `${needed.length} pages have no text layer and need OCR, more than the OCR limit of ${settings.maxPages} pages. Split the scan, or export the original document as PDF.`,
    );
  }
  const engine = await startEngine();
  try {
    const texts = [...pages];
    const ocr: OcrPage[] = [];
    for (const page of needed) {
      const recognized = await engine.recognize(await render(page));
      const usable = recognized.text.replace(/\s/g, '').length >= MIN_PAGE_CHARS && recognized.confidence >= settings.minConfidence;
      if (usable) texts[page - 1] = recognized.text;
      ocr.push({ page, confidence: Math.round(recognized.confidence), read: usable });
    }
    return { pages: texts, ocr, engine: engine.name };
  } finally {
    await engine.close();
  }
}
