import type { S3Client } from '@aws-sdk/client-s3';
import type { StorageLayout } from '../lib/s3-events.js';
import { type HandlerConfig, loadConfig, metricsEnabled } from './config.js';
import { createLogger, type Logger } from './logger.js';
import { createPipelineMetrics, NO_METRICS, type PipelineMetrics } from './metrics.js';
import { createS3Client } from './storage.js';

/** What every function builds once at cold start: its validated configuration, logger, metrics, S3 client and bucket layout. */
export interface FunctionContext {
  config: HandlerConfig;
  logger: Logger;
  metrics: PipelineMetrics;
  s3: S3Client;
  layout: StorageLayout;
}

/** The cold-start setup of a function named `service` (its logs' and metrics' service name); a bad environment fails here. */
export function createFunctionContext(environment: NodeJS.ProcessEnv, service: string): FunctionContext {
  const config = loadConfig(environment);
  return {
    config,
    logger: createLogger(config.LOG_LEVEL, service),
    metrics: metricsEnabled(config) ? createPipelineMetrics(service) : NO_METRICS,
    s3: createS3Client(config),
    layout: { contractsPrefix: config.CONTRACTS_PREFIX, reportsPrefix: config.REPORTS_PREFIX, portfolioRowsPrefix: config.PORTFOLIO_ROWS_PREFIX },
  };
}
