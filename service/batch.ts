import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { parseS3Notification, reportAddress, type StorageLayout } from '../lib/s3-events.js';
import { errorFields, type Logger } from './logger.js';
import { NO_METRICS, type PipelineMetrics } from './metrics.js';
import type { Outcome, ReportTarget } from './report-store.js';
import { isTransient } from './storage.js';

/**
 * Runs `handle` for every object of every S3 notification in an SQS batch, with the address of its
 * report worked out once here. A message fails (and SQS delivers it again, then to the dead-letter
 * queue) only when handling throws; test events, malformed messages and objects outside the
 * contracts prefix are logged and dropped, since retrying cannot change them.
 */
export async function handleS3Batch(
  event: SQSEvent,
  layout: StorageLayout,
  logger: Logger,
  handle: (target: ReportTarget, log: Logger) => Promise<Outcome>,
  metrics: PipelineMetrics = NO_METRICS,
): Promise<SQSBatchResponse> {
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const message of event.Records) {
    const log = logger.child({ messageId: message.messageId, receiveCount: Number(message.attributes?.ApproximateReceiveCount ?? 1) });
    const parsed = parseS3Notification(message.body);
    if (parsed.kind === 'test-event') {
      log.info('ignored S3 test event');
      continue;
    }
    if (parsed.kind === 'invalid') {
      log.error('dropped a message that is not an S3 notification', { reason: parsed.reason });
      continue;
    }
    try {
      for (const ref of parsed.objects) {
        const objectLog = log.child({ bucket: ref.bucket, key: ref.key, sequencer: ref.sequencer, versionId: ref.versionId });
        const address = reportAddress(ref.key, layout);
        const outcome: Outcome = address ? await handle({ ref, address }, objectLog) : { outcome: 'skipped', reason: 'outside-prefix', reportKey: null };
        if (outcome.outcome === 'written') {
          objectLog.info('report written', { reportKey: outcome.reportKey, status: outcome.status, code: outcome.code });
          metrics.reportWritten(outcome.report);
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
