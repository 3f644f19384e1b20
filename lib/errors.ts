import { z } from 'zod';

/** Stable error codes: the same code reaches the report, the log line and the CLI exit status. */
export const ErrorCode = z.enum([
  'unsupported_type',
  'empty',
  'encrypted',
  'corrupt',
  'no_text_layer',
  'too_large',
  'too_many_pages',
  'timeout',
  'ocr_failed',
  'library_invalid',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** An expected failure with a code and a message a reader of the report understands. */
export class ClausewatchError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ClausewatchError';
    this.code = code;
  }
}

export function isClausewatchError(error: unknown): error is ClausewatchError {
  return error instanceof ClausewatchError;
}

/** Any thrown value as a ClausewatchError; unknown failures become `internal`. */
export function toClausewatchError(error: unknown): ClausewatchError {
  if (isClausewatchError(error)) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new ClausewatchError('internal', `Internal error while analyzing the document: ${detail}`, { cause: error });
}
