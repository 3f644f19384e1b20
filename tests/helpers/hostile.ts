/**
 * Hostile and broken inputs, generated here (never downloaded): what legal teams upload by
 * accident, and what an attacker would craft.
 */
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import JSZip from 'jszip';
import { PDFDocument, rgb, StandardFonts } from 'pdf-lib';
import { fixtureBytes } from './fixtures.js';

const FIXED_DATE = new Date('2026-01-01T00:00:00Z');

export function emptyFile(): Uint8Array {
  return new Uint8Array();
}

export function htmlPage(): Uint8Array {
  return Buffer.from('<!DOCTYPE html>\n<html><head><title>Supply Agreement</title></head><body><p>Force majeure...</p></body></html>\n');
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** A real 8×8 grey PNG image. */
export function pngImage(): Uint8Array {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(8, 0);
  header.writeUInt32BE(8, 4);
  header.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  const rows = Buffer.concat(Array.from({ length: 8 }, () => Buffer.from([0, ...new Array(8).fill(128)])));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A ZIP archive of text files (no Word document inside). */
export async function plainZip(): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file('readme.txt', 'Contract scans, see attached.', { date: FIXED_DATE });
  zip.file('terms.txt', 'Force majeure: neither party shall be liable.', { date: FIXED_DATE });
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

/** A PDF with 500 bytes of junk before its header (as some mail gateways leave). */
export function junkBeforeHeader(): Uint8Array {
  return Buffer.concat([Buffer.from('X-Gateway: scanned\r\n'.repeat(25)), fixtureBytes('weak-fm.pdf')]);
}

/** A PDF whose cross-reference offsets are all wrong. */
export function brokenXref(): Uint8Array {
  const text = Buffer.from(fixtureBytes('weak-fm.pdf')).toString('latin1');
  return Buffer.from(
    text.replace(/(\d{10}) (\d{5}) n/g, (_match, _offset, generation) => `0000000123 ${generation} n`).replace(/startxref\s+\d+/, 'startxref\n999'),
    'latin1',
  );
}

/** The first 40 % of a multi-page PDF. */
export function truncatedPdf(): Uint8Array {
  const bytes = fixtureBytes('strong-fm.pdf');
  return bytes.subarray(0, Math.floor(bytes.length * 0.4));
}

/** A PDF whose pages hold only drawn shapes: what a scan without OCR looks like to a text extractor. */
export async function imageOnlyPdf(pages = 3): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setCreationDate(FIXED_DATE);
  pdf.setModificationDate(FIXED_DATE);
  for (let index = 0; index < pages; index++) {
    const page = pdf.addPage([595, 842]);
    for (let line = 0; line < 40; line++)
      page.drawRectangle({ x: 60, y: 780 - line * 18, width: 300 + ((line * 37) % 170), height: 8, color: rgb(0.2, 0.2, 0.2) });
  }
  return pdf.save({ useObjectStreams: false });
}

/** A PDF of `pages` blank pages. */
export async function blankPagesPdf(pages: number): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setCreationDate(FIXED_DATE);
  pdf.setModificationDate(FIXED_DATE);
  for (let index = 0; index < pages; index++) pdf.addPage([595, 842]);
  return pdf.save({ useObjectStreams: true });
}

/** A page of text, for PDFs that need one. */
export async function textPdf(lines: string[]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setCreationDate(FIXED_DATE);
  pdf.setModificationDate(FIXED_DATE);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([595, 842]);
  lines.forEach((line, index) => {
    page.drawText(line, { x: 50, y: 790 - index * 14, size: 10, font });
  });
  return pdf.save({ useObjectStreams: false });
}

function rc4(key: Uint8Array, data: Uint8Array): Uint8Array {
  const s = Array.from({ length: 256 }, (_, index) => index);
  let j = 0;
  for (let i = 0; i < 256; i++) {
    j = (j + s[i]! + key[i % key.length]!) & 0xff;
    [s[i], s[j]] = [s[j]!, s[i]!];
  }
  const out = new Uint8Array(data.length);
  let i = 0;
  j = 0;
  for (let n = 0; n < data.length; n++) {
    i = (i + 1) & 0xff;
    j = (j + s[i]!) & 0xff;
    [s[i], s[j]] = [s[j]!, s[i]!];
    out[n] = data[n]! ^ s[(s[i]! + s[j]!) & 0xff]!;
  }
  return out;
}

const md5 = (...parts: Uint8Array[]) => new Uint8Array(createHash('md5').update(Buffer.concat(parts)).digest());
const PASSWORD_PAD = Buffer.from('28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A', 'hex');
const pad = (password: string) => Buffer.concat([Buffer.from(password, 'latin1'), PASSWORD_PAD]).subarray(0, 32);
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

/**
 * A PDF encrypted with the standard security handler (revision 3, 128-bit RC4) and an open
 * password, built by the algorithms of ISO 32000-1 §7.6.3: without the password nobody reads it.
 */
export function encryptedPdf(userPassword = 'open sesame', ownerPassword = 'owner'): Uint8Array {
  const id = md5(Buffer.from('clausewatch encrypted fixture'));
  const permissions = -3904; // print and copy denied
  // Algorithm 3: the O entry.
  let ownerKey = md5(pad(ownerPassword));
  for (let round = 0; round < 50; round++) ownerKey = md5(ownerKey);
  let o = rc4(ownerKey, pad(userPassword));
  for (let round = 1; round <= 19; round++)
    o = rc4(
      ownerKey.map((byte) => byte ^ round),
      o,
    );
  // Algorithm 2: the file key.
  const p = Buffer.alloc(4);
  p.writeInt32LE(permissions);
  let key = md5(pad(userPassword), o, p, id);
  for (let round = 0; round < 50; round++) key = md5(key);
  // Algorithm 5: the U entry.
  let u = rc4(key, md5(PASSWORD_PAD, id));
  for (let round = 1; round <= 19; round++)
    u = rc4(
      key.map((byte) => byte ^ round),
      u,
    );
  const uEntry = Buffer.concat([u, Buffer.alloc(16)]);

  const objectKey = (number: number) => md5(key, Buffer.from([number & 0xff, (number >> 8) & 0xff, (number >> 16) & 0xff, 0, 0])).subarray(0, 16);
  const content = Buffer.from('BT /F1 12 Tf 50 750 Td (Force Majeure. Neither party shall be liable for delays.) Tj ET', 'latin1');
  const encrypted = rc4(objectKey(4), content);
  const objects = [
    '1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n',
    '2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n',
    '3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>\nendobj\n',
    null,
    '5 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>\nendobj\n',
    `6 0 obj\n<< /Filter /Standard /V 2 /R 3 /Length 128 /P ${permissions} /O <${hex(o)}> /U <${hex(uEntry)}> >>\nendobj\n`,
  ];
  const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets: number[] = [];
  let length = chunks[0]!.length;
  objects.forEach((object, index) => {
    offsets.push(length);
    const chunk =
      object === null
        ? Buffer.concat([
            Buffer.from(`4 0 obj\n<< /Length ${encrypted.length} >>\nstream\n`, 'latin1'),
            encrypted,
            Buffer.from('\nendstream\nendobj\n', 'latin1'),
          ])
        : Buffer.from(object, 'latin1');
    chunks.push(chunk);
    length += chunk.length;
    void index;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`, ...offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`)].join('');
  chunks.push(
    Buffer.from(
      `${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Encrypt 6 0 R /ID [<${hex(id)}> <${hex(id)}>] >>\nstartxref\n${length}\n%%EOF\n`,
      'latin1',
    ),
  );
  return Buffer.concat(chunks);
}

/** A DOCX whose one extra part inflates a thousandfold: a zip bomb. */
export async function docxZipBomb(): Promise<Uint8Array> {
  const zip = await docxZip('Force Majeure. Neither party shall be liable for delays beyond its reasonable control.');
  zip.file('word/media/padding.bin', new Uint8Array(24 * 1024 * 1024), { date: FIXED_DATE });
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

async function docxZip(text: string): Promise<JSZip> {
  const zip = new JSZip();
  const options = { date: FIXED_DATE };
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    options,
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    options,
  );
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p></w:body></w:document>`,
    options,
  );
  return zip;
}

/** Windows-1252 text with curly quotes, a euro sign and accented names. */
export function windows1252Text(): Uint8Array {
  const text =
    '14. Force Majeure. Neither party shall be liable for delays caused by events beyond its reasonable control, including embargoes and acts of government, provided it notifies the other party within 5 days. Contact: Müller GmbH, “Lieferant”, price € 12.';
  return Buffer.from(Array.from(text, (char) => ({ '“': 0x93, '”': 0x94, '€': 0x80 })[char] ?? char.charCodeAt(0)));
}

/** Megabytes of text with no line break at all. */
export function singleLineText(megabytes: number): Uint8Array {
  const sentence = 'The Supplier shall deliver the Goods in accordance with the Specifications and the agreed Delivery Schedule. ';
  const fm = 'Neither party shall be liable for delays caused by events beyond its reasonable control, including embargoes. ';
  const target = megabytes * 1024 * 1024;
  const unit = sentence.repeat(40) + fm;
  return Buffer.from(unit.repeat(Math.ceil(target / unit.length)).slice(0, target));
}

/**
 * A PDF whose pages hold many thousands of tiny text runs each, compressed: a few hundred
 * kilobytes on disk that take pdf.js a long time (and, on one page, much memory) to read.
 */
export function runawayPdf(runsPerPage = 400_000, pages = 1): Uint8Array {
  const content = deflateSync(Buffer.from(`BT /F1 1 Tf 10 10 Td\n${'(x) Tj 0.001 0 Td\n'.repeat(runsPerPage)}ET\n`, 'latin1'));
  const pageIds = Array.from({ length: pages }, (_, index) => 4 + index);
  const objects: Array<string | Buffer> = [
    '1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n',
    `2 0 obj\n<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages} >>\nendobj\n`,
    '3 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>\nendobj\n',
    ...pageIds.map(
      (id) =>
        `${id} 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents ${4 + pages} 0 R /Resources << /Font << /F1 3 0 R >> >> >>\nendobj\n`,
    ),
    Buffer.concat([
      Buffer.from(`${4 + pages} 0 obj\n<< /Length ${content.length} /Filter /FlateDecode >>\nstream\n`, 'latin1'),
      content,
      Buffer.from('\nendstream\nendobj\n', 'latin1'),
    ]),
  ];
  const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n', 'latin1')];
  const offsets: number[] = [];
  let length = chunks[0]!.length;
  for (const object of objects) {
    offsets.push(length);
    const chunk = typeof object === 'string' ? Buffer.from(object, 'latin1') : object;
    chunks.push(chunk);
    length += chunk.length;
  }
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`, ...offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`)].join('');
  chunks.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(chunks);
}

export type Expected = 'ok' | 'empty' | 'unsupported_type' | 'corrupt' | 'encrypted' | 'no_text_layer' | 'too_large' | 'too_many_pages' | 'timeout';

export interface HostileCase {
  /** File name as uploaded (most are renamed to .pdf on purpose). */
  name: string;
  bytes: Uint8Array;
  expected: Expected;
  /** The outcome with OCR on (npm run analyze), when it differs: more blank pages than the OCR budget is too_many_pages. */
  expectedWithOcr?: Expected;
}

/**
 * The hostile corpus with the outcome each input must get under the limits the tests set: 6 MB per
 * file, 2,000 pages and a deadline generous enough that only a broken reader reaches it (the 5 MB
 * single line takes a few seconds alone, several times that in a fresh worker while other suites
 * load both cores). The deadline itself is tested apart, on `runawayCorpus`.
 */
export async function hostileCorpus(): Promise<HostileCase[]> {
  const blank = await blankPagesPdf(2_100);
  return [
    { name: 'empty.pdf', bytes: emptyFile(), expected: 'empty' },
    { name: 'web-page.pdf', bytes: htmlPage(), expected: 'unsupported_type' },
    { name: 'archive.pdf', bytes: await plainZip(), expected: 'unsupported_type' },
    { name: 'photo.pdf', bytes: pngImage(), expected: 'unsupported_type' },
    { name: 'junk-before-header.pdf', bytes: junkBeforeHeader(), expected: 'ok' },
    { name: 'broken-xref.pdf', bytes: brokenXref(), expected: 'ok' },
    { name: 'truncated.pdf', bytes: truncatedPdf(), expected: 'corrupt' },
    { name: 'password.pdf', bytes: encryptedPdf(), expected: 'encrypted' },
    { name: 'scan.pdf', bytes: await imageOnlyPdf(), expected: 'no_text_layer' },
    { name: 'blank-2100-pages.pdf', bytes: blank, expected: 'too_many_pages' },
    { name: 'blank-300-pages.pdf', bytes: await blankPagesPdf(300), expected: 'no_text_layer', expectedWithOcr: 'too_many_pages' },
    { name: 'zip-bomb.docx', bytes: await docxZipBomb(), expected: 'too_large' },
    { name: 'over-limit.txt', bytes: singleLineText(7), expected: 'too_large' },
    { name: 'latin-1.txt', bytes: windows1252Text(), expected: 'ok' },
    { name: 'one-line-5mb.txt', bytes: singleLineText(5), expected: 'ok' },
  ];
}

/**
 * A PDF that outlasts any deadline (1,500 pages of 6,000 tiny text runs each: over a minute alone)
 * and a small contract after it, which must still be read by the worker that replaces the stopped one.
 */
export function runawayCorpus(): HostileCase[] {
  return [
    { name: 'runaway.pdf', bytes: runawayPdf(6_000, 1_500), expected: 'timeout' },
    { name: 'after-the-runaway.txt', bytes: fixtureBytes('weak-fm.txt'), expected: 'ok' },
  ];
}

/** Limits matching `hostileCorpus` expectations. */
export const HOSTILE_LIMITS = { maxBytes: 6 * 1024 * 1024, maxPages: 2_000, timeoutSeconds: 120 };

/** The deadline `runawayCorpus` is read with: far below the runaway's own time, far above the small contract's. */
export const RUNAWAY_TIMEOUT_SECONDS = 10;
