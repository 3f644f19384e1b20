import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UploadRequest, UploadResponse } from '../../../lib/console/api.js';
import { DEFAULT_UPLOAD_LIMITS, isSafeOwner, ownerPrefix, planUploads, type Presign, uploadKeyFor } from '../../../lib/console/uploads.js';
import { CONTRACT_CONTENT_TYPES } from '../../../lib/extract/detect.js';
import { DEFAULT_LIMITS } from '../../../lib/report/build.js';

const LAYOUT = { contractsPrefix: 'contracts/' };

function acceptedKey(owner: string, name: string): string {
  const result = uploadKeyFor(owner, name, LAYOUT);
  if (!result.ok) throw new Error(`${name} was refused: ${result.message}`);
  return result.key;
}

describe('uploadKeyFor', () => {
  it('puts a contract in its owner’s folder, with the content type of its extension', () => {
    expect(uploadKeyFor('legal-emea', 'Supply Agreement.PDF', LAYOUT)).toEqual({
      ok: true,
      key: 'contracts/legal-emea/Supply Agreement.PDF',
      name: 'Supply Agreement.PDF',
      contentType: CONTRACT_CONTENT_TYPES['.pdf'],
    });
    expect(acceptedKey('0f9c2c1e-8d6f-4c0e-9a51-3c1f4f0b8e11', 'suppliers/2026/msa.docx')).toBe(
      'contracts/0f9c2c1e-8d6f-4c0e-9a51-3c1f4f0b8e11/suppliers/2026/msa.docx',
    );
    expect(acceptedKey('team', 'notes.md')).toBe('contracts/team/notes.md');
    expect(acceptedKey('team', 'terms.txt')).toBe('contracts/team/terms.txt');
  });

  it('follows the layout’s contracts prefix', () => {
    expect(uploadKeyFor('team', 'a.pdf', { contractsPrefix: 'in/' })).toMatchObject({ ok: true, key: 'in/team/a.pdf' });
  });

  it('stores names in NFC, so a name typed on macOS and on Windows is one key', () => {
    const decomposed = 'Vertra\u0308ge.pdf';
    expect(acceptedKey('team', decomposed)).toBe('contracts/team/Vertr\u00e4ge.pdf');
  });

  it.each([
    ['../other-team/msa.pdf', 'bad_name'],
    ['a/../../other-team/msa.pdf', 'bad_name'],
    ['..', 'bad_name'],
    ['./msa.pdf', 'bad_name'],
    ['/etc/msa.pdf', 'bad_name'],
    ['a//msa.pdf', 'bad_name'],
    ['folder/ /msa.pdf', 'bad_name'],
    ['..\\..\\msa.pdf', 'bad_name'],
    ['msa\u0000.pdf', 'bad_name'],
    ['msa\n.pdf', 'bad_name'],
    ['msa\u0085.pdf', 'bad_name'],
    ['', 'bad_name'],
    ['   ', 'bad_name'],
    [`${'x'.repeat(252)}.pdf`, 'bad_name'],
    [`${'\u00e4'.repeat(126)}.pdf`, 'bad_name'],
    ['msa.doc', 'unsupported_type'],
    ['msa.exe', 'unsupported_type'],
    ['msa.pdf.zip', 'unsupported_type'],
    ['msa', 'unsupported_type'],
    ['folder.pdf/msa', 'unsupported_type'],
  ])('refuses %j (%s)', (name, code) => {
    const result = uploadKeyFor('team', name, LAYOUT);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.code).toBe(code);
      expect(result.message.length).toBeGreaterThan(10);
    }
  });

  it('accepts a name of exactly 255 bytes', () => {
    expect(uploadKeyFor('team', `${'x'.repeat(251)}.pdf`, LAYOUT).ok).toBe(true);
  });

  it.each(['', '.', '..', 'a/b', 'a b', 'team\\x', '-'.repeat(129), 'é'])('refuses the owner %j', (owner) => {
    expect(isSafeOwner(owner)).toBe(false);
    expect(ownerPrefix(owner, LAYOUT)).toBeNull();
    expect(uploadKeyFor(owner, 'msa.pdf', LAYOUT)).toMatchObject({ ok: false, code: 'bad_owner' });
  });

  it('never gives a key outside the owner’s folder, whatever the name (property)', () => {
    const segment = fc.oneof(
      fc.constantFrom('..', '.', '', ' ', 'a', 'msa.pdf', '\\', '..\\', '%2e%2e', '\u0000', 'ä', '\u202e'),
      fc.string({ unit: 'grapheme', maxLength: 12 }),
      fc.string({ unit: 'binary', maxLength: 12 }),
    );
    const name = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc
        .tuple(fc.array(segment, { minLength: 1, maxLength: 6 }), fc.constantFrom('.pdf', '.docx', '.txt', '.md', '.PDF', ''))
        .map(([segments, extension]) => `${segments.join('/')}${extension}`),
      fc.tuple(fc.constantFrom('/', '../', '..\\', './'), fc.string({ maxLength: 20 })).map(([start, rest]) => `${start}${rest}.pdf`),
    );
    const owner = fc.constantFrom('team-a', 'legal.emea', '6f1d8c2a-1111-4a4a-9b9b-0123456789ab');
    let accepted = 0;
    fc.assert(
      fc.property(owner, name, (who, fileName) => {
        const result = uploadKeyFor(who, fileName, LAYOUT);
        if (!result.ok) return;
        accepted++;
        const prefix = `contracts/${who}/`;
        expect(result.key.startsWith(prefix)).toBe(true);
        const rest = result.key.slice(prefix.length);
        expect(rest).toBe(fileName.normalize('NFC'));
        const segments = rest.split('/');
        expect(segments).not.toContain('..');
        expect(segments).not.toContain('.');
        expect(segments).not.toContain('');
        expect(rest.includes('\\')).toBe(false);
        expect([...rest].some((character) => character.charCodeAt(0) < 0x20 || character.charCodeAt(0) === 0x7f)).toBe(false);
        expect(new TextEncoder().encode(rest).length).toBeLessThanOrEqual(255);
      }),
      { numRuns: 2000 },
    );
    // The names are built so that many pass: the property is checked on accepted keys, not vacuously.
    expect(accepted).toBeGreaterThan(200);
  });
});

describe('planUploads', () => {
  const calls: Array<[string, string, number]> = [];
  const presign: Presign = async (key, contentType, size) => {
    calls.push([key, contentType, size]);
    return { url: `https://uploads.test/${encodeURIComponent(key)}`, headers: { 'Content-Type': contentType } };
  };

  it('answers every file in order: a presigned PUT for good ones, a coded rejection for the rest', async () => {
    calls.length = 0;
    const request = UploadRequest.parse({
      files: [
        { name: 'msa.pdf', size: 1200, type: 'application/pdf' },
        { name: '../theirs/msa.pdf', size: 1200 },
        { name: 'big.pdf', size: DEFAULT_LIMITS.maxBytes + 1 },
        { name: 'blank.txt', size: 0 },
        { name: 'photo.png', size: 10, type: 'image/png' },
        { name: 'msa.pdf', size: 900 },
        { name: 'notes.md', size: 40, type: '' },
      ],
    });
    const response = UploadResponse.parse(await planUploads(request, 'team-a', DEFAULT_UPLOAD_LIMITS, presign));
    expect(response.uploads.map((upload) => [upload.name, upload.ok ? 'ok' : upload.code])).toEqual([
      ['msa.pdf', 'ok'],
      ['../theirs/msa.pdf', 'bad_name'],
      ['big.pdf', 'too_large'],
      ['blank.txt', 'empty'],
      ['photo.png', 'unsupported_type'],
      ['msa.pdf', 'bad_name'],
      ['notes.md', 'ok'],
    ]);
    expect(calls).toEqual([
      ['contracts/team-a/msa.pdf', CONTRACT_CONTENT_TYPES['.pdf'], 1200],
      ['contracts/team-a/notes.md', CONTRACT_CONTENT_TYPES['.md'], 40],
    ]);
    const first = response.uploads[0]!;
    expect(first).toEqual({
      name: 'msa.pdf',
      ok: true,
      key: 'contracts/team-a/msa.pdf',
      url: `https://uploads.test/${encodeURIComponent('contracts/team-a/msa.pdf')}`,
      method: 'PUT',
      headers: { 'Content-Type': 'application/pdf' },
    });
    const tooLarge = response.uploads[2]!;
    expect(!tooLarge.ok && tooLarge.message).toMatch(/50 MB/);
  });

  it('uses the limit it is given', async () => {
    const request = UploadRequest.parse({
      files: [
        { name: 'a.txt', size: 11 },
        { name: 'b.txt', size: 10 },
      ],
    });
    const response = await planUploads(request, 'team-a', { maxBytes: 10 }, presign);
    expect(response.uploads.map((upload) => upload.ok)).toEqual([false, true]);
  });

  it('refuses to plan for an owner that is not one folder name', async () => {
    await expect(planUploads(UploadRequest.parse({ files: [{ name: 'a.pdf', size: 1 }] }), '../x', DEFAULT_UPLOAD_LIMITS, presign)).rejects.toThrow(/owner/);
  });

  it('the request schema bounds the number of files and refuses negative sizes', () => {
    expect(UploadRequest.safeParse({ files: [] }).success).toBe(false);
    expect(UploadRequest.safeParse({ files: Array.from({ length: 51 }, (_, index) => ({ name: `${index}.pdf`, size: 1 })) }).success).toBe(false);
    expect(UploadRequest.safeParse({ files: Array.from({ length: 50 }, (_, index) => ({ name: `${index}.pdf`, size: 1 })) }).success).toBe(true);
    expect(UploadRequest.safeParse({ files: [{ name: 'a.pdf', size: -1 }] }).success).toBe(false);
    expect(UploadRequest.safeParse({ files: [{ name: 'a.pdf', size: 1.5 }] }).success).toBe(false);
  });

  it('advertises the analyzer’s own limits', () => {
    expect(DEFAULT_UPLOAD_LIMITS).toEqual({ maxBytes: DEFAULT_LIMITS.maxBytes, extensions: ['.pdf', '.docx', '.txt', '.md'], maxFiles: 50 });
  });
});
