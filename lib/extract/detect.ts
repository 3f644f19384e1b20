import { z } from 'zod';

/** What the bytes are, judged from their content (magic numbers), never from the file name. */
export const DetectedType = z.enum(['pdf', 'docx', 'text', 'markdown', 'empty', 'html', 'zip', 'image', 'ole', 'rtf', 'binary', 'unknown']);
export type DetectedType = z.infer<typeof DetectedType>;

export const ANALYZABLE_TYPES: ReadonlySet<DetectedType> = new Set(['pdf', 'docx', 'text', 'markdown']);

/**
 * File-name extensions of the formats the analyzer reads, with the content type an upload of each
 * is stored with. The name only picks which files to offer or accept; the type is always judged
 * from the bytes.
 */
export const CONTRACT_CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.pdf': 'application/pdf',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
};
export const CONTRACT_EXTENSIONS: ReadonlySet<string> = new Set(Object.keys(CONTRACT_CONTENT_TYPES));

const DESCRIPTIONS: Record<DetectedType, string> = {
  pdf: 'a PDF document',
  docx: 'a Word document (DOCX)',
  text: 'a plain-text document',
  markdown: 'a Markdown document',
  empty: 'an empty file',
  html: 'a web page (HTML)',
  zip: 'a ZIP archive that is not a Word document',
  image: 'an image',
  ole: 'a legacy Microsoft Office file (DOC/XLS); save it as DOCX or PDF',
  rtf: 'a Rich Text Format file; save it as DOCX or PDF',
  binary: 'a binary file of unknown type',
  unknown: 'a file whose content could not be read',
};

export function describeType(type: DetectedType): string {
  return DESCRIPTIONS[type];
}

function startsWith(bytes: Uint8Array, signature: readonly number[], at = 0): boolean {
  if (bytes.length < at + signature.length) return false;
  return signature.every((value, index) => bytes[at + index] === value);
}

function indexOfAscii(bytes: Uint8Array, needle: string, limit: number): number {
  const end = Math.min(bytes.length, limit) - needle.length;
  outer: for (let i = 0; i <= end; i++) {
    for (let j = 0; j < needle.length; j++) {
      if (bytes[i + j] !== needle.charCodeAt(j)) continue outer;
    }
    return i;
  }
  return -1;
}

/** A ZIP is a DOCX when it holds the main document part; the name sits in plain bytes in its headers. */
function isDocx(bytes: Uint8Array): boolean {
  return indexOfAscii(bytes, 'word/document.xml', bytes.length) >= 0;
}

function looksBinary(sample: Uint8Array): boolean {
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return true;
    if (byte < 0x09 || (byte > 0x0d && byte < 0x20 && byte !== 0x1b)) control++;
  }
  return sample.length > 0 && control / sample.length > 0.02;
}

function hasUtf16Bom(bytes: Uint8Array): boolean {
  return startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff]);
}

const MARKDOWN_HINT = /^(#{1,6} \S|\|.*\|\s*$)/m;
const HTML_HINT = /^\s*(<!doctype html|<html[\s>]|<head[\s>]|<body[\s>])/i;

export function detectType(bytes: Uint8Array): DetectedType {
  if (bytes.length === 0) return 'empty';
  // pdf.js accepts a PDF header anywhere in the first kilobyte, as readers do.
  if (indexOfAscii(bytes, '%PDF-', 1024) >= 0) return 'pdf';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    return isDocx(bytes) ? 'docx' : 'zip';
  }
  if (
    startsWith(bytes, [0x89, 0x50, 0x4e, 0x47]) || // PNG
    startsWith(bytes, [0xff, 0xd8, 0xff]) || // JPEG
    startsWith(bytes, [0x47, 0x49, 0x46, 0x38]) || // GIF
    startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || // TIFF little-endian
    startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a]) || // TIFF big-endian
    (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && indexOfAscii(bytes, 'WEBP', 16) === 8)
  ) {
    return 'image';
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole';
  if (indexOfAscii(bytes, '{\\rtf', 8) >= 0) return 'rtf';

  const sample = bytes.subarray(0, 64 * 1024);
  if (!hasUtf16Bom(sample) && looksBinary(sample)) return 'binary';
  const head = new TextDecoder('utf-8').decode(sample.subarray(0, 4096));
  if (HTML_HINT.test(head)) return 'html';
  return MARKDOWN_HINT.test(new TextDecoder('utf-8').decode(sample)) ? 'markdown' : 'text';
}
