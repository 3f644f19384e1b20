#!/usr/bin/env node
/**
 * `npm run bench`: how long a contract takes and what it costs, against the extraction floor.
 * Prints a table and one JSON line. Shared machines are noisy: read the ratios, not the times.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseCommandLine, usageError } from '../cli/args.js';
import { runCommand } from '../cli/main.js';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { PDFParse } from 'pdf-parse';
import { analyzeDocument } from '../lib/analyze.js';
import { AnalyzerPool } from '../lib/runner/pool.js';
import { HANDLER_ENTRIES, handlerBuildOptions } from '../infra/bundling.js';
import { LocalPipeline } from '../local/pipeline.js';
import { contractPdf } from './generate.js';
import { measureOcr, SCANS } from './ocr.js';
import { CACHE, library, median, ROOT, round, rssMb, run, time } from './util.js';

async function pdfParseOnly(bytes: Uint8Array): Promise<number> {
  const parser = new PDFParse({ data: Buffer.from(bytes), isEvalSupported: false });
  const [ms] = await time(() => parser.getText());
  await parser.destroy();
  return ms;
}

function hasPdftotext(): boolean {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

async function pdftotextMs(file: string): Promise<number> {
  const [ms] = await time(() => run('pdftotext', ['-q', file, '-']));
  return ms;
}

async function generatedContracts(): Promise<string[]> {
  mkdirSync(CACHE, { recursive: true });
  const files: string[] = [];
  for (const pages of [10, 50, 200]) {
    const file = path.join(CACHE, `contract-${pages}p.pdf`);
    if (!existsSync(file)) writeFileSync(file, await contractPdf(pages));
    files.push(file);
  }
  return files;
}

function pdfsIn(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.toLowerCase().endsWith('.pdf'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

interface DocumentFigures {
  file: string;
  pages: number | null;
  status: string;
  pdfParseMs: number;
  extractMs: number;
  segmentMs: number;
  analyzeMs: number;
  totalMs: number;
  pooledMs: number;
  ratioToPdfParse: number;
  pagesPerSecond: number;
  pdftotextMs: number | null;
  ratioToPdftotext: number | null;
  coldMs: number;
  coldPeakRssMb: number;
}

async function measureDocument(file: string, pool: AnalyzerPool, runs: number, pdftotext: boolean): Promise<DocumentFigures> {
  const bytes = readFileSync(file);
  const name = path.basename(file);
  // Warm-up: JIT, pdf.js worker, caches.
  await analyzeDocument(bytes, { name, library });
  await pdfParseOnly(bytes);
  await pool.analyze(bytes, { name, library, timeoutMs: 600_000 });
  const parse: number[] = [];
  const inline: Array<{ extractMs: number; segmentMs: number; analyzeMs: number; totalMs: number }> = [];
  const pooled: number[] = [];
  let pages: number | null = null;
  let status = 'ok';
  for (let index = 0; index < runs; index++) {
    parse.push(await pdfParseOnly(bytes));
    const { report } = await analyzeDocument(bytes, { name, library });
    inline.push(report.timings);
    pages = report.document.pages;
    status = report.error?.code ?? report.status;
    const [ms] = await time(() => pool.analyze(bytes, { name, library, timeoutMs: 600_000 }));
    pooled.push(ms);
  }
  const poppler = pdftotext
    ? median(
        await Promise.all(Array.from({ length: runs }, async () => 0)).then(async () => {
          const values: number[] = [];
          for (let index = 0; index < runs; index++) values.push(await pdftotextMs(file));
          return values;
        }),
      )
    : null;
  const cold = JSON.parse((await run(process.execPath, [path.join(ROOT, 'dist/bench/cold.js'), file])).stdout.trim().split('\n').pop()!);
  const totalMs = median(inline.map((timing) => timing.totalMs));
  const pooledMs = median(pooled);
  const pdfParseMs = median(parse);
  return {
    file: name,
    pages,
    status,
    pdfParseMs: round(pdfParseMs),
    extractMs: round(median(inline.map((timing) => timing.extractMs))),
    segmentMs: round(median(inline.map((timing) => timing.segmentMs)), 1),
    analyzeMs: round(median(inline.map((timing) => timing.analyzeMs)), 1),
    totalMs: round(totalMs),
    pooledMs: round(pooledMs),
    // The ratio of each interleaved pair, then the median: robust to the machine's noise.
    ratioToPdfParse: round(median(pooled.map((ms, index) => ms / parse[index]!)), 2),
    pagesPerSecond: pages ? round((pages * 1000) / pooledMs) : 0,
    pdftotextMs: poppler === null ? null : round(poppler),
    ratioToPdftotext: poppler === null ? null : round(pooledMs / poppler, 2),
    coldMs: cold.sinceStartMs,
    coldPeakRssMb: cold.peakRssMb,
  };
}

async function measureCli(file: string): Promise<{ npmRunAnalyzeMs: number; npmRunOverheadMs: number }> {
  const out = path.join(tmpdir(), `clausewatch-bench-${process.pid}`);
  const analyze = await time(() => run('npm', ['run', '--silent', 'analyze', '--', file, '--out', out, '--quiet'], { cwd: ROOT }));
  const overhead = await time(() => run('npm', ['run', '--silent', 'env'], { cwd: ROOT }));
  rmSync(out, { recursive: true, force: true });
  return { npmRunAnalyzeMs: round(analyze[0]), npmRunOverheadMs: round(overhead[0]) };
}

async function measureLambda(samplePdf: Uint8Array) {
  const out = path.join(tmpdir(), `clausewatch-bench-bundle-${process.pid}`);
  await build(handlerBuildOptions(path.join(ROOT, HANDLER_ENTRIES.analyze), path.join(out, 'index.mjs')));
  const bundle = path.join(out, 'index.mjs');
  const bundleBytes = statSync(bundle).size;
  // Lambda deploys the code zipped (the source map stays out of the size that matters at cold start).
  const zippedBytes = gzipSync(readFileSync(bundle), { level: 9 }).length;
  const imports: number[] = [];
  for (let index = 0; index < 5; index++) {
    const { stdout } = await run(process.execPath, [
      '--input-type=module',
      '-e',
      `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(bundle).href)}); console.log(performance.now() - t);`,
    ]);
    imports.push(Number(stdout.trim()));
  }
  const work = path.join(out, 's3');
  const pipeline = new LocalPipeline({ port: 0, directory: work, bucket: 'bench', deliverEvents: false });
  await pipeline.start();
  Object.assign(process.env, { S3_ENDPOINT: pipeline.endpoint, AWS_REGION: 'us-east-1', LOG_LEVEL: 'error' });
  await pipeline.upload('contracts/bench-30p.pdf', samplePdf);
  const handler = (await import(pathToFileURL(bundle).href)) as typeof import('../functions/analyze/handler.js');
  const event = (sequencer: string) => ({
    Records: [
      {
        messageId: sequencer,
        receiptHandle: sequencer,
        body: JSON.stringify({
          Records: [{ eventName: 'ObjectCreated:Put', s3: { bucket: { name: 'bench' }, object: { key: 'contracts/bench-30p.pdf', sequencer } } }],
        }),
        attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 'b', ApproximateFirstReceiveTimestamp: '0' },
        messageAttributes: {},
        md5OfBody: '',
        eventSource: 'aws:sqs',
        eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:bench',
        awsRegion: 'us-east-1',
      },
    ],
  });
  const context = { getRemainingTimeInMillis: () => 120_000 } as never;
  const [firstInvocationMs] = await time(() => handler.handler(event('01'), context));
  const [warmInvocationMs] = await time(() => handler.handler(event('02'), context));
  await pipeline.stop();
  rmSync(out, { recursive: true, force: true });
  return {
    bundleBytes,
    bundleMb: round(bundleBytes / 1024 / 1024, 2),
    zippedMb: round(zippedBytes / 1024 / 1024, 2),
    coldImportMs: round(median(imports)),
    firstInvocationMs: round(firstInvocationMs),
    warmInvocationMs: round(warmInvocationMs),
  };
}

async function measureBatch(files: string[]) {
  const documents = files.map((file) => readFileSync(file));
  const pass = async (size: number) => {
    const pool = new AnalyzerPool({ size, memoryMb: 1024 });
    await pool.ready();
    const [ms, reports] = await time(() =>
      Promise.all(documents.map((bytes, index) => pool.analyze(bytes, { name: path.basename(files[index]!), library, timeoutMs: 600_000 }))),
    );
    await pool.close();
    const pages = reports.reduce((sum, report) => sum + (report.document.pages ?? 0), 0);
    return { ms, pages };
  };
  const one = await pass(1);
  const both = await pass(Math.min(2, cpus().length));
  return {
    documents: files.length,
    pages: one.pages,
    singleCoreDocsPerMin: round((files.length * 60_000) / one.ms, 1),
    bothCoresDocsPerMin: round((files.length * 60_000) / both.ms, 1),
    bothCoresPagesPerSecond: round((both.pages * 1000) / both.ms),
    speedup: round(one.ms / both.ms, 2),
  };
}

const USAGE = `Usage: npm run bench -- [<pdf file or folder>...] [--runs <n>] [--skip-lambda] [--skip-ocr]

Measures clausewatch on generated 10-, 50- and 200-page contracts (cached in .bench-cache/) and on
any PDFs given: extraction against pdf-parse (and pdftotext when installed), analysis, the worker
pool, a cold CLI run, the Lambda bundle (size, cold import, invocations against the local S3
server; --skip-lambda leaves it out), a batch on one and two cores, and OCR of the scanned fixtures
(pages per second on one and two cores, peak RSS; --skip-ocr leaves it out). Prints a table and
one JSON line. --runs sets the warm runs per document (default 5).`;

async function main(argv: string[]): Promise<number> {
  const parsed = parseCommandLine(
    argv,
    { runs: { type: 'string', default: '5' }, 'skip-lambda': { type: 'boolean', default: false }, 'skip-ocr': { type: 'boolean', default: false } },
    USAGE,
  );
  if ('exit' in parsed) return parsed.exit;
  const { positionals, values } = parsed;
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) return usageError(`--runs must be a whole number of at least 1, not "${values.runs}".`, USAGE).exit;
  const unreadable = positionals.find((input) => !existsSync(input));
  if (unreadable) return usageError(`Not found: ${unreadable}`, USAGE).exit;
  const generated = await generatedContracts();
  const extra = positionals.flatMap((input) => (statSync(input).isDirectory() ? pdfsIn(input) : [input]));
  const files = [...generated, ...extra];
  const pdftotext = hasPdftotext();
  const pool = new AnalyzerPool({ size: 1, memoryMb: 1024 });
  await pool.ready();

  const documents: DocumentFigures[] = [];
  for (const file of files) {
    documents.push(await measureDocument(file, pool, runs, pdftotext));
    process.stderr.write(`measured ${path.basename(file)}\n`);
  }
  await pool.close();
  const cli = await measureCli(generated[2]!);
  const lambda = values['skip-lambda'] ? null : await measureLambda(await contractPdf(30));
  const batchFiles = extra.length >= 4 ? extra : [...generated.slice(0, 2), ...generated.slice(0, 2), ...generated.slice(0, 2)];
  const batch = await measureBatch(batchFiles);
  const ocr = values['skip-ocr'] ? null : await measureOcr([path.join(SCANS, 'strong-fm-scan.pdf'), path.join(SCANS, 'weak-fm-scan.pdf')]);

  const header = [
    'file',
    'pages',
    'pdf-parse',
    'extract',
    'segment',
    'analyze',
    'total',
    'pooled',
    '×pdf-parse',
    'pages/s',
    'pdftotext',
    '×pdftotext',
    'cold',
    'cold RSS',
  ];
  const rows = documents.map((d) => [
    d.file,
    `${d.pages ?? '-'}`,
    `${d.pdfParseMs}`,
    `${d.extractMs}`,
    `${d.segmentMs}`,
    `${d.analyzeMs}`,
    `${d.totalMs}`,
    `${d.pooledMs}`,
    `${d.ratioToPdfParse}`,
    `${d.pagesPerSecond}`,
    `${d.pdftotextMs ?? '-'}`,
    `${d.ratioToPdftotext ?? '-'}`,
    `${d.coldMs}`,
    `${d.coldPeakRssMb} MB`,
  ]);
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => row[column]!.length)));
  const line = (row: string[]) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ');
  console.log(`Per document (ms; median of ${runs} warm runs; "pooled" = the worker pool with deadline and memory cap, as the CLI and Lambda run it):`);
  console.log([line(header), ...rows.map(line)].join('\n'));
  if (!pdftotext) console.log('(pdftotext not installed: apt-get install poppler-utils to compare with it)');
  console.log(
    `\nCLI, cold, as users run it: npm run analyze on ${path.basename(generated[2]!)} ${cli.npmRunAnalyzeMs} ms (npm run itself: ${cli.npmRunOverheadMs} ms)`,
  );
  if (lambda) {
    console.log(
      `Lambda bundle: ${lambda.bundleMb} MB, ${lambda.zippedMb} MB compressed; cold import ${lambda.coldImportMs} ms; invocation on a 30-page PDF against the local S3 server: first ${lambda.firstInvocationMs} ms, warm ${lambda.warmInvocationMs} ms`,
    );
  }
  console.log(
    `Batch: ${batch.documents} documents, ${batch.pages} pages: ${batch.singleCoreDocsPerMin} docs/min on one core, ${batch.bothCoresDocsPerMin} docs/min (${batch.bothCoresPagesPerSecond} pages/s) on two: ${batch.speedup}x`,
  );
  if (ocr) {
    console.log(
      `OCR (tesseract.js): ${ocr.file}, ${ocr.pages} scanned pages in a fresh process: ${ocr.pagesPerSecond} pages/s, ${ocr.coldMs} ms from start, peak RSS ${ocr.peakRssMb} MB; two scans at once (${ocr.bothCoresPages} pages): ${ocr.bothCoresPagesPerSecond} pages/s`,
    );
  }
  console.log(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node.js ${process.version}; bench process peak RSS ${rssMb()} MB`);
  console.log(
    JSON.stringify({
      bench: 'clausewatch',
      documents,
      cli,
      lambda,
      batch,
      ocr,
      machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
    }),
  );
  return 0;
}

await runCommand(import.meta.url, main);
