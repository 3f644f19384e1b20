/**
 * One document in a fresh process: prints the time from process start to the report, the
 * analyzer's own timings and the peak RSS, as one JSON line. Used by the benchmark's cold runs.
 */
import { readFile } from 'node:fs/promises';
import { analyzeDocument } from '../lib/analyze.js';
import { loadDefaultLibrary } from '../lib/library/load.js';

const file = process.argv[2];
if (!file) throw new Error('usage: node dist/bench/cold.js <file>');
const { report } = await analyzeDocument(await readFile(file), { name: file, library: loadDefaultLibrary() });
console.log(
  JSON.stringify({
    sinceStartMs: Math.round(performance.now()),
    status: report.status,
    timings: report.timings,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);
