import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { parseS3Notification, reportAddress, type S3ObjectRef, type StorageLayout } from '../lib/s3-events.js';
import { errorFields, type Logger } from './logger.js';
import { NO_METRICS, type PipelineMetrics } from './metrics.js';
import type { Outcome, ReportTarget } from './report-store.js';
import { isTransient } from './storage.js';

/** What one SQS message names: uploads (each with what the handler needs of it), or nothing to do. */
export type ResolvedMessage<T extends { ref: S3ObjectRef }> =
  | { kind: 'objects'; objects: T[] }
  | { kind: 'ignored'; reason: string }
  | { kind: 'invalid'; reason: string };

/** An S3 notification's uploads; a test event is ignored. */
export async function resolveS3Notification(body: string): Promise<ResolvedMessage<{ ref: S3ObjectRef }>> {
  const parsed = parseS3Notification(body);
  if (parsed.kind === 'test-event') return { kind: 'ignored', reason: 'S3 test event' };
  if (parsed.kind === 'invalid') return parsed;
  return { kind: 'objects', objects: parsed.objects.map((ref) => ({ ref })) };
}

/**
 * Runs `handle` for every upload named by every message of an SQS batch, with the address of its
 * report worked out once here. A message fails (and SQS delivers it again, then to the dead-letter
 * queue) only when resolving or handling it throws; ignored and malformed messages and objects
 * outside the contracts prefix are logged and dropped, since retrying cannot change them.
 */
export async function handleObjectBatch<T extends { ref: S3ObjectRef }>(
  event: SQSEvent,
  layout: StorageLayout,
  logger: Logger,
  resolve: (body: string) => Promise<ResolvedMessage<T>>,
  handle: (target: ReportTarget, log: Logger, item: T) => Promise<Outcome>,
  metrics: PipelineMetrics = NO_METRICS,
): Promise<SQSBatchResponse> {
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const message of event.Records) {
    const log = logger.child({ messageId: message.messageId, receiveCount: Number(message.attributes?.ApproximateReceiveCount ?? 1) });
    try {
      const resolved = await resolve(message.body);
      if (resolved.kind === 'ignored') {
        log.info('ignored message', { reason: resolved.reason });
        continue;
      }
      if (resolved.kind === 'invalid') {
        log.error('dropped a message that is not a notification this function handles', { reason: resolved.reason });
        continue;
      }
      for (const item of resolved.objects) {
        const { ref } = item;
        const objectLog = log.child({ bucket: ref.bucket, key: ref.key, sequencer: ref.sequencer, versionId: ref.versionId });
        const address = reportAddress(ref.key, layout);
        const outcome: Outcome = address ? await handle({ ref, address }, objectLog, item) : { outcome: 'skipped', reason: 'outside-prefix', reportKey: null };
        if (outcome.outcome === 'written') {
          objectLog.info('report written', { reportKey: outcome.reportKey, status: outcome.status, code: outcome.code });
          metrics.reportWritten(outcome.report);
        } else if (outcome.outcome === 'deferred') {
          objectLog.info('report deferred until OCR finishes', { reportKey: outcome.reportKey, jobId: outcome.jobId });
          metrics.ocrJobStarted();
        } else {
          objectLog.info('event skipped', { reason: outcome.reason, reportKey: outcome.reportKey });
          metrics.eventSkipped(outcome.reason);
        }
      }
    } catch (error) {
      const transient = isTransient(error);
      log.error(transient ? 'transient failure, the message will be retried' : 'failure, the message will be retried', errorFields(error));
      metrics.messageFailed(transient);
      batchItemFailures.push({ itemIdentifier: message.messageId });
    }
  }
  metrics.publish();
  return { batchItemFailures };
}

/** {@link handleObjectBatch} over S3 ObjectCreated notifications. */
export function handleS3Batch(
  event: SQSEvent,
  layout: StorageLayout,
  logger: Logger,
  handle: (target: ReportTarget, log: Logger) => Promise<Outcome>,
  metrics: PipelineMetrics = NO_METRICS,
): Promise<SQSBatchResponse> {
  return handleObjectBatch(event, layout, logger, resolveS3Notification, handle, metrics);
}
