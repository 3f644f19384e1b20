import type { SQSBatchResponse, SQSRecord } from 'aws-lambda';
import { parseRescanMessage } from '../lib/rescan-message.js';
import { reportAddress, type StorageLayout } from '../lib/s3-events.js';
import type { HandlerConfig } from './config.js';
import type { LibraryCache } from './library-cache.js';
import { errorFields, type Logger } from './logger.js';
import { NO_METRICS, type PipelineMetrics } from './metrics.js';
import { outcomeName, recordRescanOutcome, rescanContract, type RescanDeps, type RescanOutcome } from './rescan.js';
import { isTransient } from './storage.js';
import type { S3Client } from '@aws-sdk/client-s3';
import type { DocumentAnalyzer } from '../lib/runner/index.js';
import type { TextractApi } from './textract.js';

/** Whether an SQS message is a rescan request (well-formed or not) rather than an S3 notification. */
export function isRescanRecord(record: Pick<SQSRecord, 'body'>): boolean {
  return parseRescanMessage(record.body).kind !== 'not-rescan';
}

export interface RescanBatchDeps {
  s3: S3Client;
  config: HandlerConfig;
  layout: StorageLayout;
  libraries: LibraryCache;
  analyzer: DocumentAnalyzer;
  logger: Logger;
  metrics?: PipelineMetrics;
  remainingMs?: () => number;
  textract?: TextractApi | null;
}

/**
 * Handles the rescan messages of an SQS batch: each contract is re-analyzed when stale
 * (service/rescan.ts) and its outcome recorded as a metric and as a progress object. A transient
 * failure sends the message back to the queue (its error outcome is replaced by the retry's);
 * other failures are recorded and dropped, since the same bytes would fail the same way.
 */
export async function handleRescanBatch(records: readonly SQSRecord[], deps: RescanBatchDeps): Promise<SQSBatchResponse> {
  const metrics = deps.metrics ?? NO_METRICS;
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of records) {
    const log = deps.logger.child({ messageId: record.messageId, receiveCount: Number(record.attributes?.ApproximateReceiveCount ?? 1) });
    const parsed = parseRescanMessage(record.body);
    if (parsed.kind !== 'rescan') {
      log.error('dropped a rescan message that cannot be read', { reason: parsed.kind === 'invalid' ? parsed.reason : 'not a rescan message' });
      continue;
    }
    const { message } = parsed;
    const messageLog = log.child({ rescanId: message.rescanId, bucket: message.bucket, key: message.key });
    if (!reportAddress(message.key, deps.layout)) {
      // A folder marker or an object outside the prefix that the listing returned: nothing to rescan.
      messageLog.info('rescan skipped an object that is not a contract');
      continue;
    }
    let outcome: RescanOutcome;
    let retry = false;
    try {
      const library = await deps.libraries.get(message.bucket);
      if ('error' in library)
        throw Object.assign(new Error(`the clause library ${library.source} is invalid: ${library.error.message}`), { name: 'InvalidLibrary' });
      const rescanDeps: RescanDeps = {
        s3: deps.s3,
        layout: deps.layout,
        config: deps.config,
        library,
        analyzer: deps.analyzer,
        remainingMs: deps.remainingMs,
        textract: deps.textract,
      };
      outcome = await rescanContract({ bucket: message.bucket, key: message.key, eTag: message.eTag }, rescanDeps);
    } catch (error) {
      retry = isTransient(error);
      messageLog.error(retry ? 'transient rescan failure, the message will be retried' : 'rescan failed', errorFields(error));
      outcome = { key: message.key, result: 'failed', message: `${(error as Error).name}: ${(error as Error).message}` };
    }
    try {
      await recordRescanOutcome(deps.s3, message, outcome);
    } catch (error) {
      messageLog.error('could not record the rescan outcome, the message will be retried', errorFields(error));
      retry = true;
    }
    const name = outcomeName(outcome);
    const moved = outcome.result === 'updated' ? outcome.changes.length : 0;
    metrics.rescanOutcome(name, moved);
    if (outcome.result === 'updated') metrics.reportWritten(outcome.report);
    messageLog.info('rescan outcome', { outcome: name, verdictsMoved: moved });
    if (retry) {
      metrics.messageFailed(true);
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  metrics.publish();
  return { batchItemFailures };
}
