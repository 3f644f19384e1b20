import type { ExtractedText } from './types.js';

/**
 * Decodes plain text: a BOM decides UTF-16 or UTF-8; otherwise strict UTF-8, falling back to
 * Windows-1252 (a superset of Latin-1 in practice) with a note, since that is what older systems export.
 */
export function decodeText(bytes: Uint8Array): ExtractedText {
  const notes: string[] = [];
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    text = new TextDecoder('utf-16le').decode(bytes.subarray(2));
    notes.push('Decoded as UTF-16 (little-endian).');
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    text = new TextDecoder('utf-16be').decode(bytes.subarray(2));
    notes.push('Decoded as UTF-16 (big-endian).');
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    } catch {
      text = new TextDecoder('windows-1252').decode(bytes);
      notes.push('The text is not valid UTF-8; it was decoded as Windows-1252 (Latin-1).');
    }
  }
  return { pages: [text], paged: false, notes };
}
