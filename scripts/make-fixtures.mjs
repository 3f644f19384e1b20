#!/usr/bin/env node
// Generates the binary contract fixtures (PDF, DOCX) from the plain-text sources in
// tests/fixtures/contracts/, writes demo copies to examples/, and checks that
// tests/fixtures/contracts/labels.json is consistent with the fixture texts.
//
//   node scripts/make-fixtures.mjs           generate + check
//   node scripts/make-fixtures.mjs --check   check only (no files written)
//
// Output is deterministic: fixed PDF metadata dates, fixed zip entry dates, no random ids.

import { readFileSync, writeFileSync, mkdirSync, existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve, extname, basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import JSZip from 'jszip';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURES = join(ROOT, 'tests', 'fixtures', 'contracts');
const EXAMPLES = join(ROOT, 'examples');
const FIXED_DATE = new Date(Date.UTC(2025, 2, 1, 9, 0, 0)); // 2025-03-01T09:00:00Z
const CHECK_ONLY = process.argv.includes('--check');

// ---------------------------------------------------------------------------
// Text helpers

/** Helvetica (standard 14 font) can only encode WinAnsi; map common Unicode punctuation. */
function toWinAnsi(s) {
  return s
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201C\u201D]/g, '"')
    .replace(/\u2014/g, '--')
    .replace(/\u00A0/g, ' ');
}

/**
 * Hyphenation points for long words that may be split across a line end. Each '-' marks an
 * allowed break. Only these words are ever hyphenated, so the output is predictable.
 */
const HYPHENATION = Object.fromEntries(
  [
    'obli-ga-tions',
    'obli-ga-tion',
    'per-for-mance',
    'per-form-ing',
    'rea-son-able',
    'gov-ern-men-tal',
    'spec-i-fi-ca-tions',
    're-spon-si-ble',
    'revo-ca-tion',
    'prac-ti-ca-ble',
    'ap-pli-ca-tion',
    'com-mer-cial',
    'Agree-ment',
    'man-u-fac-ture',
    'work-man-ship',
    'con-sec-u-tive',
    'ter-mi-nate',
    'li-a-bil-ity',
    'con-fi-den-tial',
    'in-for-ma-tion',
    'Sanc-tions',
    'sanc-tions',
    'Con-trol',
    'in-cor-po-rated',
    'reg-is-tered',
    'Reg-u-la-tion',
    'Reg-u-la-tions',
    'Ad-min-is-tra-tion',
    'trans-port',
    'mit-i-gate',
    'af-fected',
    'im-ped-i-ment',
    'con-tin-ues',
    'ju-ris-dic-tion',
    'ex-clu-sive',
    'pre-ced-ing',
    'un-dis-puted',
    'Sup-plier',
    'sup-plier',
    'pro-cure-ment',
    'im-me-di-ately',
    'ac-cor-dance',
    'De-fi-ni-tions',
  ].map((w) => [w.replace(/-/g, ''), w.split('-')]),
);

/**
 * Greedy word-wrap of one paragraph. If a word does not fit and it is in HYPHENATION, the
 * longest prefix (at an allowed break) that still fits with a trailing '-' stays on the line.
 * Returns { lines, hyphenated: [[prefix, rest], ...] }.
 */
function wrapParagraph(text, font, size, maxWidth) {
  const width = (s) => font.widthOfTextAtSize(s, size);
  const words = text.split(/\s+/).filter(Boolean);
  const lines = [];
  const hyphenated = [];
  let line = '';
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    const candidate = line ? `${line} ${word}` : word;
    if (width(candidate) <= maxWidth) {
      line = candidate;
      continue;
    }
    // Try to hyphenate: split leading letters (the dictionary word) from trailing punctuation.
    const m = /^([A-Za-z]+)(.*)$/.exec(word);
    const parts = m && line ? HYPHENATION[m[1]] : undefined;
    let placed = false;
    if (parts) {
      for (let k = parts.length - 1; k >= 1; k--) {
        const head = parts.slice(0, k).join('');
        if (head.length < 3 || parts.slice(k).join('').length < 3) continue; // no 2-letter stubs
        if (width(`${line} ${head}-`) <= maxWidth) {
          const tail = parts.slice(k).join('') + m[2];
          lines.push(`${line} ${head}-`);
          hyphenated.push([`${head}-`, tail]);
          line = tail;
          placed = true;
          break;
        }
      }
    }
    if (!placed) {
      if (line) lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return { lines, hyphenated };
}

/** A heading is a short line in capitals, e.g. "11. FORCE MAJEURE" or "SCHEDULE 1 - ...". */
function isHeading(line) {
  const letters = line.replace(/[^A-Za-z]/g, '');
  return line.length <= 80 && letters.length >= 3 && letters === letters.toUpperCase();
}

// ---------------------------------------------------------------------------
// PDF rendering

const A4 = [595.28, 841.89];

/**
 * Lays out a plain-text contract on A4 pages with a running header, a confidentiality line
 * and "Page N of M" footer on every page.
 * opts: { title, header, confidentiality, newPageBefore: string[] (line prefixes), bodySize }
 */
async function renderContractPdf(text, opts) {
  const doc = await PDFDocument.create();
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const size = opts.bodySize ?? 11;
  const headingSize = size + 0.5;
  const leading = size * 1.45;
  const [pageW, pageH] = A4;
  const marginX = 72;
  const top = pageH - 78;
  const bottom = 92;
  const maxWidth = pageW - 2 * marginX;

  // 1) Lay out all lines into pages (positions only), so "of M" is known before drawing.
  const pages = [];
  let cur = [];
  let y = top;
  const newPage = () => {
    pages.push(cur);
    cur = [];
    y = top;
  };
  const hyphenations = [];
  const paragraphs = toWinAnsi(text).replace(/\r\n/g, '\n').split('\n');
  let first = true;
  for (const raw of paragraphs) {
    const para = raw.trim();
    if (!para) {
      y -= leading * 0.45;
      continue;
    }
    if (!first && opts.newPageBefore?.some((p) => para.startsWith(p)) && cur.length) newPage();
    const heading = isHeading(para);
    const isTitle = first;
    first = false;
    const font = heading ? bold : regular;
    const fsize = isTitle ? size + 5 : heading ? headingSize : size;
    const { lines, hyphenated } = wrapParagraph(para, font, fsize, maxWidth);
    hyphenations.push(...hyphenated);
    // keep a heading together with the first line of the following paragraph
    const needed = heading ? leading * 2.6 : leading;
    if (y - needed < bottom && cur.length) newPage();
    if (heading && !isTitle) y -= leading * 0.35;
    for (const line of lines) {
      if (y < bottom) newPage();
      cur.push({ line, font, fsize, y, center: isTitle });
      y -= isTitle ? leading * 1.6 : leading;
    }
  }
  if (cur.length) pages.push(cur);

  // 2) Draw.
  const total = pages.length;
  pages.forEach((lines, idx) => {
    const page = doc.addPage(A4);
    const grey = rgb(0.35, 0.35, 0.35);
    page.drawText(opts.header, { x: marginX, y: pageH - 44, size: 8.5, font: regular, color: grey });
    page.drawLine({
      start: { x: marginX, y: pageH - 50 },
      end: { x: pageW - marginX, y: pageH - 50 },
      thickness: 0.5,
      color: grey,
    });
    for (const l of lines) {
      const w = l.font.widthOfTextAtSize(l.line, l.fsize);
      const x = l.center ? (pageW - w) / 2 : marginX;
      page.drawText(l.line, { x, y: l.y, size: l.fsize, font: l.font, color: rgb(0, 0, 0) });
    }
    page.drawLine({
      start: { x: marginX, y: 68 },
      end: { x: pageW - marginX, y: 68 },
      thickness: 0.5,
      color: grey,
    });
    page.drawText(opts.confidentiality, { x: marginX, y: 54, size: 7.5, font: regular, color: grey });
    const footer = `Page ${idx + 1} of ${total}`;
    const fw = regular.widthOfTextAtSize(footer, 8.5);
    page.drawText(footer, { x: (pageW - fw) / 2, y: 38, size: 8.5, font: regular, color: grey });
  });

  setFixedMetadata(doc, opts.title);
  const bytes = await doc.save({ useObjectStreams: false });
  return { bytes, pageCount: total, hyphenations };
}

function setFixedMetadata(doc, title) {
  if (title) doc.setTitle(title);
  doc.setAuthor('clausewatch test fixtures');
  doc.setCreator('clausewatch scripts/make-fixtures.mjs');
  doc.setProducer('pdf-lib');
  doc.setCreationDate(FIXED_DATE);
  doc.setModificationDate(FIXED_DATE);
}

// ---------------------------------------------------------------------------
// "Scanned" image-only PDF

/** Minimal 8-bit greyscale PNG encoder (deterministic). */
function encodePng(width, height, pixels) {
  const crcTable = new Uint32Array(256).map((_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc32 = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const raw = Buffer.alloc((width + 1) * height);
  for (let row = 0; row < height; row++) {
    raw[row * (width + 1)] = 0; // filter: none
    pixels.copy(raw, row * (width + 1) + 1, row * width, (row + 1) * width);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Deterministic PRNG (mulberry32). */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Greyscale "photocopy" of a page of text: dark bars where words would be, speckle noise. */
function fakeScanPixels(width, height, seed) {
  const rnd = prng(seed);
  const px = Buffer.alloc(width * height, 246);
  for (let i = 0; i < px.length; i++) if (rnd() < 0.004) px[i] = 150 + Math.floor(rnd() * 60);
  const fillRect = (x0, y0, w, h, v) => {
    for (let yy = y0; yy < Math.min(height, y0 + h); yy++) for (let xx = x0; xx < Math.min(width, x0 + w); xx++) px[yy * width + xx] = v;
  };
  const margin = Math.round(width * 0.12);
  let y = Math.round(height * 0.08);
  fillRect(Math.round(width * 0.3), y, Math.round(width * 0.4), 9, 40); // title
  y += 34;
  while (y < height * 0.9) {
    if (rnd() < 0.15) {
      fillRect(margin, y, Math.round(width * (0.15 + rnd() * 0.2)), 7, 45); // heading
      y += 20;
      continue;
    }
    let x = margin;
    const end = rnd() < 0.2 ? margin + (width - 2 * margin) * (0.3 + rnd() * 0.5) : width - margin;
    while (x < end) {
      const w = 8 + Math.floor(rnd() * 38);
      fillRect(x, y, Math.min(w, end - x), 6, 55 + Math.floor(rnd() * 40));
      x += w + 5;
    }
    y += rnd() < 0.2 ? 22 : 13;
  }
  return px;
}

async function renderScannedPdf() {
  const doc = await PDFDocument.create();
  const [pageW, pageH] = A4;
  for (let p = 0; p < 2; p++) {
    const w = 620;
    const h = 877;
    const png = await doc.embedPng(encodePng(w, h, fakeScanPixels(w, h, 20250301 + p)));
    const page = doc.addPage(A4);
    page.drawImage(png, { x: 0, y: 0, width: pageW, height: pageH });
    // a drawn frame, as left by the scanner's platen edge
    page.drawRectangle({
      x: 6,
      y: 6,
      width: pageW - 12,
      height: pageH - 12,
      borderColor: rgb(0.6, 0.6, 0.6),
      borderWidth: 1,
    });
  }
  doc.setCreator('Scan to PDF');
  doc.setProducer('pdf-lib');
  doc.setCreationDate(FIXED_DATE);
  doc.setModificationDate(FIXED_DATE);
  return doc.save({ useObjectStreams: false });
}

// ---------------------------------------------------------------------------
// DOCX

const xmlEscape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function docxParagraph(text, style) {
  const pPr = style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : '';
  const rPr = style ? '<w:rPr><w:b/></w:rPr>' : '';
  return `<w:p>${pPr}<w:r>${rPr}<w:t xml:space="preserve">${xmlEscape(text)}</w:t></w:r></w:p>`;
}

async function renderDocx(text, { title }) {
  const paras = text
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const body = paras.map((p, i) => docxParagraph(p, i === 0 ? 'Title' : isHeading(p) && p.length > 3 ? 'Heading1' : null)).join('');
  const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
  const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const PR = 'http://schemas.openxmlformats.org/package/2006/relationships';
  const files = {
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
      '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>' +
      '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
      '</Types>',
    '_rels/.rels':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      `<Relationships xmlns="${PR}">` +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
      '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
      '</Relationships>',
    'docProps/core.xml':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
      'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
      'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
      `<dc:title>${xmlEscape(title)}</dc:title><dc:creator>clausewatch test fixtures</dc:creator>` +
      `<dcterms:created xsi:type="dcterms:W3CDTF">${FIXED_DATE.toISOString().replace('.000', '')}</dcterms:created>` +
      `<dcterms:modified xsi:type="dcterms:W3CDTF">${FIXED_DATE.toISOString().replace('.000', '')}</dcterms:modified>` +
      '</cp:coreProperties>',
    'word/_rels/document.xml.rels':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      `<Relationships xmlns="${PR}">` +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
      '</Relationships>',
    'word/styles.xml':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      `<w:styles xmlns:w="${W}">` +
      '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri"/><w:sz w:val="22"/></w:rPr></w:rPrDefault></w:docDefaults>' +
      '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:pPr><w:spacing w:after="120"/></w:pPr></w:style>' +
      '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:sz w:val="32"/></w:rPr></w:style>' +
      '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:keepNext/><w:spacing w:before="240"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:sz w:val="24"/></w:rPr></w:style>' +
      '</w:styles>',
    'word/document.xml':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      `<w:document xmlns:w="${W}" xmlns:r="${R}"><w:body>${body}` +
      '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr>' +
      '</w:body></w:document>',
  };
  const zip = new JSZip();
  for (const [name, content] of Object.entries(files)) {
    zip.file(name, content, { date: FIXED_DATE, createFolders: false });
  }
  return zip.generateAsync({
    type: 'nodebuffer',
    compression: 'DEFLATE',
    compressionOptions: { level: 6 },
    platform: 'DOS',
  });
}

// ---------------------------------------------------------------------------
// labels.json checks

const FM_KEYS = ['present', 'governmentAction', 'tradeRestrictions', 'supplyChain', 'notice', 'mitigation', 'termination', 'mutual', 'excludesPayment'];
const EC_KEYS = ['present', 'compliance', 'sanctions', 'licensing', 'endUse', 'classification', 'remedy'];
const DOC_TYPES = ['supply agreement', 'purchase T&C', 'sales T&C', 'license', 'services', 'other'];

/** Text a record's evidence is quoted from: the file itself, or the .txt it was generated from. */
function sourceTextFor(file) {
  const ext = extname(file);
  if (ext === '.txt' || ext === '.md') return readFileSync(join(FIXTURES, file), 'utf8');
  const txt = join(FIXTURES, `${basename(file, ext)}.txt`);
  return existsSync(txt) ? readFileSync(txt, 'utf8') : null;
}

function checkExpected() {
  const errors = [];
  const records = JSON.parse(readFileSync(join(FIXTURES, 'labels.json'), 'utf8'));
  const ids = new Set();
  for (const r of records) {
    const where = r.id ?? JSON.stringify(r).slice(0, 40);
    if (ids.has(r.id)) errors.push(`${where}: duplicate id`);
    ids.add(r.id);
    if (!existsSync(join(FIXTURES, r.file))) errors.push(`${where}: missing file ${r.file}`);
    if (r.kind !== 'full') errors.push(`${where}: kind must be "full"`);
    if (r.source !== 'clausewatch fixture') errors.push(`${where}: unexpected source`);
    if (!DOC_TYPES.includes(r.docType)) errors.push(`${where}: bad docType ${r.docType}`);
    for (const [group, keys] of [
      ['fm', FM_KEYS],
      ['ec', EC_KEYS],
    ]) {
      const g = r[group] ?? {};
      if (Object.keys(g).sort().join() !== [...keys].sort().join()) errors.push(`${where}: ${group} keys`);
      for (const k of keys) {
        if (typeof g[k] !== 'boolean') errors.push(`${where}: ${group}.${k} not boolean`);
        if (k !== 'present' && g[k] && !g.present) errors.push(`${where}: ${group}.${k} true but not present`);
        const ev = r.evidence?.[`${group}.${k}`];
        if (g[k] && !ev) errors.push(`${where}: no evidence for ${group}.${k}`);
      }
    }
    const text = sourceTextFor(r.file);
    for (const [key, quote] of Object.entries(r.evidence ?? {})) {
      const [group, k] = key.split('.');
      if (!r[group]?.[k]) errors.push(`${where}: evidence for false/unknown element ${key}`);
      if (quote.length > 200) errors.push(`${where}: ${key} quote longer than 200 chars`);
      if (text === null || !text.includes(quote)) errors.push(`${where}: ${key} quote not found: "${quote}"`);
    }
  }
  // every text fixture is labelled and within the size range
  for (const f of readdirSync(FIXTURES)) {
    if (!/\.(txt|md|pdf|docx)$/.test(f)) continue;
    const labelled = records.some((r) => r.file === f);
    if (!labelled) errors.push(`${f}: no record in labels.json`);
    if (/\.(txt|md)$/.test(f)) {
      const n = readFileSync(join(FIXTURES, f), 'utf8').length;
      if (n < 1500 || n > 6000) errors.push(`${f}: ${n} chars, outside 1,500-6,000`);
    }
  }
  return { errors, count: records.length };
}

// ---------------------------------------------------------------------------

const sha = (b) => createHash('sha256').update(b).digest('hex').slice(0, 12);

function write(path, bytes) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
  console.log(`wrote ${path.slice(ROOT.length + 1)} (${bytes.length} bytes, sha256 ${sha(bytes)})`);
}

async function main() {
  if (!CHECK_ONLY) {
    const read = (f) => readFileSync(join(FIXTURES, f), 'utf8');

    const strong = await renderContractPdf(read('strong-fm.txt'), {
      title: 'Supply Agreement - Halvorsen Magnetics AS and Brightwater Components Ltd',
      header: 'Supply Agreement \u2013 Halvorsen Magnetics / Brightwater Components',
      confidentiality: 'CONFIDENTIAL \u2013 Commercial in confidence. Not to be disclosed to third parties without consent.',
      newPageBefore: ['1. DEFINITIONS', 'SCHEDULE 1'],
      bodySize: 10,
    });
    if (strong.pageCount < 3) throw new Error(`strong-fm.pdf has only ${strong.pageCount} pages`);
    if (!strong.hyphenations.length) throw new Error('strong-fm.pdf: no word was hyphenated');
    console.log(`strong-fm.pdf: ${strong.pageCount} pages; hyphenated: ${strong.hyphenations.map(([a, b]) => `${a}/${b}`).join(', ')}`);
    write(join(FIXTURES, 'strong-fm.pdf'), strong.bytes);
    write(join(EXAMPLES, 'halvorsen-supply-agreement.pdf'), strong.bytes);

    const weak = await renderContractPdf(read('weak-fm.txt'), {
      title: 'Marlow Fasteners Inc. - General Terms and Conditions of Sale',
      header: 'Marlow Fasteners Inc. \u2013 General Terms and Conditions of Sale (Rev. 2024-01)',
      confidentiality: 'Marlow Fasteners Inc., 2200 Kettering Boulevard, Dayton, Ohio. Terms subject to change.',
      bodySize: 10,
    });
    console.log(`weak-fm.pdf: ${weak.pageCount} page(s)`);
    write(join(FIXTURES, 'weak-fm.pdf'), weak.bytes);

    const docx = await renderDocx(read('split-fm.txt'), {
      title: 'Component Supply Agreement - Norrland Sensorik / Castellan Automotive Systems',
    });
    write(join(FIXTURES, 'split-fm.docx'), docx);
    write(join(EXAMPLES, 'norrland-castellan-component-supply.docx'), docx);

    write(join(FIXTURES, 'scanned.pdf'), await renderScannedPdf());

    write(join(EXAMPLES, 'tessaro-packaging-supply-agreement.txt'), Buffer.from(read('one-line-ec.txt')));
  }

  const { errors, count } = checkExpected();
  if (errors.length) {
    console.error(`labels.json: ${errors.length} problem(s)`);
    for (const e of errors) console.error(`  - ${e}`);
    process.exit(1);
  }
  console.log(`labels.json: ${count} records OK (all quotes found verbatim)`);
}

await main();
