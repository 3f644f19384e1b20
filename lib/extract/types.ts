/** Raw text as the extractor produced it, one entry per page (a single entry for unpaginated formats). */
export interface ExtractedText {
  pages: string[];
  /** False for formats without pages (DOCX, text): evidence then carries no page number. */
  paged: boolean;
  /** Facts about the extraction a reviewer should know (encoding fallbacks, warnings). */
  notes: string[];
}

export interface ExtractLimits {
  maxPages: number;
}
