import { ClausewatchError } from '../errors.js';
import { MIN_PAGE_CHARS } from '../normalize.js';

/*
 * Reading the pages of a PDF that have no text layer (scans) by optical character recognition.
 * Which pages, how many, and what counts as read are decided here; what reads a page is a
 * `PageReader`: an engine on the rendered page (tesseract.js locally), or the result of an OCR
 * job that has already run (Amazon Textract in AWS).
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

/** Whether a page's text (as extracted or as OCR read it) holds enough visible characters to count as text. */
function hasText(text: string): boolean {
  return text.replace(/\s/g, '').length >= MIN_PAGE_CHARS;
}

/** 1-based numbers of the pages without a text layer. */
export function pagesNeedingOcr(pages: readonly string[]): number[] {
  return pages.flatMap((text, index) => (hasText(text) ? [] : [index + 1]));
}

/** Reads the text of one page without a text layer: an engine on a rendered image, or a finished OCR job's result. */
export interface PageReader {
  readonly engine: string;
  read(page: number): Promise<RecognizedPage>;
  close(): Promise<void>;
}

/** A reader that renders each page and recognizes the image with an engine started on first use. */
export function imageReader(render: (page: number) => Promise<Uint8Array>, startEngine: () => Promise<OcrEngine>): () => Promise<PageReader> {
  return async () => {
    const engine = await startEngine();
    return { engine: engine.name, read: async (page) => engine.recognize(await render(page)), close: () => engine.close() };
  };
}

/** A reader over pages an OCR service has already read (Amazon Textract); a page it did not return reads as blank. */
export function recognizedReader(engine: string, recognized: ReadonlyMap<number, RecognizedPage>): () => Promise<PageReader> {
  return async () => ({ engine, read: async (page) => recognized.get(page) ?? { text: '', confidence: 0 }, close: async () => {} });
}

/**
 * OCRs the given pages (1-based) and returns the page texts with the OCR'd ones filled in, and how
 * each was read. The reader is started only when a page needs it, and closed before returning.
 */
export async function ocrPages(
  pages: readonly string[],
  needed: readonly number[],
  startReader: () => Promise<PageReader>,
  settings: OcrSettings,
): Promise<{ pages: string[]; ocr: OcrPage[]; engine: string | null }> {
  if (needed.length === 0) return { pages: [...pages], ocr: [], engine: null };
  if (needed.length > settings.maxPages) {
    throw new ClausewatchError(
      'too_many_pages',
      `${needed.length} pages have no text layer and need OCR, more than the OCR limit of ${settings.maxPages} pages. Split the scan, or export the original document as PDF.`,
    );
  }
  const reader = await startReader();
  try {
    const texts = [...pages];
    const ocr: OcrPage[] = [];
    for (const page of needed) {
      const recognized = await reader.read(page);
      const usable = hasText(recognized.text) && recognized.confidence >= settings.minConfidence;
      if (usable) texts[page - 1] = recognized.text;
      ocr.push({ page, confidence: Math.round(recognized.confidence), read: usable });
    }
    return { pages: texts, ocr, engine: reader.engine };
  } finally {
    await reader.close();
  }
}
