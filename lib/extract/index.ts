import { ClausewatchError } from '../errors.js';
import { describeType, type DetectedType } from './detect.js';
import { extractDocx } from './docx.js';
import { extractPdf } from './pdf.js';
import { decodeText } from './text.js';
import type { ExtractedText, ExtractLimits } from './types.js';

export { detectType, describeType, DetectedType, ANALYZABLE_TYPES } from './detect.js';
export type { ExtractedText, ExtractLimits } from './types.js';

/** Extracts raw per-page text from bytes whose type was already detected. */
export async function extractText(bytes: Uint8Array, type: DetectedType, limits: ExtractLimits): Promise<ExtractedText> {
  switch (type) {
    case 'pdf':
      return extractPdf(bytes, limits);
    case 'docx':
      return extractDocx(bytes);
    case 'text':
    case 'markdown':
      return decodeText(bytes);
    case 'empty':
      throw new ClausewatchError('empty', 'The file is empty (0 bytes). Upload the contract again.');
    default:
      throw new ClausewatchError(
        'unsupported_type',
        `The file is ${describeType(type)}, not a contract format clausewatch reads (PDF, DOCX, plain text or Markdown).`,
      );
  }
}
