/*
 * Failures of the service around the analysis, told apart by class rather than by name: whether
 * another attempt can succeed is a property of the error (`retryable`), not of its spelling.
 * Failures of the analysis itself are `ClausewatchError`s (lib/errors.ts) and end in an error report.
 */

/** A failure another attempt can get past (too little time left, storage throttled): the message goes back to the queue. */
export class RetryableError extends Error {
  readonly retryable = true;
  override readonly name: string = 'RetryableError';
}

/** Too little time left in the invocation to give a document a fair chance. */
export class OutOfTimeError extends RetryableError {
  override readonly name = 'OutOfTimeError';
}

/** The functions' environment is invalid: a deployment mistake, named at cold start, that no retry mends. */
export class ConfigurationError extends Error {
  readonly retryable = false;
  override readonly name = 'ConfigurationError';
}

/** Whether an error says of itself that another attempt can succeed. */
export function isRetryable(error: unknown): boolean {
  return (error as { retryable?: unknown } | null)?.retryable === true;
}
