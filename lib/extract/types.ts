import type { OcrEngine, OcrPage, OcrSettings } from './ocr.js';

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
  ocr?: (OcrSettings & { start?: () => Promise<OcrEngine> }) | null;
}
