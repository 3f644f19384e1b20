import type { AnalyzeOptions } from '../report/build.js';
import type { Report } from '../report/schema.js';

/** workerData that marks a thread as an analyzer worker (the same file may be a Lambda bundle). */
export const WORKER_MARKER = 'clausewatch-analyzer';

export interface AnalyzeJob {
  type: 'analyze';
  id: number;
  bytes: Uint8Array;
  options: Omit<AnalyzeOptions, 'now' | 'clock'> & { analyzedAt: string };
}

export type WorkerMessage = { type: 'ready' } | { type: 'done'; id: number; report: Report };
