import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { rejectionReport } from '../../lib/report/build.js';
import { ClausewatchError } from '../../lib/errors.js';
import { loadDefaultLibrary } from '../../lib/library/load.js';
import type { BatchHandler } from '../analyze/handler.js';
import { handleS3Batch } from '../../service/batch.js';
import { loadConfig, metricsEnabled } from '../../service/config.js';
import { createLogger } from '../../service/logger.js';
import { createPipelineMetrics, NO_METRICS } from '../../service/metrics.js';
import { writeReportOnce } from '../../service/report-store.js';
import { reportRenderings } from '../../service/renderings.js';
import { createS3Client, getObject, headObject } from '../../service/storage.js';

export const INTERNAL_FAILURE_MESSAGE =
  'clausewatch could not analyze this document: the analysis failed on every attempt (it ran out of time or memory, or the service failed). The operations team is alerted; upload the file again to retry.';

/**
 * Messages that exhausted their retries: each object gets an `internal` error report, so even an
 * infrastructure failure leaves a report (unless a report of the same or a newer upload exists).
 */
export function createDeadLetterHandler(environment: NodeJS.ProcessEnv): BatchHandler {
  const config = loadConfig(environment);
  const logger = createLogger(config.LOG_LEVEL, 'clausewatch-dead-letter');
  const metrics = metricsEnabled(config) ? createPipelineMetrics('clausewatch-dead-letter') : NO_METRICS;
  const s3 = createS3Client(config);
  const layout = { contractsPrefix: config.CONTRACTS_PREFIX, reportsPrefix: config.REPORTS_PREFIX };
  return (event) =>
    handleS3Batch(
      event,
      layout,
      logger,
      ({ ref, address }) =>
        writeReportOnce(
          s3,
          { ref, address },
          async (name) => {
            const head = await headObject(s3, ref.bucket, ref.key);
            if (!head) return null;
            // Hash and type the bytes when they are small enough to fetch; otherwise report the size alone.
            const object = head.size <= config.MAX_BYTES ? await getObject(s3, ref.bucket, ref.key) : null;
            const library = loadDefaultLibrary();
            return rejectionReport({ name, bytes: head.size, content: object?.bytes ?? null }, new ClausewatchError('internal', INTERNAL_FAILURE_MESSAGE), {
              library,
              librarySource: 'built-in',
              now: () => new Date(),
              source: { bucket: ref.bucket, key: ref.key, versionId: head.versionId ?? ref.versionId, eTag: head.eTag ?? ref.eTag, sequencer: ref.sequencer },
            });
          },
          reportRenderings,
        ),
      metrics,
    );
}

let configured: BatchHandler | undefined;

export function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  // Built on the first event of an execution environment (the cold start), validating the configuration.
  configured ??= createDeadLetterHandler(process.env);
  return configured(event);
}
