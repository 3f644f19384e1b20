import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import path from 'node:path';
import { DEFAULT_OCR } from '../lib/extract/ocr.js';
import { AnalyzerPool } from '../lib/runner/pool.js';
import { library, ROOT, round, run, time } from './util.js';

export const SCANS = path.join(ROOT, 'tests/fixtures/scans');

/**
 * OCR of scanned pages (tesseract.js): one scan in a fresh process (pages per second, peak RSS of
 * the process and its threads), then two scans at once in a pool of two workers (both cores).
 */
export async function measureOcr(scans: string[]) {
  const cold = await Promise.all(
    scans
      .slice(0, 1)
      .map(async (file) => JSON.parse((await run(process.execPath, [path.join(ROOT, 'dist/bench/cold.js'), file, '--ocr'])).stdout.trim().split('\n').pop()!)),
  );
  const single = cold[0] as { sinceStartMs: number; ocrPages: number; peakRssMb: number; timings: { extractMs: number } };
  const pool = new AnalyzerPool({ size: Math.min(2, cpus().length), memoryMb: 1024 });
  await pool.ready();
  const pair = [scans[0]!, scans[scans.length > 1 ? 1 : 0]!];
  const [ms, reports] = await time(() =>
    Promise.all(pair.map((file) => pool.analyze(readFileSync(file), { name: path.basename(file), library, ocr: DEFAULT_OCR, timeoutMs: 600_000 }))),
  );
  await pool.close();
  const pages = reports.reduce((sum, report) => sum + (report.document.ocr?.pages.filter((page) => page.read).length ?? 0), 0);
  return {
    file: path.basename(scans[0]!),
    pages: single.ocrPages,
    coldMs: single.sinceStartMs,
    pagesPerSecond: round((single.ocrPages * 1000) / single.timings.extractMs, 2),
    peakRssMb: single.peakRssMb,
    bothCoresPages: pages,
    bothCoresPagesPerSecond: round((pages * 1000) / ms, 2),
  };
}
