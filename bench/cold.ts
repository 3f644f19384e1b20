/**
 * One document in a fresh process: prints the time from process start to the report, the
 * analyzer's own timings, the pages read by OCR and the peak RSS, as one JSON line. Used by the
 * benchmark's cold runs; `--ocr` reads pages without a text layer as npm run analyze does.
 */
import { readFile } from 'node:fs/promises';
import { analyzeDocument } from '../lib/analyze.js';
import { DEFAULT_OCR } from '../lib/extract/ocr.js';
import { loadDefaultLibrary } from '../lib/library/load.js';

const file = process.argv[2];
if (!file) throw new Error('usage: node dist/bench/cold.js <file> [--ocr]');
const ocr = process.argv.includes('--ocr') ? DEFAULT_OCR : null;
const { report } = await analyzeDocument(await readFile(file), { name: file, library: loadDefaultLibrary(), ocr });
console.log(
  JSON.stringify({
    sinceStartMs: Math.round(performance.now()),
    status: report.status,
    timings: report.timings,
    ocrPages: report.document.ocr?.pages.filter((page) => page.read).length ?? 0,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);
