import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { isClausewatchError } from '../../../lib/errors.js';
import { checkZipBomb, readZipDirectory } from '../../../lib/extract/zip.js';
import { docxZipBomb } from '../../helpers/hostile.js';
import { fixtureBytes } from '../../helpers/fixtures.js';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
    return null;
  } catch (error) {
    return isClausewatchError(error) ? error.code : 'not a ClausewatchError';
  }
};

describe('ZIP checks before inflating a DOCX', () => {
  it('reads the declared entries of a real DOCX', () => {
    const names = readZipDirectory(fixtureBytes('split-fm.docx')).map((entry) => entry.name);
    expect(names).toContain('word/document.xml');
    expect(codeOf(() => checkZipBomb(fixtureBytes('split-fm.docx')))).toBeNull();
  });

  it('refuses a zip bomb by its compression ratio', async () => {
    expect(codeOf(() => checkZipBomb(Buffer.from([])))).toBe('corrupt');
    const bomb = await docxZipBomb();
    expect(codeOf(() => checkZipBomb(bomb))).toBe('too_large');
  });

  it('refuses too many entries and too much declared content', async () => {
    const zip = new JSZip();
    for (let index = 0; index < 60; index++) zip.file(`word/part${index}.xml`, 'x'.repeat(2_000));
    const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'STORE' });
    expect(codeOf(() => checkZipBomb(bytes, { maxEntries: 50, maxUncompressedBytes: 1e9, maxRatio: 200 }))).toBe('too_large');
    expect(codeOf(() => checkZipBomb(bytes, { maxEntries: 500, maxUncompressedBytes: 100_000, maxRatio: 200 }))).toBe('too_large');
    expect(codeOf(() => checkZipBomb(bytes, { maxEntries: 500, maxUncompressedBytes: 1e9, maxRatio: 200 }))).toBeNull();
  });

  it('calls a truncated archive corrupt', () => {
    const docx = fixtureBytes('split-fm.docx');
    expect(codeOf(() => readZipDirectory(docx.subarray(0, docx.length - 30)))).toBe('corrupt');
  });
});
