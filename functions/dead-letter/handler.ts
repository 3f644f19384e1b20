import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { ClausewatchError } from '../../lib/errors.js';
import { loadDefaultLibrary } from '../../lib/library/load.js';
import type { S3ObjectRef } from '../../lib/s3-events.js';
import type { BatchHandler } from '../analyze/handler.js';
import { rejectObject } from '../../service/analyze-object.js';
import { handleObjectBatch, resolveS3Notification, type ResolvedMessage } from '../../service/batch.js';
import { createFunctionContext } from '../../service/function-context.js';
import { writeReportOnce } from '../../service/report-store.js';
import { reportRenderings } from '../../service/renderings.js';
import { deleteOcrJob, resolveOcrCompletion } from '../../service/textract.js';

export const INTERNAL_FAILURE_MESSAGE =
  'clausewatch could not analyze this document: the analysis failed on every attempt (it ran out of time or memory, or the service failed). The operations team is alerted; upload the file again to retry.';

/**
 * Messages that exhausted their retries, from the analyze queue (S3 notifications) or the
 * OCR-results queue (Textract completion notices): each upload gets an `internal` error report,
 * so even an infrastructure failure leaves a report (unless a report of the same or a newer
 * upload exists), and a finished OCR job's record goes with it.
 */
export function createDeadLetterHandler(environment: NodeJS.ProcessEnv): BatchHandler {
  const { config, logger, metrics, s3, layout } = createFunctionContext(environment, 'clausewatch-dead-letter');
  const library = { library: loadDefaultLibrary(), source: 'built-in' };
  const resolveOcr = resolveOcrCompletion(s3, config.OCR_JOBS_PREFIX);
  const resolve = async (body: string): Promise<ResolvedMessage<{ ref: S3ObjectRef; job?: { jobId: string } }>> => {
    const upload = await resolveS3Notification(body);
    if (upload.kind !== 'invalid') return upload;
    const completion = await resolveOcr(body);
    return completion.kind === 'invalid' ? { kind: 'invalid', reason: 'neither an S3 notification nor an OCR job completion notice' } : completion;
  };
  return (event) =>
    handleObjectBatch(
      event,
      layout,
      logger,
      resolve,
      async ({ ref, address }, _log, item) => {
        const outcome = await writeReportOnce(
          s3,
          { ref, address },
          (name) =>
            rejectObject(ref, name, new ClausewatchError('internal', INTERNAL_FAILURE_MESSAGE), {
              s3,
              now: () => new Date(),
              maxBytes: config.MAX_BYTES,
              library,
            }),
          reportRenderings,
        );
        if (item.job) await deleteOcrJob(s3, ref.bucket, config.OCR_JOBS_PREFIX, item.job.jobId);
        return outcome;
      },
      metrics,
    );
}

let configured: BatchHandler | undefined;

export function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  // Built on the first event of an execution environment (the cold start), validating the configuration.
  configured ??= createDeadLetterHandler(process.env);
  return configured(event);
}
