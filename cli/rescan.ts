#!/usr/bin/env node
import type { S3Client } from '@aws-sdk/client-s3';
import { analyzeObject } from '../service/analyze-object.js';
import { loadConfig, type HandlerConfig } from '../service/config.js';
import { reportRenderings } from '../service/renderings.js';
import { writePortfolioRow, writeRenderings } from '../service/report-store.js';
import { getObject, isPreconditionFailed, putObjectConditionally } from '../service/storage.js';
import { isClausewatchError } from '../lib/errors.js';
import { loadDefaultWatchlist } from '../lib/exposure/load.js';
import { loadDefaultLibrary, parseLibraryJson } from '../lib/library/load.js';
import type { ClauseLibrary } from '../lib/library/schema.js';
import { Report } from '../lib/report/schema.js';
import { decideRescan, sameETag, verdictChanges, type RescanDecision, type VerdictChange } from '../lib/rescan.js';
import { contractName, reportAddress, type StorageLayout } from '../lib/s3-events.js';
import { loadLibrary } from './library.js';
import { AnalyzerPool, inlineAnalyzer, type DocumentAnalyzer } from '../lib/runner/index.js';
import { parseCommandLine } from './args.js';
import { runCommand } from './main.js';
import { listObjects, parseS3Url, s3ClientFor, type ListedObject } from './s3.js';
import { formatTable } from './table.js';

const USAGE = `Usage: npm run rescan -- <s3://bucket> [--endpoint-url <url>] [--library <file>] [--dry-run]

Re-analyzes every contract under contracts/ whose report was made with another clause library
than the current one (--library, else config/clause-library.json in the bucket, else the
built-in library), and rewrites its report, review page and fix pack. Prints the verdicts that moved.
--dry-run analyzes and prints without writing. --endpoint-url (or S3_ENDPOINT) selects an
S3-compatible server such as the local pipeline's; credentials come from the environment.
Prefixes follow CONTRACTS_PREFIX and REPORTS_PREFIX as the handlers do.
Exit status: 0 done, 1 some contracts failed, 2 usage error or invalid library.`;

interface StoredReport {
  report: Report | null;
  readable: boolean;
  eTag: string | null;
}

async function readStoredReport(s3: S3Client, bucket: string, key: string): Promise<StoredReport | null> {
  const stored = await getObject(s3, bucket, key);
  if (!stored) return null;
  try {
    const parsed = Report.safeParse(JSON.parse(new TextDecoder().decode(stored.bytes)));
    return { report: parsed.success ? parsed.data : null, readable: parsed.success, eTag: stored.eTag };
  } catch {
    return { report: null, readable: false, eTag: stored.eTag };
  }
}

/** The library a new report would use: --library, else the bucket's custom library, else the built-in one. */
async function currentLibrary(s3: S3Client, bucket: string, file: string | undefined, key: string): Promise<{ library: ClauseLibrary; source: string }> {
  if (file) return loadLibrary(file);
  const stored = await getObject(s3, bucket, key);
  if (!stored) return { library: loadDefaultLibrary(), source: 'built-in' };
  const source = `s3://${bucket}/${key}`;
  return { library: parseLibraryJson(new TextDecoder().decode(stored.bytes), `custom clause library ${source}`), source };
}

type Outcome =
  | { key: string; result: 'updated' | 'would-update'; decision: RescanDecision; changes: VerdictChange[] }
  | { key: string; result: 'skipped'; decision: RescanDecision | { action: 'skip'; reason: 'written-meanwhile' | 'object-gone' } }
  | { key: string; result: 'failed'; message: string };

interface RescanContext {
  s3: S3Client;
  bucket: string;
  layout: StorageLayout;
  config: HandlerConfig;
  library: { library: ClauseLibrary; source: string };
  analyzer: DocumentAnalyzer;
  dryRun: boolean;
}

async function rescanContract(object: ListedObject, context: RescanContext): Promise<Outcome> {
  const { s3, bucket, layout, library } = context;
  const address = reportAddress(object.key, layout)!;
  const key = address.reportKey;
  const stored = await readStoredReport(s3, bucket, key);
  const decision = decideRescan(stored, object.eTag, library.library);
  if (decision.action === 'skip') return { key: object.key, result: 'skipped', decision };

  const previous = stored?.report ?? null;
  // The stored source is kept, sequencer included, so the ordering of later upload events still holds.
  const source = previous?.source ?? null;
  const ref = {
    bucket,
    key: object.key,
    size: object.size,
    eTag: source?.eTag ?? object.eTag,
    versionId: source?.versionId ?? null,
    sequencer: source?.sequencer ?? null,
    eventName: 'rescan',
  };
  const fresh = await analyzeObject(ref, address.name, {
    s3,
    config: context.config,
    library,
    analyzer: context.analyzer,
    now: () => new Date(),
    remainingMs: () => Number.POSITIVE_INFINITY,
  });
  if (!fresh) return { key: object.key, result: 'skipped', decision: { action: 'skip', reason: 'object-gone' } };
  if (source?.eTag && !sameETag(fresh.source?.eTag, source.eTag)) {
    return { key: object.key, result: 'skipped', decision: { action: 'skip', reason: 'changed-since-report' } };
  }
  const report: Report = { ...fresh, source: source ?? fresh.source };
  const changes = verdictChanges(previous, report);
  if (context.dryRun) return { key: object.key, result: 'would-update', decision, changes };

  try {
    // Only over the report that was read: if the pipeline wrote a newer one meanwhile, it stands.
    await putObjectConditionally(s3, {
      bucket,
      key,
      body: `${JSON.stringify(report, null, 2)}\n`,
      contentType: 'application/json',
      expectedETag: stored?.eTag ?? null,
    });
  } catch (error) {
    if (!isPreconditionFailed(error)) throw error;
    return { key: object.key, result: 'skipped', decision: { action: 'skip', reason: 'written-meanwhile' } };
  }
  const renderings = await reportRenderings(report, library.library);
  await writeRenderings(s3, bucket, address, renderings);
  await writePortfolioRow(s3, bucket, address, report, renderings);
  return { key: object.key, result: 'updated', decision, changes };
}

const SKIP_REASON: Record<string, string> = {
  current: 'report already made with this library',
  'changed-since-report': 'uploaded again since its report; the pipeline reports the new upload',
  'written-meanwhile': 'the pipeline wrote a new report during the rescan',
  'object-gone': 'deleted during the rescan',
};

export async function main(argv: string[]): Promise<number> {
  const parsed = parseCommandLine(
    argv,
    {
      'endpoint-url': { type: 'string' },
      library: { type: 'string', short: 'l' },
      'dry-run': { type: 'boolean', default: false },
    },
    USAGE,
  );
  if ('exit' in parsed) return parsed.exit;
  const { values, positionals } = parsed;
  const location = positionals.length === 1 ? parseS3Url(positionals[0]!) : null;
  if (location?.prefix !== '') {
    console.error(`Give the bucket alone, as s3://bucket (the prefixes come from CONTRACTS_PREFIX and REPORTS_PREFIX).\n\n${USAGE}`);
    return 2;
  }
  let config: HandlerConfig;
  try {
    config = loadConfig({ ...process.env, ...(values['endpoint-url'] ? { S3_ENDPOINT: values['endpoint-url'] } : {}) });
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  const s3 = s3ClientFor(config.S3_ENDPOINT);
  const layout = { contractsPrefix: config.CONTRACTS_PREFIX, reportsPrefix: config.REPORTS_PREFIX, portfolioRowsPrefix: config.PORTFOLIO_ROWS_PREFIX };
  try {
    let library: { library: ClauseLibrary; source: string };
    try {
      library = await currentLibrary(s3, location.bucket, values.library, config.LIBRARY_KEY);
    } catch (error) {
      if (!isClausewatchError(error)) throw error;
      console.error(`${error.code}: ${error.message}`);
      return 2;
    }
    console.log(`Clause library ${library.library.id} ${library.library.version} (${library.source}), exposure watchlist ${loadDefaultWatchlist().version}.`);
    const contracts = (await listObjects(s3, location.bucket, layout.contractsPrefix)).filter((object) => contractName(object.key, layout) !== null);
    // One worker, one contract at a time: analysis is CPU-bound, and a rescan must not starve the
    // pipeline it shares a bucket with; the worker contains runaway documents as the pipeline does.
    const analyzer = config.ANALYZER_ISOLATION === 'inline' ? inlineAnalyzer : new AnalyzerPool({ size: 1, memoryMb: config.WORKER_MEMORY_MB, standby: false });
    const context: RescanContext = { s3, bucket: location.bucket, layout, config, library, analyzer, dryRun: values['dry-run'] };
    const outcomes: Outcome[] = [];
    try {
      for (const object of contracts) {
        try {
          outcomes.push(await rescanContract(object, context));
        } catch (error) {
          outcomes.push({ key: object.key, result: 'failed', message: `${(error as Error).name}: ${(error as Error).message}` });
        }
      }
    } finally {
      await analyzer.close();
    }
    printOutcomes(outcomes, layout, values['dry-run']);
    return outcomes.some((outcome) => outcome.result === 'failed') ? 1 : 0;
  } catch (error) {
    const failure = error as { name?: string; message?: string };
    console.error(`Failed: ${failure.name ?? 'Error'}: ${failure.message ?? String(error)}`);
    return 1;
  } finally {
    s3.destroy();
  }
}

function printOutcomes(outcomes: readonly Outcome[], layout: StorageLayout, dryRun: boolean): void {
  const name = (key: string) => contractName(key, layout) ?? key;
  const rows = outcomes.flatMap((outcome) =>
    outcome.result === 'updated' || outcome.result === 'would-update'
      ? outcome.changes.map((change) => [name(outcome.key), change.clauseType, `${change.from} → ${change.to}`])
      : [],
  );
  if (rows.length > 0) console.log(`\n${formatTable(['file', 'clause', 'verdict'], rows, 80)}\n`);
  else console.log('\nNo verdict moved.\n');
  const count = (predicate: (outcome: Outcome) => boolean) => outcomes.filter(predicate).length;
  const reanalyzed = count((outcome) => outcome.result === 'updated' || outcome.result === 'would-update');
  const moved = count((outcome) => (outcome.result === 'updated' || outcome.result === 'would-update') && outcome.changes.length > 0);
  const current = count((outcome) => outcome.result === 'skipped' && outcome.decision.reason === 'current');
  console.log(
    `${outcomes.length} contract(s): ${reanalyzed} ${dryRun ? 'would be re-analyzed (dry run: nothing written)' : 're-analyzed'}, ${moved} with verdicts that moved (${rows.length} verdict(s)), ${current} already current.`,
  );
  for (const outcome of outcomes) {
    if (outcome.result === 'skipped' && outcome.decision.reason !== 'current')
      console.log(`Skipped ${name(outcome.key)}: ${SKIP_REASON[outcome.decision.reason]}.`);
    if (outcome.result === 'failed') console.error(`Failed ${name(outcome.key)}: ${outcome.message}`);
  }
}

await runCommand(import.meta.url, main);
