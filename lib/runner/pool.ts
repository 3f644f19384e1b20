import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { rejectionReport, type AnalyzeOptions } from '../report/build.js';
import { ClausewatchError } from '../errors.js';
import type { Report } from '../report/schema.js';
import { SharedInputCache, sharedInputRefs, splitSharedInputs, WORKER_MARKER, type AnalyzeJob, type SharedInputs, type WorkerMessage } from './protocol.js';

export interface AnalyzerPoolOptions {
  /** Worker threads; each parses one document at a time. */
  size: number;
  /** Heap cap of each worker: a document that needs more is stopped and reported. */
  memoryMb: number;
  /**
   * The module a worker runs: by default the analyzer worker next to this file. A single-file
   * bundle (the Lambda) passes its own URL, since it contains the worker too.
   */
  workerUrl?: URL;
  /** Load pdf.js and run the analyzer once in each new worker before it takes work (default true). */
  warmUp?: boolean;
  /** Keep one warm worker beyond `size` to replace a stopped one at once (default true). */
  standby?: boolean;
}

export type PoolAnalyzeOptions = Omit<AnalyzeOptions, 'now' | 'clock'> & {
  /** Wall-clock budget for this document; past it the worker is stopped and the report says `timeout`. */
  timeoutMs: number;
  now?: () => Date;
};

/** The shape shared with the inline analyzer (see ./index.ts). */
interface DocumentAnalyzerLike {
  analyze(bytes: Uint8Array, options: PoolAnalyzeOptions): Promise<Report>;
  close(): Promise<void>;
}

interface Slot {
  worker: Worker;
  ready: Promise<void>;
  busy: boolean;
  /** Set when the worker exited before it could take work. */
  failedToStart: Error | null;
  /** The id of the job it is running. */
  job: number | null;
  /** The shared inputs (library, watchlist, model) this worker has been sent and still holds. */
  sent: SharedInputCache;
}

/** Workers that die while starting this many times in a row mean the pool cannot work (a memory cap too small to load the reader). */
const MAX_START_FAILURES = 3;

interface PendingJob {
  job: AnalyzeJob;
  /** Sent with the job only to a worker that does not hold them yet. */
  shared: SharedInputs;
  /** The caller's bytes, kept for the facts of a report when the worker fails (the job's copy is transferred). */
  original: Uint8Array;
  options: PoolAnalyzeOptions;
  resolve: (report: Report) => void;
}

function defaultWorkerUrl(): { url: URL; eval?: string } {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    // Running from TypeScript sources (tests, tsx): the worker registers tsx before loading its module.
    const tsxRoot = path.dirname(createRequire(here).resolve('tsx/package.json'));
    const tsx = pathToFileURL(path.join(tsxRoot, 'dist/esm/api/index.mjs')).href;
    const target = new URL('./analyze-worker.ts', here).href;
    return { url: new URL(target), eval: `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(target)}); });` };
  }
  return { url: new URL('./analyze-worker.js', here) };
}

/**
 * Worker threads that parse documents with a deadline and a memory cap each. A runaway parse
 * (an endless loop, a memory blow-up) is stopped and reported as `timeout` or `too_large`, its
 * worker is replaced in the background, and the next document goes on. Threads also let a batch
 * use every core: pdf.js parses on the thread that calls it.
 */
export class AnalyzerPool implements DocumentAnalyzerLike {
  private readonly slots: Slot[] = [];
  private readonly queue: PendingJob[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: AnalyzerPoolOptions) {
    // One worker more than the concurrency: when a runaway document's worker is stopped, the
    // standby takes the next document while the replacement warms up off the critical path.
    const workers = Math.max(1, options.size) + (options.standby === false ? 0 : 1);
    for (let index = 0; index < workers; index++) this.slots.push(this.spawn());
  }

  private get concurrency(): number {
    return Math.max(1, this.options.size);
  }

  private get running(): number {
    return this.slots.filter((slot) => slot.busy && slot.job !== null).length;
  }

  static defaultSize(): number {
    return Math.max(1, availableParallelism());
  }

  /** Resolves when every worker has loaded and warmed up. */
  async ready(): Promise<void> {
    await Promise.all(this.slots.map((slot) => slot.ready));
  }

  analyze(bytes: Uint8Array, options: PoolAnalyzeOptions): Promise<Report> {
    if (this.closed) return Promise.reject(new Error('the analyzer pool is closed'));
    const { timeoutMs: _timeout, now, ...withShared } = options;
    const { shared, rest } = splitSharedInputs(withShared);
    // The worker gets its own copy of the bytes (transferred, not cloned).
    const copy = new Uint8Array(bytes);
    const job: AnalyzeJob = {
      type: 'analyze',
      id: this.nextId++,
      bytes: copy,
      options: { ...rest, analyzedAt: (now ?? (() => new Date()))().toISOString() },
      shared: {},
    };
    return new Promise<Report>((resolve) => {
      this.queue.push({ job, shared, original: bytes, options, resolve });
      if (this.broken) this.failQueued(this.broken);
      else this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }

  private spawn(): Slot {
    const target = this.options.workerUrl ? { url: this.options.workerUrl } : defaultWorkerUrl();
    const workerOptions = {
      workerData: { role: WORKER_MARKER, warmUp: this.options.warmUp ?? true },
      resourceLimits: { maxOldGenerationSizeMb: this.options.memoryMb },
      stdout: false,
      stderr: false,
    };
    const worker = target.eval ? new Worker(target.eval, { ...workerOptions, eval: true }) : new Worker(target.url, workerOptions);
    const slot: Slot = { worker, busy: true, ready: Promise.resolve(), failedToStart: null, job: null, sent: new SharedInputCache() };
    // Errors of a running job are handled by that job; this keeps any other from crashing the process.
    let lastError: Error | null = null;
    worker.on('error', (error) => {
      lastError = error;
    });
    slot.ready = new Promise<void>((resolve) => {
      const onMessage = (message: WorkerMessage) => {
        if (message.type !== 'ready') return;
        worker.off('message', onMessage);
        worker.off('exit', onEarlyExit);
        this.startFailures = 0;
        slot.busy = false;
        // An idle worker does not keep the process alive (a command ends when its work does).
        worker.unref();
        resolve();
        this.dispatch();
      };
      const onEarlyExit = (code: number) => {
        worker.off('message', onMessage);
        slot.failedToStart = lastError ?? new Error(`exit code ${code}`);
        this.startFailures++;
        resolve();
        if (!this.closed) this.recover(slot);
      };
      worker.on('message', onMessage);
      worker.once('exit', onEarlyExit);
    });
    return slot;
  }

  private startFailures = 0;

  /** Replaces a worker that could not start; after repeated failures, fails the waiting jobs instead of looping. */
  private recover(slot: Slot): void {
    if (this.startFailures < MAX_START_FAILURES) {
      this.replace(slot);
      return;
    }
    this.broken = slot.failedToStart?.message ?? 'unknown';
    this.failQueued(this.broken);
  }

  /** Set once workers keep failing to start: every job then gets an `internal` error report at once. */
  private broken: string | null = null;

  private failQueued(reason: string): void {
    for (const pending of this.queue.splice(0)) {
      const error = new ClausewatchError('internal', `The document reader could not start (${reason}); check the memory limit.`);
      pending.resolve(
        rejectionReport({ name: pending.options.name, bytes: pending.original.length, content: pending.original }, error, {
          ...pending.options,
          now: () => new Date(pending.job.options.analyzedAt),
        }),
      );
    }
  }

  private replace(slot: Slot): void {
    const index = this.slots.indexOf(slot);
    if (index === -1 || this.closed) return;
    void slot.worker.terminate();
    this.slots[index] = this.spawn();
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0 || this.running >= this.concurrency) return;
      if (slot.busy) continue;
      const pending = this.queue.shift()!;
      this.run(slot, pending);
    }
  }

  private run(slot: Slot, pending: PendingJob): void {
    slot.busy = true;
    slot.worker.ref();
    slot.job = pending.job.id;
    const { job, options } = pending;
    let settled = false;
    const facts = { name: options.name, bytes: pending.original.length, content: pending.original };
    const finish = (report: Report, healthy: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      slot.worker.off('message', onMessage);
      slot.worker.off('error', onError);
      slot.worker.off('exit', onExit);
      pending.resolve(report);
      slot.job = null;
      if (healthy) {
        slot.busy = false;
        slot.worker.unref();
      } else {
        this.replace(slot);
      }
      this.dispatch();
    };
    const fail = (error: ClausewatchError) => finish(rejectionReport(facts, error, { ...options, now: () => new Date(job.options.analyzedAt) }), false);
    const onMessage = (message: WorkerMessage) => {
      if (message.type === 'done' && message.id === job.id) finish(message.report, true);
    };
    const onError = (error: Error & { code?: string }) => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        fail(
          new ClausewatchError(
            'too_large',
            `Reading the document needed more than the ${this.options.memoryMb} MB of memory allowed per document; it may be damaged or built to exhaust readers.`,
            { cause: error },
          ),
        );
      } else {
        fail(new ClausewatchError('internal', `The document reader failed: ${error.message}`, { cause: error }));
      }
    };
    const onExit = (code: number) => fail(new ClausewatchError('internal', `The document reader stopped unexpectedly (exit code ${code}).`));
    const timer = setTimeout(() => {
      fail(
        new ClausewatchError(
          'timeout',
          `Reading the document took longer than the limit of ${(options.timeoutMs / 1000).toFixed(0)} s and was stopped; it may be damaged or unusually complex.`,
        ),
      );
    }, options.timeoutMs);
    slot.worker.on('message', onMessage);
    slot.worker.once('error', onError);
    slot.worker.once('exit', onExit);
    job.shared = sharedInputRefs(pending.shared, slot.sent);
    slot.worker.postMessage(job, [job.bytes.buffer as ArrayBuffer]);
  }
}
