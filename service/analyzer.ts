import { AnalyzerPool, inlineAnalyzer, type DocumentAnalyzer } from '../lib/runner/index.js';
import type { HandlerConfig } from './config.js';

/** Set by the bundler (infra/bundling.ts): the running file is the whole handler bundle. */
const BUNDLED = (globalThis as { CLAUSEWATCH_BUNDLE?: boolean }).CLAUSEWATCH_BUNDLE === true;

/**
 * Who parses documents for a function: a one-worker pool, or the calling thread with
 * ANALYZER_ISOLATION=inline. In a bundle the worker runs the handler's own file (`moduleUrl`,
 * which imports the worker module); from sources or dist/ it runs lib/runner/analyze-worker.
 */
export function createAnalyzer(config: Pick<HandlerConfig, 'ANALYZER_ISOLATION' | 'WORKER_MEMORY_MB'>, moduleUrl: string): DocumentAnalyzer {
  if (config.ANALYZER_ISOLATION === 'inline') return inlineAnalyzer;
  return new AnalyzerPool({ size: 1, memoryMb: config.WORKER_MEMORY_MB, ...(BUNDLED ? { workerUrl: new URL(moduleUrl) } : {}) });
}
