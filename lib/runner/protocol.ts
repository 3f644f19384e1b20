import type { AnalyzeOptions } from '../report/build.js';
import type { Report } from '../report/schema.js';

/** workerData that marks a thread as an analyzer worker (the same file may be a Lambda bundle). */
export const WORKER_MARKER = 'clausewatch-analyzer';

/**
 * The large inputs that stay the same from one document to the next: the clause library, the
 * watchlist and the sentence model. A worker is sent each one once and keeps it, so its compiled
 * patterns are reused: cloning and recompiling them for every document cost more than analysing
 * a short contract.
 */
export type SharedInputs = Pick<AnalyzeOptions, 'library' | 'watchlist' | 'model'>;
export type SharedInputName = keyof SharedInputs;
const SHARED_INPUTS: readonly SharedInputName[] = ['library', 'watchlist', 'model'];

/** Per shared input: the key it is known by, and its value when the worker has not had it yet. */
export type SharedInputRefs = Partial<Record<SharedInputName, { key: string; value?: unknown }>>;

export interface AnalyzeJob {
  type: 'analyze';
  id: number;
  bytes: Uint8Array;
  options: Omit<AnalyzeOptions, 'now' | 'clock' | SharedInputName> & { analyzedAt: string };
  shared: SharedInputRefs;
}

export type WorkerMessage = { type: 'ready' } | { type: 'done'; id: number; report: Report };

/** How many shared values a worker keeps; the oldest goes first (a process normally has one library). */
export const SHARED_INPUT_CAPACITY = 8;

/**
 * The shared values one worker holds, mirrored on both sides of the thread boundary: the pool
 * records what it sent, the worker what it received, and both forget the oldest in the same
 * order, so a key the pool sends without its value is always one the worker still has.
 */
export class SharedInputCache {
  private readonly values = new Map<string, unknown>();

  has(key: string): boolean {
    return this.values.has(key);
  }

  get(key: string): unknown {
    return this.values.get(key);
  }

  add(key: string, value: unknown): void {
    this.values.delete(key);
    this.values.set(key, value);
    while (this.values.size > SHARED_INPUT_CAPACITY) this.values.delete(this.values.keys().next().value!);
  }
}

const keys = new WeakMap<object, string>();
let nextKey = 1;

/** A key for a shared value: the same object always gets the same key. */
function keyOf(value: object): string {
  let key = keys.get(value);
  if (key === undefined) {
    key = `shared-${nextKey++}`;
    keys.set(value, key);
  }
  return key;
}

/** Splits the shared inputs off a job's options (the rest is cloned with every job). */
export function splitSharedInputs<T extends SharedInputs>(options: T): { shared: SharedInputs; rest: Omit<T, SharedInputName> } {
  const { library, watchlist, model, ...rest } = options;
  return { shared: { library, watchlist, model }, rest };
}

/** The references to send to one worker: a value goes along only the first time that worker needs it. */
export function sharedInputRefs(shared: SharedInputs, sent: SharedInputCache): SharedInputRefs {
  const refs: SharedInputRefs = {};
  for (const name of SHARED_INPUTS) {
    const value = shared[name];
    if (value === undefined) continue;
    // null (the model turned off) is not an object to key: it is sent as it is.
    if (value === null) {
      refs[name] = { key: 'null', value: null };
      continue;
    }
    const key = keyOf(value);
    if (sent.has(key)) refs[name] = { key };
    else {
      sent.add(key, true);
      refs[name] = { key, value };
    }
  }
  return refs;
}

/** The worker's side: the shared inputs of a job, from the values it was sent now or before. */
export function resolveSharedInputs(refs: SharedInputRefs, held: SharedInputCache): SharedInputs {
  const inputs: Record<string, unknown> = {};
  for (const name of SHARED_INPUTS) {
    const ref = refs[name];
    if (!ref) continue;
    if (ref.key === 'null') {
      inputs[name] = null;
      continue;
    }
    if ('value' in ref) held.add(ref.key, ref.value);
    else if (!held.has(ref.key)) throw new Error(`the worker no longer holds the ${name} it was sent`);
    inputs[name] = held.get(ref.key);
  }
  return inputs as SharedInputs;
}
