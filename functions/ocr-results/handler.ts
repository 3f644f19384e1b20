// The bundle is also the analyzer worker's module: this import starts serving when loaded in a worker.
import '../../lib/runner/analyze-worker.js';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { AnalyzeHandlerDeps } from '../analyze/handler.js';
import { analyzeFinishedOcr } from '../../service/analyze-upload.js';
import { createAnalyzer } from '../../service/analyzer.js';
import { handleObjectBatch } from '../../service/batch.js';
import { createFunctionContext } from '../../service/function-context.js';
import { LibraryCache } from '../../service/library-cache.js';
import { writeReportOnce } from '../../service/report-store.js';
import { reportRenderings } from '../../service/renderings.js';
import type { Outcome, ReportTarget } from '../../service/report-store.js';
import { createTextractClient, deleteOcrJob, type FinishedOcrJob, overdueOcrJobs, resolveOcrCompletion } from '../../service/textract.js';
import { reportAddress } from '../../lib/s3-events.js';

/** Overdue jobs finished by one run of the schedule; the next run takes the rest. */
const SWEEP_LIMIT = 5;

/** What invokes the function: the results queue, or the hourly schedule (EventBridge). */
export type OcrResultsEvent = SQSEvent | { source?: string; 'detail-type'?: string };
export type OcrResultsHandler = (event: OcrResultsEvent, context?: Pick<Context, 'getRemainingTimeInMillis'>) => Promise<SQSBatchResponse>;

/**
 * The OCR-results handler: each Amazon Textract completion notice ends the wait of one scanned
 * upload. Its report is written with the upload's own event order (a newer upload's report is
 * never replaced), then the job's record goes, so a repeated notice finds nothing to do. Once an
 * hour the schedule checks the jobs whose notice is overdue with Textract itself, so a lost notice
 * cannot leave a scan without a report.
 */
export function createOcrResultsHandler(environment: NodeJS.ProcessEnv, deps: AnalyzeHandlerDeps = {}): OcrResultsHandler {
  const { config, logger, metrics, s3, layout } = createFunctionContext(environment, 'clausewatch-ocr-results');
  const analyzer = deps.analyzer ?? createAnalyzer(config, import.meta.url);
  const textract = deps.textract ?? createTextractClient(config);
  const libraries = new LibraryCache(s3, config.LIBRARY_KEY, config.LIBRARY_CACHE_SECONDS);
  const finish = async (target: ReportTarget, finished: FinishedOcrJob, remainingMs: () => number, reason?: string): Promise<Outcome> => {
    const library = await libraries.get(target.ref.bucket);
    const outcome = await writeReportOnce(
      s3,
      target,
      (name) => analyzeFinishedOcr(finished, name, { s3, config, library, analyzer, textract, now: () => new Date(), remainingMs }, reason),
      (report) => reportRenderings(report, 'library' in library ? library.library : null),
    );
    await deleteOcrJob(s3, target.ref.bucket, config.OCR_JOBS_PREFIX, finished.job.jobId);
    return outcome;
  };
  return async (event, context) => {
    const remainingMs = () => context?.getRemainingTimeInMillis() ?? Number.POSITIVE_INFINITY;
    if (!('Records' in event)) {
      // The hourly schedule: jobs whose notice is overdue are finished here, as their notice would have.
      if (!config.BUCKET_NAME) return { batchItemFailures: [] };
      const overdue = await overdueOcrJobs({ s3, textract, now: () => new Date() }, config.BUCKET_NAME, config.OCR_JOBS_PREFIX, SWEEP_LIMIT);
      for (const finished of overdue) {
        const address = reportAddress(finished.ref.key, layout);
        if (!address) continue;
        const outcome = await finish({ ref: finished.ref, address }, finished, remainingMs, finished.reason ?? undefined);
        logger.info('overdue OCR job finished', { jobId: finished.job.jobId, key: finished.ref.key, outcome: outcome.outcome });
      }
      return { batchItemFailures: [] };
    }
    return handleObjectBatch(
      event,
      layout,
      logger,
      resolveOcrCompletion(s3, config.OCR_JOBS_PREFIX),
      (target, _log, finished) => finish(target, finished, remainingMs),
      metrics,
    );
  };
}

let configured: OcrResultsHandler | undefined;

/** SQS batch of Amazon Textract completion notices → the report of each scanned upload; the schedule → overdue jobs finished. */
export function handler(event: OcrResultsEvent, context?: Pick<Context, 'getRemainingTimeInMillis'>): Promise<SQSBatchResponse> {
  // Built on the first event of an execution environment (the cold start), validating the configuration.
  configured ??= createOcrResultsHandler(process.env);
  return configured(event, context);
}
