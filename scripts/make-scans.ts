/*
 * Makes scanned PDFs, with no text layer, from PDFs that have one: each page is rendered (pdf.js
 * through pdf-parse, as OCR renders it), printed to greyscale JPEG, and placed as the page's only
 * content, which is what a copier's "scan to PDF" produces.
 *
 *   npx tsx scripts/make-scans.ts                       the OCR test fixtures in tests/fixtures/scans/ (checked in)
 *   npx tsx scripts/make-scans.ts <in.pdf> <out.pdf>    any PDF, e.g. for an OCR evaluation set
 *   npx tsx scripts/make-scans.ts <in dir> <out dir>    every PDF of a folder, with its labels.json
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { PDFParse } from 'pdf-parse';
import { PDFDocument } from 'pdf-lib';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CONTRACTS = path.join(ROOT, 'tests', 'fixtures', 'contracts');
const SCANS = path.join(ROOT, 'tests', 'fixtures', 'scans');
/** About 180 dpi across an A4 or Letter page: a plain office scan. */
const SCAN_WIDTH = 1500;
const FIXED_DATE = new Date(Date.UTC(2025, 2, 1, 9, 0, 0));

/** A page image as a scanner delivers it: greyscale JPEG. */
async function scanImage(png: Uint8Array): Promise<Buffer> {
  const image = await loadImage(Buffer.from(png));
  const canvas = createCanvas(image.width, image.height);
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, image.width, image.height);
  context.filter = 'grayscale(1)';
  context.drawImage(image, 0, 0);
  return canvas.encode('jpeg', 70);
}

/** A blank sheet through the scanner: white with faint specks of dust. */
function blankSheet(width: number, height: number): Promise<Buffer> {
  const canvas = createCanvas(width, height);
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, width, height);
  context.fillStyle = '#b0b0b0';
  let seed = 7;
  for (let speck = 0; speck < 40; speck++) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const x = seed % width;
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    context.fillRect(x, seed % height, 2, 2);
  }
  return canvas.encode('jpeg', 70);
}

function fixed(document: PDFDocument, title: string): void {
  document.setTitle(title);
  document.setProducer('clausewatch scan fixture');
  document.setCreator('clausewatch');
  document.setCreationDate(FIXED_DATE);
  document.setModificationDate(FIXED_DATE);
}

/** Adds page `number` (1-based) of the source as an image-only page of the same size. */
async function addScannedPage(target: PDFDocument, parser: PDFParse, source: PDFDocument, number: number): Promise<void> {
  const shot = await parser.getScreenshot({ partial: [number], desiredWidth: SCAN_WIDTH, imageDataUrl: false, imageBuffer: true });
  const jpeg = await target.embedJpg(await scanImage(shot.pages[0]!.data));
  const { width, height } = source.getPage(number - 1).getSize();
  target.addPage([width, height]).drawImage(jpeg, { x: 0, y: 0, width, height });
}

/**
 * A copy of the PDF whose pages in `scanned` (1-based; all when omitted) are images only; the
 * other pages keep their text layer.
 */
export async function scanPdf(bytes: Uint8Array, title: string, scanned?: readonly number[]): Promise<Uint8Array> {
  const source = await PDFDocument.load(bytes);
  const target = await PDFDocument.create();
  fixed(target, title);
  const parser = new PDFParse({ data: Buffer.from(bytes), isEvalSupported: false, verbosity: 0 });
  try {
    for (let number = 1; number <= source.getPageCount(); number++) {
      if (scanned && !scanned.includes(number)) {
        const [copy] = await target.copyPages(source, [number - 1]);
        target.addPage(copy!);
      } else {
        await addScannedPage(target, parser, source, number);
      }
    }
  } finally {
    await parser.destroy();
  }
  return target.save({ useObjectStreams: false });
}

async function blankScan(): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  fixed(document, 'Blank scan');
  const jpeg = await document.embedJpg(await blankSheet(1700, 2200));
  document.addPage([612, 792]).drawImage(jpeg, { x: 0, y: 0, width: 612, height: 792 });
  return document.save({ useObjectStreams: false });
}

async function makeFixtures(): Promise<void> {
  await mkdir(SCANS, { recursive: true });
  const read = (name: string) => readFile(path.join(CONTRACTS, name));
  const outputs: Array<[string, Uint8Array]> = [
    ['weak-fm-scan.pdf', await scanPdf(await read('weak-fm.pdf'), 'Marlow Fasteners terms of sale (scan)')],
    ['strong-fm-scan.pdf', await scanPdf(await read('strong-fm.pdf'), 'Supply agreement (scan)')],
    ['strong-fm-mixed.pdf', await scanPdf(await read('strong-fm.pdf'), 'Supply agreement (pages 3 and 4 scanned)', [3, 4])],
    ['blank-scan.pdf', await blankScan()],
  ];
  for (const [name, bytes] of outputs) {
    await writeFile(path.join(SCANS, name), bytes);
    console.log(`${path.relative(ROOT, path.join(SCANS, name))}: ${bytes.length} bytes`);
  }
}

async function main(argv: string[]): Promise<void> {
  if (argv.length === 0) return makeFixtures();
  const [input, output] = argv;
  if (!input || !output) throw new Error('Usage: npx tsx scripts/make-scans.ts [<in.pdf|in dir> <out.pdf|out dir>]');
  const pdfs = input.endsWith('.pdf')
    ? [[input, output]]
    : (await readdir(input)).filter((name) => name.endsWith('.pdf')).map((name) => [path.join(input, name), path.join(output, name)]);
  if (!input.endsWith('.pdf')) {
    await mkdir(output, { recursive: true });
    // The scans keep their originals' labels, so `npm run eval -- <out dir>` scores the OCR path.
    const labels = await readFile(path.join(input, 'labels.json')).catch(() => null);
    if (labels) await writeFile(path.join(output, 'labels.json'), labels);
  }
  for (const [from, to] of pdfs) {
    await writeFile(to!, await scanPdf(await readFile(from!), `${path.basename(from!)} (scan)`));
    console.log(`${to}`);
  }
}

await main(process.argv.slice(2));
