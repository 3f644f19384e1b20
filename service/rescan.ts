import { createHash } from 'node:crypto';
import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import type { ClauseLibrary } from '../lib/library/schema.js';
import { Report } from '../lib/report/schema.js';
import { decideRescan, sameETag, verdictChanges, type RescanDecision, type VerdictChange } from '../lib/rescan.js';
import {
  type ListedOutcome,
  type RescanMessage,
  type RescanOutcomeName,
  type RescanSummary,
  rescanMessageFor,
  rescanOutcomeKey,
  summarizeRescan,
} from '../lib/rescan-message.js';
import { reportAddress, type StorageLayout } from '../lib/s3-events.js';
import type { DocumentAnalyzer } from '../lib/runner/index.js';
import { analyzeObject } from './analyze-object.js';
import { analyzeUpload } from './analyze-upload.js';
import type { TextractApi } from './textract.js';
import type { HandlerConfig } from './config.js';
import { reportRenderings } from './renderings.js';
import { writePortfolioRow, writeRenderings } from './report-store.js';
import { getObject, isPreconditionFailed, listObjects, putObject, putObjectConditionally } from './storage.js';

/*
 * Re-analysis of one contract whose report may be stale (another clause library or watchlist):
 * the one implementation behind `npm run rescan` in-process and the analyze function's rescan
 * messages.
 */

/** Where rescan requests and per-contract outcomes are kept in the contracts bucket. */
export const RESCANS_PREFIX = 'rescans/';

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

export type RescanOutcome =
  | { key: string; result: 'updated' | 'would-update'; decision: RescanDecision; changes: VerdictChange[]; report: Report }
  | { key: string; result: 'skipped'; decision: RescanDecision | { action: 'skip'; reason: 'written-meanwhile' | 'object-gone' } }
  | { key: string; result: 'failed'; message: string };

export interface RescanDeps {
  s3: S3Client;
  layout: StorageLayout;
  config: HandlerConfig;
  library: { library: ClauseLibrary; source: string };
  analyzer: DocumentAnalyzer;
  dryRun?: boolean;
  now?: () => Date;
  remainingMs?: () => number;
  /** Amazon Textract (OCR=textract): a scan is re-graded with the OCR text kept from its first read. */
  textract?: TextractApi | null;
}

/** A contract as a listing (or a rescan message) names it: the ETag is the one the enumeration saw. */
export interface RescanTarget {
  bucket: string;
  key: string;
  eTag: string | null;
  size?: number | null;
}

/**
 * Re-analyzes one contract when its report is stale and the object is unchanged since that
 * report. The stored source (sequencer included) is kept, so later uploads still win; the write
 * is conditional on the report that was read, so a report the pipeline wrote meanwhile stands.
 */
export async function rescanContract(target: RescanTarget, deps: RescanDeps): Promise<RescanOutcome> {
  const { s3, library } = deps;
  const { bucket } = target;
  const address = reportAddress(target.key, deps.layout);
  if (!address) return { key: target.key, result: 'skipped', decision: { action: 'skip', reason: 'object-gone' } };
  const key = address.reportKey;
  const stored = await readStoredReport(s3, bucket, key);
  const decision = decideRescan(stored, target.eTag, library.library);
  if (decision.action === 'skip') return { key: target.key, result: 'skipped', decision };

  const previous = stored?.report ?? null;
  const source = previous?.source ?? null;
  const ref = {
    bucket,
    key: target.key,
    size: target.size ?? null,
    eTag: source?.eTag ?? target.eTag,
    versionId: source?.versionId ?? null,
    sequencer: source?.sequencer ?? null,
    eventName: 'rescan',
  };
  const analyzeDeps = {
    s3,
    config: deps.config,
    library,
    analyzer: deps.analyzer,
    now: deps.now ?? (() => new Date()),
    remainingMs: deps.remainingMs ?? (() => Number.POSITIVE_INFINITY),
  };
  // With OCR=textract a scan is analyzed as its upload was: with the text its OCR job read, kept by
  // the document's hash. Without kept text a new job would be needed, and its report would carry
  // the stored sequencer, which the ordered write refuses: say so rather than write a scan without text.
  const produced = deps.textract
    ? await analyzeUpload(ref, address.name, { ...analyzeDeps, textract: deps.textract })
    : await analyzeObject(ref, address.name, analyzeDeps);
  if (produced && 'deferred' in produced) {
    return { key: target.key, result: 'failed', message: 'the OCR text of this scan is no longer kept: upload it again for a new OCR read' };
  }
  const fresh = produced;
  if (!fresh) return { key: target.key, result: 'skipped', decision: { action: 'skip', reason: 'object-gone' } };
  if (source?.eTag && !sameETag(fresh.source?.eTag, source.eTag)) {
    return { key: target.key, result: 'skipped', decision: { action: 'skip', reason: 'changed-since-report' } };
  }
  const report: Report = { ...fresh, source: source ?? fresh.source };
  const changes = verdictChanges(previous, report);
  if (deps.dryRun) return { key: target.key, result: 'would-update', decision, changes, report };

  try {
    await putObjectConditionally(s3, {
      bucket,
      key,
      body: `${JSON.stringify(report, null, 2)}\n`,
      contentType: 'application/json',
      expectedETag: stored?.eTag ?? null,
    });
  } catch (error) {
    if (!isPreconditionFailed(error)) throw error;
    return { key: target.key, result: 'skipped', decision: { action: 'skip', reason: 'written-meanwhile' } };
  }
  const renderings = await reportRenderings(report, library.library);
  await writeRenderings(s3, bucket, address, renderings);
  await writePortfolioRow(s3, bucket, address, report, renderings);
  return { key: target.key, result: 'updated', decision, changes, report };
}

/** The outcome as a rescan's progress records it. */
export function outcomeName(outcome: RescanOutcome): RescanOutcomeName {
  if (outcome.result === 'failed') return 'error';
  if (outcome.result === 'updated' || outcome.result === 'would-update') return 'reanalyzed';
  switch (outcome.decision.reason) {
    case 'current':
      return 'skipped-current';
    case 'changed-since-report':
      return 'skipped-changed';
    case 'written-meanwhile':
      return 'skipped-written-meanwhile';
    default:
      return 'skipped-gone';
  }
}

/** A contract key as a short, key-safe name for its outcome object (contract names never appear in progress keys). */
export function contractHash(bucket: string, key: string): string {
  return createHash('sha256').update(`${bucket}\n${key}`).digest('hex').slice(0, 32);
}

/** Records one contract's outcome of a rescan: one small object of its own, so concurrent instances never race. */
export async function recordRescanOutcome(s3: S3Client, message: Pick<RescanMessage, 'bucket' | 'key' | 'rescanId'>, outcome: RescanOutcome): Promise<void> {
  const name = outcomeName(outcome);
  const moved = outcome.result === 'updated' || outcome.result === 'would-update' ? outcome.changes.length : 0;
  const body = {
    rescanId: message.rescanId,
    key: message.key,
    outcome: name,
    verdictsMoved: moved,
    ...(outcome.result === 'updated' ? { changes: outcome.changes } : {}),
    ...(outcome.result === 'failed' ? { error: outcome.message } : {}),
  };
  await putObject(s3, {
    bucket: message.bucket,
    key: rescanOutcomeKey(RESCANS_PREFIX, message.rescanId, contractHash(message.bucket, message.key), name, moved),
    body: `${JSON.stringify(body)}\n`,
    contentType: 'application/json',
  });
}

/** A rescan's progress, counted from the listing of its outcome objects (no object is read). */
export async function readRescanSummary(s3: S3Client, bucket: string, rescanId: string): Promise<RescanSummary> {
  const objects: ListedOutcome[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: `${RESCANS_PREFIX}${rescanId}/outcomes/`, ContinuationToken: token }));
    for (const item of page.Contents ?? []) if (item.Key) objects.push({ key: item.Key, lastModified: item.LastModified?.getTime() ?? 0 });
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return summarizeRescan(objects);
}

/**
 * The rescan messages for every contract under the contracts prefix, as the state machine sends
 * them in AWS (ListObjectsV2 over the prefix, one message per object); `maxItems` caps them.
 */
export async function rescanMessagesForBucket(
  s3: S3Client,
  bucket: string,
  layout: StorageLayout,
  rescanId: string,
  maxItems?: number,
): Promise<RescanMessage[]> {
  const contracts = (await listObjects(s3, bucket, layout.contractsPrefix)).filter((object) => reportAddress(object.key, layout) !== null);
  return contracts.slice(0, maxItems ?? contracts.length).map((object) => rescanMessageFor(rescanId, bucket, object));
}
