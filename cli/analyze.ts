#!/usr/bin/env node
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import cliProgress from 'cli-progress';
import { DEFAULT_OCR } from '../lib/extract/ocr.js';
import { DEFAULT_LIMITS } from '../lib/report/build.js';
import { AnalyzerPool } from '../lib/runner/pool.js';
import { isClausewatchError } from '../lib/errors.js';
import { FIX_PACK_EXTENSION } from '../lib/render/rider.js';
import type { Report } from '../lib/report/schema.js';
import { reportRenderings } from '../service/renderings.js';
import { collectInputs, reportPath } from './inputs.js';
import { loadLibrary } from './library.js';
import { parseCommandLine } from './args.js';
import { runCommand } from './main.js';
import { summaryTable } from './summary.js';

const USAGE = `Usage: npm run analyze -- <files or folders...> --out <dir> [--library <file>] [--no-html] [--no-docx]
       [--quiet] [--jobs <n>] [--timeout <seconds>] [--max-mb <MB>] [--max-pages <n>] [--memory-mb <MB>]
       [--no-ocr] [--ocr-pages <n>]

Analyzes contracts (PDF, DOCX, text, Markdown) and writes one JSON report per file to <dir>,
keeping the folder structure of each folder given, with its review page (F.html beside F.json)
unless --no-html is given, and, when a clause is weak or missing, its fix pack (F.fixes.docx: a
cover memo and a draft amendment as tracked changes) unless --no-docx is given. Documents are parsed in parallel (--jobs, default: one per core), each
with a deadline (--timeout, default 120 s) and a memory cap (--memory-mb, default 1024); files over
--max-mb (default 50) or PDFs over --max-pages (default 2000) get an error report without parsing.
PDF pages without a text layer (scans) are read by OCR (tesseract.js, English; about 2 to 3 s a
page), at most --ocr-pages per document (default 100; more is a too_many_pages error report); a
long scan needs a longer --timeout. --no-ocr reports a scan as no_text_layer instead.
Exit status: 0 all reports ok, 1 some error reports, 2 usage error.`;

interface CliLimits {
  jobs: number;
  ocrPages: number;
  timeoutMs: number;
  maxBytes: number;
  maxPages: number;
  memoryMb: number;
}

/** Limits from the flags, with the defaults; a message when a flag is not a positive number. */
export function parseLimits(values: Partial<Record<'jobs' | 'timeout' | 'max-mb' | 'max-pages' | 'memory-mb' | 'ocr-pages', string>>): CliLimits | string {
  const read = (flag: keyof typeof values, fallback: number, min: number): number | string => {
    const raw = values[flag];
    if (raw === undefined) return fallback;
    const value = Number(raw);
    return Number.isFinite(value) && value >= min ? value : `--${flag} must be a number of at least ${min}, not "${raw}".`;
  };
  const jobs = read('jobs', AnalyzerPool.defaultSize(), 1);
  const timeout = read('timeout', DEFAULT_TIMEOUT_SECONDS, 1);
  const maxMb = read('max-mb', DEFAULT_LIMITS.maxBytes / 1024 / 1024, 0.001);
  const maxPages = read('max-pages', DEFAULT_LIMITS.maxPages, 1);
  const memoryMb = read('memory-mb', DEFAULT_WORKER_MEMORY_MB, 128);
  const ocrPages = read('ocr-pages', DEFAULT_OCR.maxPages, 1);
  for (const value of [jobs, timeout, maxMb, maxPages, memoryMb, ocrPages]) if (typeof value === 'string') return value;
  return {
    jobs: Math.floor(jobs as number),
    ocrPages: Math.floor(ocrPages as number),
    timeoutMs: (timeout as number) * 1000,
    maxBytes: Math.floor((maxMb as number) * 1024 * 1024),
    maxPages: Math.floor(maxPages as number),
    memoryMb: Math.floor(memoryMb as number),
  };
}

const DEFAULT_TIMEOUT_SECONDS = 120;
const DEFAULT_WORKER_MEMORY_MB = 1024;

export async function main(argv: string[]): Promise<number> {
  const parsed = parseCommandLine(
    argv,
    {
      out: { type: 'string', short: 'o' },
      library: { type: 'string', short: 'l' },
      quiet: { type: 'boolean', short: 'q', default: false },
      'no-html': { type: 'boolean', default: false },
      'no-docx': { type: 'boolean', default: false },
      jobs: { type: 'string', short: 'j' },
      timeout: { type: 'string' },
      'max-mb': { type: 'string' },
      'max-pages': { type: 'string' },
      'memory-mb': { type: 'string' },
      'no-ocr': { type: 'boolean', default: false },
      'ocr-pages': { type: 'string' },
    },
    USAGE,
  );
  if ('exit' in parsed) return parsed.exit;
  const { values, positionals } = parsed;
  if (positionals.length === 0 || !values.out) {
    console.error(`${positionals.length === 0 ? 'No input files or folders given.' : 'Missing --out <dir>.'}\n\n${USAGE}`);
    return 2;
  }
  const limits = parseLimits(values);
  if (typeof limits === 'string') {
    console.error(`${limits}\n\n${USAGE}`);
    return 2;
  }
  let library: Awaited<ReturnType<typeof loadLibrary>>;
  try {
    library = await loadLibrary(values.library);
  } catch (error) {
    console.error(isClausewatchError(error) ? `${error.code}: ${error.message}` : String(error));
    return 2;
  }
  const inputs = await collectInputs(positionals);
  if (inputs.missing.length > 0) {
    console.error(`Not found: ${inputs.missing.join(', ')}`);
    return 2;
  }
  if (inputs.skipped.length > 0 && !values.quiet) {
    console.error(`Skipped ${inputs.skipped.length} file(s):\n${inputs.skipped.map((entry) => `  ${entry.path}: ${entry.reason}`).join('\n')}`);
  }
  // Two inputs never write the same report: the later one is named by its path, or numbered.
  for (const entry of inputs.renamed)
    console.error(`Note: ${entry.path} would have written ${entry.from}.json like another input; its report is ${entry.to}.json.`);
  if (inputs.files.length === 0) {
    console.error('No contract to analyze (PDF, DOCX, text or Markdown).');
    return 2;
  }
  const progress =
    process.stderr.isTTY && inputs.files.length > 1 && !values.quiet
      ? new cliProgress.SingleBar(
          { format: 'analyzing [{bar}] {value}/{total} {file}', stream: process.stderr, clearOnComplete: true },
          cliProgress.Presets.shades_classic,
        )
      : null;
  progress?.start(inputs.files.length, 0, { file: '' });
  const batch = inputs.files.length > 1;
  // Each document is parsed in a worker thread with its deadline and memory cap; a batch uses every core.
  const analyzer = new AnalyzerPool({ size: Math.min(limits.jobs, inputs.files.length), memoryMb: limits.memoryMb, warmUp: batch, standby: batch });
  const results: Array<{ name: string; report: Report } | undefined> = new Array(inputs.files.length);
  let fixPacks = 0;
  let next = 0;
  const workOff = async () => {
    while (next < inputs.files.length) {
      const index = next++;
      const input = inputs.files[index]!;
      progress?.update({ file: input.relative });
      const bytes = await readFile(input.path);
      const report = await analyzer.analyze(bytes, {
        name: input.relative,
        library: library.library,
        librarySource: library.source,
        limits: { maxBytes: limits.maxBytes, maxPages: limits.maxPages },
        ocr: values['no-ocr'] ? null : { ...DEFAULT_OCR, maxPages: limits.ocrPages },
        timeoutMs: limits.timeoutMs,
      });
      const target = reportPath(values.out!, input);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, `${JSON.stringify(report, null, 2)}\n`);
      const renderings = await reportRenderings(report, library.library, { reviewPage: !values['no-html'], fixPack: !values['no-docx'] });
      for (const rendering of renderings) {
        const file = reportPath(values.out!, input, rendering.extension);
        // A fix pack left by an earlier run goes when nothing is left to fix.
        if (rendering.body === null) await rm(file, { force: true });
        else await writeFile(file, rendering.body);
        if (rendering.extension === FIX_PACK_EXTENSION && rendering.body !== null) fixPacks++;
      }
      results[index] = { name: input.relative, report };
      progress?.increment();
    }
  };
  try {
    // Files are read as workers free up, so a large folder is never all in memory.
    await Promise.all(Array.from({ length: Math.min(limits.jobs, inputs.files.length) + 1 }, workOff));
  } finally {
    await analyzer.close();
  }
  const written = results.filter((result): result is { name: string; report: Report } => result !== undefined);
  progress?.stop();
  if (!values.quiet) {
    console.log(summaryTable(written));
    const errors = written.filter(({ report }) => report.status === 'error').length;
    const skipped = inputs.skipped.length > 0 ? `; ${inputs.skipped.length} file(s) skipped (listed above)` : '';
    const packs = fixPacks > 0 ? `, ${fixPacks} fix pack(s) for the contracts with gaps` : '';
    console.log(`\n${written.length} report(s) written to ${values.out}${errors > 0 ? `, ${errors} with errors` : ''}${packs}${skipped}.`);
  }
  return written.some(({ report }) => report.status === 'error') ? 1 : 0;
}

await runCommand(import.meta.url, main);
