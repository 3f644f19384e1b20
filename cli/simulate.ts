#!/usr/bin/env node
import { AWS_LIMITS, AWS_PRICES, estimate, type ScaleInputs } from '../lib/scale/model.js';
import { parseCommandLine, usageError } from './args.js';
import { runCommand } from './main.js';
import { formatTable } from './table.js';

/**
 * Defaults measured here: the benchmark's analysis time per page (200-page contract through the
 * worker pool, docs/PERFORMANCE.md) and the fixed cost per document of the local load run
 * (`npm run bench:load`: S3 reads, the ordered report write, review page and fix pack).
 */
export const MEASURED = { msPerPage: 3.4, fixedMsPerDocument: 120 } as const;

const USAGE = `Usage: npm run simulate -- [--contracts <n>]... [--pages <n>] [--scanned <share>] [--concurrency <n>]
                           [--memory-mb <MB>] [--batch <n>] [--ms-per-page <ms>] [--fixed-ms <ms>] [--rescan] [--json]

Estimates the wall time and the AWS cost of analysing a portfolio in the deployed pipeline (or of
a rescan with --rescan), from per-document figures measured on this project's benchmark and AWS's
published prices and default quotas (us-east-1, on-demand, free tiers ignored). Defaults: the
contract counts 10,000, 100,000 and 1,000,000; 20 pages a contract; 5 % scans (read by Amazon
Textract); concurrency 5 (the stack's default: its SQS event source starts at most 5 invocations at a time); 1,536 MB; batches of 5;
${MEASURED.msPerPage} ms a page and ${MEASURED.fixedMsPerDocument} ms a document (measured).`;

function positive(value: string | undefined, fallback: number, name: string, allowZero = false): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0 || (!allowZero && number === 0))
    throw new Error(`${name} must be a ${allowZero ? 'non-negative' : 'positive'} number`);
  return number;
}

function duration(hours: number): string {
  if (hours < 1) return `${Math.max(1, Math.round(hours * 60))} min`;
  if (hours < 48) return `${hours.toFixed(1)} h`;
  return `${(hours / 24).toFixed(1)} days`;
}

const usd = (value: number) => `$${value < 10 ? value.toFixed(2) : Math.round(value).toLocaleString('en-US')}`;

export async function main(argv: string[]): Promise<number> {
  const parsed = parseCommandLine(
    argv,
    {
      contracts: { type: 'string', multiple: true },
      pages: { type: 'string' },
      scanned: { type: 'string' },
      concurrency: { type: 'string' },
      'memory-mb': { type: 'string' },
      batch: { type: 'string' },
      'ms-per-page': { type: 'string' },
      'fixed-ms': { type: 'string' },
      rescan: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
    USAGE,
  );
  if ('exit' in parsed) return parsed.exit;
  const values = parsed.values;
  let inputs: Omit<ScaleInputs, 'contracts'>;
  let counts: number[];
  try {
    counts = (values.contracts ?? ['10000', '100000', '1000000']).map((value) => Math.round(positive(value, 0, '--contracts')));
    const scannedShare = positive(values.scanned, 0.05, '--scanned', true);
    if (scannedShare > 1) throw new Error('--scanned is a share between 0 and 1');
    inputs = {
      pagesPerContract: positive(values.pages, 20, '--pages'),
      scannedShare,
      msPerPage: positive(values['ms-per-page'], MEASURED.msPerPage, '--ms-per-page'),
      fixedMsPerDocument: positive(values['fixed-ms'], MEASURED.fixedMsPerDocument, '--fixed-ms', true),
      memoryMb: positive(values['memory-mb'], 1536, '--memory-mb'),
      concurrency: Math.round(positive(values.concurrency, 5, '--concurrency')),
      batchSize: Math.round(positive(values.batch, 5, '--batch')),
      rescan: values.rescan,
    };
  } catch (error) {
    return usageError((error as Error).message, USAGE).exit;
  }
  const results = counts.map((contracts) => ({ contracts, ...estimate({ ...inputs, contracts }) }));
  if (values.json) {
    console.log(JSON.stringify({ inputs, prices: AWS_PRICES, limits: AWS_LIMITS, results }));
    return 0;
  }
  const header = [
    'contracts',
    'wall time',
    'Textract start floor',
    'Lambda',
    'SQS',
    'S3 requests',
    'Textract',
    ...(inputs.rescan ? ['fan-out'] : []),
    'total',
    'storage / month',
  ];
  const rows = results.map((result) => [
    result.contracts.toLocaleString('en-US'),
    duration(result.wallHours),
    result.textractFloorHours > 0 ? duration(result.textractFloorHours) : '-',
    usd(result.costUsd.lambda),
    usd(result.costUsd.sqs),
    usd(result.costUsd.s3Requests),
    usd(result.costUsd.textract),
    ...(inputs.rescan ? [usd(result.costUsd.fanOut)] : []),
    usd(result.costUsd.total),
    result.storageGb > 0 ? `${result.storageGb.toFixed(0)} GB, ${usd(result.storageUsdPerMonth)}` : '-',
  ]);
  console.log(
    `${inputs.rescan ? 'Rescan' : 'Initial load'}: ${inputs.pagesPerContract} pages a contract, ${(inputs.scannedShare * 100).toFixed(0)} % scans, ` +
      `${results[0]!.secondsPerContract.toFixed(2)} s of function time a contract, concurrency ${inputs.concurrency}, ${inputs.memoryMb} MB`,
  );
  console.log(formatTable(header, rows));
  return 0;
}

await runCommand(import.meta.url, main);
