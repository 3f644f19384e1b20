/*
 * A real load through the local pipeline (`npm start`'s S3-compatible server on 127.0.0.1 and the
 * same handlers as Lambda, in worker threads): N generated contracts uploaded at once, every S3
 * event delivered twice (at-least-once delivery), then counted: reports written, losses (uploads
 * without a report, must be 0) and duplicates (report writes beyond one per upload, must be 0).
 *
 *   npm run bench:load -- [--contracts 2000] [--workers 2]
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { mapLimited } from '../cli/s3.js';
import { headObject } from '../service/storage.js';
import { LocalPipeline } from '../local/pipeline.js';
import { ROOT, round, rssMb } from './util.js';

const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'contracts');
/** Text, Word and PDF contracts of the project's own fixtures: each upload is one of them with a line of its own. */
const TEMPLATES = [
  'strong-fm.txt',
  'weak-fm.txt',
  'no-fm.txt',
  'one-line-ec.txt',
  'excusable-delay.txt',
  'rare-earth-magnets.txt',
  'split-fm.docx',
  'weak-fm.pdf',
];
/** Uploads in flight at once (a burst of clients, bounded so the loopback server is not the bottleneck). */
const UPLOAD_CONCURRENCY = 8;
/** The local server answers a rare 500 under load (as S3 may): an upload is tried again, as clients do. */
const UPLOAD_ATTEMPTS = 5;

const TEMPLATE_BYTES = new Map(TEMPLATES.map((template) => [template, readFileSync(path.join(FIXTURES, template))]));

/** The name of the index-th upload, under `contracts/` (its report is the same name under `reports/`). */
function contractName(index: number): string {
  return `load/${String(index).padStart(6, '0')}-${TEMPLATES[index % TEMPLATES.length]!}`;
}

function contractBody(index: number): Uint8Array {
  const template = TEMPLATES[index % TEMPLATES.length]!;
  const bytes = TEMPLATE_BYTES.get(template)!;
  // Text contracts get a reference line of their own, so no two uploads are the same document.
  return template.endsWith('.txt') ? Buffer.concat([Buffer.from(`Contract reference CW-${index}\n\n`), bytes]) : bytes;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { contracts: { type: 'string', default: '2000' }, workers: { type: 'string', default: '2' } } });
  const contracts = Number(values.contracts);
  const workers = Number(values.workers);
  const work = mkdtempSync(path.join(tmpdir(), 'clausewatch-load-'));
  const pipeline = new LocalPipeline({
    port: 0,
    directory: path.join(work, 's3'),
    bucket: 'contracts-load',
    isolation: 'worker',
    workers,
    deliveriesPerEvent: 2,
    environment: { LOG_LEVEL: 'error' },
  });
  await pipeline.start();
  try {
    let uploadRetries = 0;
    const started = performance.now();
    await mapLimited(
      Array.from({ length: contracts }, (_, index) => index),
      UPLOAD_CONCURRENCY,
      async (index) => {
        const key = `contracts/${contractName(index)}`;
        const body = contractBody(index);
        for (let attempt = 1; ; attempt++) {
          try {
            await pipeline.upload(key, body);
            return;
          } catch (error) {
            if (attempt >= UPLOAD_ATTEMPTS) throw error;
            uploadRetries++;
            await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
          }
        }
      },
    );
    const uploadedMs = performance.now() - started;
    await pipeline.idle();
    const elapsedMs = performance.now() - started;
    // Each upload's own report, looked up by its key: a loss is named, not inferred from a count.
    const found = await mapLimited(
      Array.from({ length: contracts }, (_, index) => index),
      UPLOAD_CONCURRENCY,
      async (index) => (await headObject(pipeline.s3, pipeline.bucket, `reports/${contractName(index)}.json`)) !== null,
    );
    const reports = found.filter(Boolean);
    const result = {
      contracts,
      workers,
      messages: pipeline.stats.messages,
      reports: reports.length,
      losses: contracts - reports.length,
      duplicates: pipeline.stats.reportWrites - reports.length,
      deadLettered: pipeline.stats.deadLettered,
      redeliveries: pipeline.stats.redeliveries,
      uploadRetries,
      uploadSeconds: round(uploadedMs / 1000, 1),
      totalSeconds: round(elapsedMs / 1000, 1),
      contractsPerSecond: round(contracts / (elapsedMs / 1000), 1),
      msPerContractPerWorker: round((elapsedMs * workers) / contracts, 0),
      peakRssMb: rssMb(),
    };
    console.log(
      `${result.contracts} contracts, ${result.messages} messages (every event twice), ${result.workers} workers: ` +
        `${result.reports} reports, ${result.losses} lost, ${result.duplicates} duplicate writes, ${result.deadLettered} dead-lettered ` +
        `(${result.redeliveries} redeliveries after transient errors, ${result.uploadRetries} upload retries); ` +
        `${result.totalSeconds} s (${result.contractsPerSecond} contracts/s, ${result.msPerContractPerWorker} ms a contract per worker), peak RSS ${result.peakRssMb} MB`,
    );
    console.log(JSON.stringify(result));
    if (result.losses !== 0 || result.duplicates !== 0) process.exitCode = 1;
  } finally {
    await pipeline.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
