import './pdfjs-runtime.js';
import { PDFParse } from 'pdf-parse';
import { ClausewatchError } from '../errors.js';
import { imageReader, ocrPages, pagesNeedingOcr, recognizedReader } from './ocr.js';
import type { ExtractedText, ExtractLimits } from './types.js';

function classify(error: unknown): ClausewatchError {
  if (error instanceof ClausewatchError) return error;
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'PasswordException' || /password/i.test(message)) {
    return new ClausewatchError('encrypted', 'The PDF is protected by a password, so its text cannot be read. Upload a copy without the open password.', {
      cause: error,
    });
  }
  return new ClausewatchError('corrupt', `The PDF is damaged and its text could not be read (${message}). Re-export or re-scan it and upload it again.`, {
    cause: error,
  });
}

/** Extracts the text of each page with pdf-parse (pdf.js), checking the page count before reading pages. */
export async function extractPdf(bytes: Uint8Array, limits: ExtractLimits): Promise<ExtractedText> {
  // pdf.js detaches the buffer it is given; hand it a copy so the caller's bytes stay intact.
  const parser = new PDFParse({ data: Buffer.from(bytes), isEvalSupported: false, verbosity: 0 });
  try {
    const probe = await parser.getText({ partial: [-1] }).catch((error: unknown) => {
      throw classify(error);
    });
    if (probe.total > limits.maxPages) {
      throw new ClausewatchError(
        'too_many_pages',
        `The PDF has ${probe.total} pages, more than the limit of ${limits.maxPages}. Split it or raise the page limit.`,
      );
    }
    const result = await parser.getText({ lineEnforce: true }).catch((error: unknown) => {
      throw classify(error);
    });
    const pages = new Array<string>(result.total).fill('');
    for (const page of result.pages) pages[page.num - 1] = page.text;
    const needed = limits.ocr ? pagesNeedingOcr(pages) : [];
    // A document with a text layer on every page never loads the OCR engine.
    if (!limits.ocr || needed.length === 0) return { pages, paged: true, notes: [] };
    const { ocr } = limits;
    const render = async (page: number) => {
      const shot = await parser.getScreenshot({ partial: [page], desiredWidth: ocr.renderWidth, imageDataUrl: false, imageBuffer: true });
      return shot.pages[0]!.data;
    };
    const reader = ocr.recognized
      ? recognizedReader(ocr.recognized.engine, ocr.recognized.pages)
      : imageReader(render, ocr.start ?? (async () => (await import('./tesseract.js')).startTesseract()));
    const read = await ocrPages(pages, needed, reader, ocr);
    return { pages: read.pages, paged: true, notes: [], ocr: { engine: read.engine!, pages: read.ocr } };
  } finally {
    await parser.destroy().catch(() => undefined);
  }
}
