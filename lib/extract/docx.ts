import mammoth from 'mammoth';
import { ClausewatchError } from '../errors.js';
import type { ExtractedText } from './types.js';
import { checkZipBomb } from './zip.js';

/** Raw text of a DOCX body through mammoth; paragraphs become lines. */
export async function extractDocx(bytes: Uint8Array): Promise<ExtractedText> {
  // Declared sizes are checked before mammoth inflates anything.
  checkZipBomb(bytes);
  try {
    const result = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
    const notes = result.messages.filter((message) => message.type === 'error').map((message) => `DOCX: ${message.message}`);
    return { pages: [result.value], paged: false, notes };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new ClausewatchError('corrupt', `The Word document is damaged and its text could not be read (${detail}). Re-save it as DOCX or PDF.`, {
      cause: error,
    });
  }
}
