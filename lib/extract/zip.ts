import { ClausewatchError } from '../errors.js';

/** One entry of a ZIP central directory, as declared (nothing is inflated). */
export interface ZipEntry {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
}

export interface ZipLimits {
  maxEntries: number;
  /** Largest total of declared uncompressed sizes. */
  maxUncompressedBytes: number;
  /** Largest uncompressed/compressed ratio of any sizeable entry. */
  maxRatio: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntries: 5_000, maxUncompressedBytes: 300 * 1024 * 1024, maxRatio: 200 };

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;

function corrupt(detail: string): ClausewatchError {
  return new ClausewatchError('corrupt', `The Word document is damaged: ${detail}. Re-save it as DOCX or PDF.`);
}

/** Reads the central directory of a ZIP archive from its end, without inflating anything. */
export function readZipDirectory(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record sits in the last 22 bytes plus an optional comment (< 64 KB).
  let eocd = -1;
  for (let offset = bytes.length - 22; offset >= Math.max(0, bytes.length - 22 - 0xffff); offset--) {
    if (view.getUint32(offset, true) === EOCD_SIGNATURE) {
      eocd = offset;
      break;
    }
  }
  if (eocd === -1) throw corrupt('its ZIP directory is missing (the file may be truncated)');
  const count = view.getUint16(eocd + 10, true);
  const size = view.getUint32(eocd + 12, true);
  const start = view.getUint32(eocd + 16, true);
  if (count === 0xffff || size === 0xffffffff || start === 0xffffffff) {
    throw new ClausewatchError('too_large', 'The Word document is a ZIP64 archive, which only very large documents need; it was not opened.');
  }
  if (start + size > eocd) throw corrupt('its ZIP directory points outside the file');
  const entries: ZipEntry[] = [];
  let offset = start;
  for (let index = 0; index < count; index++) {
    if (offset + 46 > eocd || view.getUint32(offset, true) !== CENTRAL_SIGNATURE) throw corrupt('its ZIP directory is malformed');
    const compressedSize = view.getUint32(offset + 20, true);
    const uncompressedSize = view.getUint32(offset + 24, true);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    const name = new TextDecoder().decode(bytes.subarray(offset + 46, offset + 46 + nameLength));
    entries.push({ name, compressedSize, uncompressedSize });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * Refuses archives built to exhaust a reader (a "zip bomb"): too many entries, too much declared
 * content, or an entry that inflates far beyond what text compresses to.
 */
export function checkZipBomb(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipEntry[] {
  const entries = readZipDirectory(bytes);
  if (entries.length > limits.maxEntries) {
    throw new ClausewatchError(
      'too_large',
      `The Word document holds ${entries.length} files, more than the ${limits.maxEntries} a document needs; it was not opened.`,
    );
  }
  const total = entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
  if (total > limits.maxUncompressedBytes) {
    throw new ClausewatchError(
      'too_large',
      `The Word document would expand to ${(total / 1024 / 1024).toFixed(0)} MB, more than the limit of ${(limits.maxUncompressedBytes / 1024 / 1024).toFixed(0)} MB; it was not opened.`,
    );
  }
  const bomb = entries.find((entry) => entry.uncompressedSize > 1024 * 1024 && entry.uncompressedSize > limits.maxRatio * Math.max(1, entry.compressedSize));
  if (bomb) {
    throw new ClausewatchError(
      'too_large',
      `The Word document contains a part ("${bomb.name}") that expands ${Math.round(bomb.uncompressedSize / Math.max(1, bomb.compressedSize))} times, the mark of a file built to exhaust readers; it was not opened.`,
    );
  }
  return entries;
}
