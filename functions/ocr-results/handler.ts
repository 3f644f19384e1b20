// The bundle is also the analyzer worker's module: this import starts serving when loaded in a worker.
import '../../lib/runner/analyze-worker.js';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { AnalyzeHandlerDeps, BatchHandler } from '../analyze/handler.js';
import { analyzeFinishedOcr } from '../../service/analyze-upload.js';
import { createAnalyzer } from '../../service/analyzer.js';
import { handleObjectBatch } from '../../service/batch.js';
import { loadConfig, metricsEnabled } from '../../service/config.js';
import { LibraryCache } from '../../service/library-cache.js';
import { createLogger } from '../../service/logger.js';
import { createPipelineMetrics, NO_METRICS } from '../../service/metrics.js';
import { writeReportOnce } from '../../service/report-store.js';
import { reportRenderings } from '../../service/renderings.js';
import { createS3Client } from '../../service/storage.js';
import { createTextractClient, deleteOcrJob, resolveOcrCompletion } from '../../service/textract.js';

/**
 * The OCR-results handler: each Amazon Textract completion notice ends the wait of one scanned
 * upload. Its report is written with the upload's own event order (a newer upload's report is
 * never replaced), then the job's record goes, so a repeated notice finds nothing to do.
 */
export function createOcrResultsHandler(environment: NodeJS.ProcessEnv, deps: AnalyzeHandlerDeps = {}): BatchHandler {
  const config = loadConfig(environment);
  const analyzer = deps.analyzer ?? createAnalyzer(config, import.meta.url);
  const logger = createLogger(config.LOG_LEVEL, 'clausewatch-ocr-results');
  const metrics = metricsEnabled(config) ? createPipelineMetrics('clausewatch-ocr-results') : NO_METRICS;
  const s3 = createS3Client(config);
  const textract = deps.textract ?? createTextractClient(config);
  const libraries = new LibraryCache(s3, config.LIBRARY_KEY, config.LIBRARY_CACHE_SECONDS);
  const layout = { contractsPrefix: config.CONTRACTS_PREFIX, reportsPrefix: config.REPORTS_PREFIX };
  return (event, context) => {
    const remainingMs = () => context?.getRemainingTimeInMillis() ?? Number.POSITIVE_INFINITY;
    return handleObjectBatch(
      event,
      layout,
      logger,
      resolveOcrCompletion(s3, config.OCR_JOBS_PREFIX),
      async (target, _log, finished) => {
        const library = await libraries.get(target.ref.bucket);
        const outcome = await writeReportOnce(
          s3,
          target,
          (name) => analyzeFinishedOcr(finished, name, { s3, config, library, analyzer, textract, now: () => new Date(), remainingMs }),
          (report) => reportRenderings(report, 'library' in library ? library.library : null),
        );
        await deleteOcrJob(s3, target.ref.bucket, config.OCR_JOBS_PREFIX, finished.job.jobId);
        return outcome;
      },
      metrics,
    );
  };
}

let configured: BatchHandler | undefined;

/** SQS batch of Amazon Textract completion notices → the report of each scanned upload. */
export function handler(event: SQSEvent, context?: Pick<Context, 'getRemainingTimeInMillis'>): Promise<SQSBatchResponse> {
  // Built on the first event of an execution environment (the cold start), validating the configuration.
  configured ??= createOcrResultsHandler(process.env);
  return configured(event, context);
}
