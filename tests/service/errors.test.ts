import { describe, expect, it } from 'vitest';
import { documentDeadline } from '../../service/analyze-object.js';
import { loadConfig } from '../../service/config.js';
import { ConfigurationError, isRetryable, OutOfTimeError } from '../../service/errors.js';
import { isTransient } from '../../service/storage.js';

describe('service errors', () => {
  it('retries a document that gets too little of the invocation, by the error class, not its name', () => {
    const config = { DOCUMENT_TIMEOUT_SECONDS: 120, TIME_MARGIN_SECONDS: 10 };
    expect(documentDeadline(config, 600_000)).toBe(120_000);
    expect(documentDeadline(config, 40_000)).toBe(30_000);
    let thrown: unknown;
    try {
      documentDeadline(config, 12_000);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(OutOfTimeError);
    expect((thrown as Error).name).toBe('OutOfTimeError');
    expect(isRetryable(thrown)).toBe(true);
    expect(isTransient(thrown)).toBe(true);
  });

  it('names a bad configuration with a ConfigurationError that no retry mends, keeping the zod error as its cause', () => {
    let thrown: unknown;
    try {
      loadConfig({ MAX_BYTES: '-5', CONTRACTS_PREFIX: 'contracts' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigurationError);
    expect((thrown as Error).message).toMatch(/CONTRACTS_PREFIX: must end with "\/"/);
    expect((thrown as Error).message).toMatch(/MAX_BYTES/);
    expect((thrown as Error).cause).toBeDefined();
    expect(isTransient(thrown)).toBe(false);
  });

  it('treats the SDK and the network as transient when they say so, and a missing object or a plain bug as not', () => {
    expect(isTransient(Object.assign(new Error('slow down'), { name: 'SlowDown' }))).toBe(true);
    expect(isTransient(Object.assign(new Error('x'), { $retryable: { throttling: true } }))).toBe(true);
    expect(isTransient(Object.assign(new Error('x'), { $metadata: { httpStatusCode: 503 } }))).toBe(true);
    expect(isTransient(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isTransient(Object.assign(new Error('no such key'), { name: 'NoSuchKey', $metadata: { httpStatusCode: 404 } }))).toBe(false);
    expect(isTransient(new TypeError('undefined is not a function'))).toBe(false);
    expect(isTransient(null)).toBe(false);
  });
});
