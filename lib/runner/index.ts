import type { Report } from '../report/schema.js';
import type { PoolAnalyzeOptions } from './pool.js';

export { AnalyzerPool, type AnalyzerPoolOptions, type PoolAnalyzeOptions } from './pool.js';

/** Something that turns bytes into a report: the worker pool, or the analyzer on this thread. */
export interface DocumentAnalyzer {
  analyze(bytes: Uint8Array, options: PoolAnalyzeOptions): Promise<Report>;
  close(): Promise<void>;
}

/**
 * The analyzer on the calling thread, without containment: for tests and callers that accept
 * that a runaway document blocks them. The deadline is not enforced.
 */
export const inlineAnalyzer: DocumentAnalyzer = {
  async analyze(bytes, { timeoutMs: _timeout, ...options }) {
    const { analyzeDocument } = await import('../analyze.js');
    return (await analyzeDocument(bytes, options)).report;
  },
  async close() {},
};
