#!/usr/bin/env node
import type { S3Client } from '@aws-sdk/client-s3';
import { loadConfig, type HandlerConfig } from '../service/config.js';
import { rescanContract, type RescanDeps, type RescanOutcome } from '../service/rescan.js';
import { getObject } from '../service/storage.js';
import { isClausewatchError } from '../lib/errors.js';
import { loadDefaultWatchlist } from '../lib/exposure/load.js';
import { loadDefaultLibrary, parseLibraryJson } from '../lib/library/load.js';
import type { ClauseLibrary } from '../lib/library/schema.js';
import { contractName, type StorageLayout } from '../lib/s3-events.js';
import { loadLibrary } from './library.js';
import { AnalyzerPool, inlineAnalyzer } from '../lib/runner/index.js';
import { parseCommandLine } from './args.js';
import { failureLine, runCommand } from './main.js';
import { listObjects, parseS3Url, s3ClientFor } from './s3.js';
import { formatTable } from './table.js';
import { SFNClient } from '@aws-sdk/client-sfn';
import { formatRescanStatus, newRescanId, readRescanStatus, requestLocalRescan, startRescanExecution, type StepFunctionsApi } from './rescan-queue.js';

const USAGE = `Usage: npm run rescan -- <s3://bucket> [--endpoint-url <url>] [--in-process] [--library <file>] [--dry-run]
       npm run rescan -- <s3://bucket> --in-aws [--state-machine-arn <arn>] [--max-items <n>]
       npm run rescan -- <s3://bucket> --endpoint-url <url> --enqueue [--max-items <n>]
       npm run rescan -- <s3://bucket> [--endpoint-url <url>] --status <execution ARN or rescan id>

Re-analyzes every contract under contracts/ whose report was made with another clause library
than the current one (--library, else config/clause-library.json in the bucket, else the
built-in library), and rewrites its report, review page and fix pack. Prints the verdicts that moved.
--dry-run analyzes and prints without writing. --endpoint-url (or S3_ENDPOINT) selects an
S3-compatible server such as the local pipeline's; credentials come from the environment.
Prefixes follow CONTRACTS_PREFIX and REPORTS_PREFIX as the handlers do.

--in-aws starts the rescan state machine (--state-machine-arn, else RESCAN_STATE_MACHINE_ARN; the
stack's RescanStateMachineArn output): it lists the contracts and sends one rescan message each
to the analysis queue, and the analyze function re-analyzes the stale ones. --enqueue does the
same through the local pipeline (npm start), and is what a rescan against an endpoint on this
machine (127.0.0.1, localhost) does unless --in-process, --library or --dry-run is given. Both
print the rescan id; --status prints its
progress: contracts scanned, re-analyzed, skipped, verdicts moved, errors.
Exit status: 0 done, 1 some contracts failed, 2 usage error or invalid library.`;

/** Whether an S3 endpoint is this machine (the local pipeline's server). */
export function isLoopback(endpoint: string | undefined): boolean {
  if (!endpoint) return false;
  try {
    return ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(endpoint).hostname);
  } catch {
    return false;
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

type Outcome = RescanOutcome;

const SKIP_REASON: Record<string, string> = {
  current: 'report already made with this library',
  'changed-since-report': 'uploaded again since its report; the pipeline reports the new upload',
  'written-meanwhile': 'the pipeline wrote a new report during the rescan',
  'object-gone': 'deleted during the rescan',
};

export interface RescanCommandDeps {
  /** Step Functions (the SDK client by default). */
  sfn?: StepFunctionsApi;
}

export async function main(argv: string[], deps: RescanCommandDeps = {}): Promise<number> {
  const parsed = parseCommandLine(
    argv,
    {
      'endpoint-url': { type: 'string' },
      library: { type: 'string', short: 'l' },
      'dry-run': { type: 'boolean', default: false },
      'in-aws': { type: 'boolean', default: false },
      enqueue: { type: 'boolean', default: false },
      'in-process': { type: 'boolean', default: false },
      'state-machine-arn': { type: 'string' },
      'max-items': { type: 'string' },
      status: { type: 'string' },
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
  // Against the local pipeline (npm start, on loopback) a rescan goes through its queue, as in
  // AWS; --in-process, --library or --dry-run keep it in this process.
  const enqueueByDefault =
    !values['in-process'] && !values['in-aws'] && values.status === undefined && !values.library && !values['dry-run'] && isLoopback(config.S3_ENDPOINT);
  const enqueue = values.enqueue || enqueueByDefault;
  if (values['in-process'] && (values['in-aws'] || enqueue || values.status !== undefined)) {
    console.error(`--in-process cannot be combined with --in-aws, --enqueue or --status.\n\n${USAGE}`);
    s3.destroy();
    return 2;
  }
  if (values['in-aws'] || enqueue || values.status !== undefined) {
    try {
      return await throughQueue({ ...values, enqueue }, location.bucket, s3, deps);
    } catch (error) {
      console.error(failureLine(error));
      return 1;
    } finally {
      s3.destroy();
    }
  }
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
    const context: RescanDeps = { s3, layout, config, library, analyzer, dryRun: values['dry-run'] };
    const outcomes: Outcome[] = [];
    try {
      for (const object of contracts) {
        try {
          outcomes.push(await rescanContract({ bucket: location.bucket, ...object }, context));
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
    console.error(failureLine(error));
    return 1;
  } finally {
    s3.destroy();
  }
}

interface QueueFlags {
  'in-aws': boolean;
  enqueue: boolean;
  'dry-run': boolean;
  library?: string;
  'state-machine-arn'?: string;
  'max-items'?: string;
  status?: string;
}

/** --in-aws, --enqueue and --status: the rescan runs in the pipeline, this process only starts and follows it. */
async function throughQueue(values: QueueFlags, bucket: string, s3: S3Client, deps: RescanCommandDeps): Promise<number> {
  const modes = [values['in-aws'], values.enqueue, values.status !== undefined].filter(Boolean).length;
  if (modes > 1 || values['dry-run'] || values.library) {
    console.error(
      `Give one of --in-aws, --enqueue and --status; --dry-run and --library apply to the in-process rescan only (the pipeline uses the bucket's library).\n\n${USAGE}`,
    );
    return 2;
  }
  const sfn = deps.sfn ?? (values['in-aws'] || values.status?.startsWith('arn:') ? new SFNClient({ region: process.env.AWS_REGION }) : null);
  if (values.status !== undefined) {
    const status = await readRescanStatus(s3, sfn, bucket, values.status);
    if (!status) {
      console.error(`--status takes an execution ARN or a rescan id (letters, digits, "-" and "_"), not "${values.status}".\n\n${USAGE}`);
      return 2;
    }
    console.log(formatRescanStatus(status));
    return status.summary.errors > 0 || status.execution === 'FAILED' || status.execution === 'ABORTED' || status.execution === 'TIMED_OUT' ? 1 : 0;
  }
  const maxItems = values['max-items'] === undefined ? null : Number(values['max-items']);
  if (maxItems !== null && (!Number.isInteger(maxItems) || maxItems < 1)) {
    console.error(`--max-items must be a whole number of at least 1, not "${values['max-items']}".\n\n${USAGE}`);
    return 2;
  }
  const request = { rescanId: newRescanId(), maxItems };
  if (values.enqueue) {
    const key = await requestLocalRescan(s3, bucket, request);
    console.log(`Rescan ${request.rescanId} requested (s3://${bucket}/${key}); the local pipeline enqueues one message per contract.`);
    console.log(`Progress: npm run rescan -- s3://${bucket} --endpoint-url <url> --status ${request.rescanId}`);
    return 0;
  }
  const stateMachineArn = values['state-machine-arn'] ?? process.env.RESCAN_STATE_MACHINE_ARN;
  if (!stateMachineArn?.startsWith('arn:')) {
    console.error(
      `--in-aws needs the rescan state machine's ARN: --state-machine-arn, or RESCAN_STATE_MACHINE_ARN (the stack's RescanStateMachineArn output).\n\n${USAGE}`,
    );
    return 2;
  }
  const executionArn = await startRescanExecution(sfn!, stateMachineArn, request);
  console.log(executionArn);
  console.log(`Progress: npm run rescan -- s3://${bucket} --status ${executionArn}`);
  return 0;
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
