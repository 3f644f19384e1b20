import type { OcrEngine, OcrPage, OcrSettings, RecognizedPage } from './ocr.js';

/** Raw text as the extractor produced it, one entry per page (a single entry for unpaginated formats). */
export interface ExtractedText {
  pages: string[];
  /** False for formats without pages (DOCX, text): evidence then carries no page number. */
  paged: boolean;
  /** Facts about the extraction a reviewer should know (encoding fallbacks, warnings). */
  notes: string[];
  /** The pages that had no text layer and went through OCR, when any did. */
  ocr?: { engine: string; pages: OcrPage[] };
}

export interface ExtractLimits {
  maxPages: number;
  /** OCR for PDF pages without a text layer; null leaves them unread (`no_text_layer` when no page has text). */
  ocr?: OcrOptions | null;
}

/** OCR settings, with what reads the pages: an engine (tesseract.js when not given), or pages already read by an OCR service. */
export type OcrOptions = OcrSettings & {
  start?: () => Promise<OcrEngine>;
  /** Pages read by an OCR job that has finished (Amazon Textract), by page number, and the service's name. */
  recognized?: { engine: string; pages: ReadonlyMap<number, RecognizedPage> };
};
