import './pdfjs-runtime.js';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { handleS3Batch } from '../shared/batch.js';
import { loadConfig } from '../shared/config.js';
import { LibraryCache } from '../shared/library-cache.js';
import { createLogger } from '../shared/logger.js';
import { writeReportOnce } from '../shared/report-store.js';
import { createS3Client } from '../shared/storage.js';
import { analyzeObject } from './analyze-object.js';

export type BatchHandler = (event: SQSEvent) => Promise<SQSBatchResponse>;

/**
 * The analyze handler for an environment: configuration is validated once, and the S3 client and
 * the library cache live as long as the handler (a Lambda execution environment).
 */
export function createAnalyzeHandler(environment: NodeJS.ProcessEnv): BatchHandler {
  const config = loadConfig(environment);
  const logger = createLogger(config.LOG_LEVEL, { service: 'clausewatch-analyze' });
  const s3 = createS3Client(config);
  const libraries = new LibraryCache(s3, config.LIBRARY_KEY, config.LIBRARY_CACHE_SECONDS);
  const layout = { contractsPrefix: config.CONTRACTS_PREFIX, reportsPrefix: config.REPORTS_PREFIX };
  return (event) =>
    handleS3Batch(event, logger, async (ref) => {
      const library = await libraries.get(ref.bucket);
      return writeReportOnce(s3, ref, layout, (name) => analyzeObject(ref, name, { s3, config, library, now: () => new Date() }));
    });
}

let configured: BatchHandler | undefined;

/** SQS batch of S3 ObjectCreated notifications → one report per uploaded contract. */
export function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  // Built on the first event of an execution environment (the cold start), validating the configuration.
  configured ??= createAnalyzeHandler(process.env);
  return configured(event);
}
