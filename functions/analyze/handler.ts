// The bundle is also the analyzer worker's module: this import starts serving when loaded in a worker
// (and loads the parsers only there: the handler's own thread never needs them).
import '../../lib/runner/analyze-worker.js';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { DocumentAnalyzer } from '../../lib/runner/index.js';
import { createAnalyzer } from '../../service/analyzer.js';
import { handleS3Batch } from '../../service/batch.js';
import { createFunctionContext } from '../../service/function-context.js';
import { LibraryCache } from '../../service/library-cache.js';
import { writeReportOnce } from '../../service/report-store.js';
import { reportRenderings } from '../../service/renderings.js';
import { analyzeUpload } from '../../service/analyze-upload.js';
import { createTextractClient, type TextractApi } from '../../service/textract.js';
import { handleRescanBatch, isRescanRecord } from '../../service/rescan-batch.js';

export type BatchHandler = (event: SQSEvent, context?: Pick<Context, 'getRemainingTimeInMillis'>) => Promise<SQSBatchResponse>;

export interface AnalyzeHandlerDeps {
  /** Who parses documents; by default a one-worker pool (or the calling thread with ANALYZER_ISOLATION=inline). */
  analyzer?: DocumentAnalyzer;
  /** Amazon Textract (OCR=textract); the SDK client by default. */
  textract?: TextractApi;
}

/**
 * The analyze handler for an environment: configuration is validated once, and the S3 client,
 * the library cache and the analyzer worker live as long as the handler (a Lambda execution
 * environment).
 */
export function createAnalyzeHandler(environment: NodeJS.ProcessEnv, deps: AnalyzeHandlerDeps = {}): BatchHandler {
  const { config, logger, metrics, s3, layout } = createFunctionContext(environment, 'clausewatch-analyze');
  const analyzer = deps.analyzer ?? createAnalyzer(config, import.meta.url);
  const libraries = new LibraryCache(s3, config.LIBRARY_KEY, config.LIBRARY_CACHE_SECONDS);
  const textract = config.OCR === 'textract' ? (deps.textract ?? createTextractClient(config)) : null;
  return async (event, context) => {
    const remainingMs = () => context?.getRemainingTimeInMillis() ?? Number.POSITIVE_INFINITY;
    // Rescan messages share the queue with S3 notifications (and its concurrency limits).
    const rescans = event.Records.filter(isRescanRecord);
    const uploads = rescans.length === 0 ? event : { Records: event.Records.filter((record) => !rescans.includes(record)) };
    const uploaded = await handleS3Batch(
      uploads,
      layout,
      logger,
      async (target) => {
        const { ref } = target;
        const library = await libraries.get(ref.bucket);
        return writeReportOnce(
          s3,
          target,
          (name) => analyzeUpload(ref, name, { s3, config, library, analyzer, textract, now: () => new Date(), remainingMs }),
          (report) => reportRenderings(report, 'library' in library ? library.library : null),
        );
      },
      metrics,
    );
    if (rescans.length === 0) return uploaded;
    const rescanned = await handleRescanBatch(rescans, { s3, config, layout, libraries, analyzer, logger, metrics, remainingMs, textract });
    return { batchItemFailures: [...uploaded.batchItemFailures, ...rescanned.batchItemFailures] };
  };
}

let configured: BatchHandler | undefined;

/** SQS batch of S3 ObjectCreated notifications → one report per uploaded contract (or, for a scan with OCR=textract, an OCR job); rescan messages → a new report where the old one is stale. */
export function handler(event: SQSEvent, context?: Pick<Context, 'getRemainingTimeInMillis'>): Promise<SQSBatchResponse> {
  // Built on the first event of an execution environment (the cold start), validating the configuration.
  configured ??= createAnalyzeHandler(process.env);
  return configured(event, context);
}
