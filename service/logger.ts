import { Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';

/*
 * Structured JSON logs through Powertools for AWS Lambda's Logger (with the function's name, cold
 * start and request fields in Lambda). Callers log identifiers and figures only: contract text
 * never goes to a log, and nothing here adds the event or the document to a line.
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger that adds these fields to every line (a message's or an object's identifiers). */
  child(fields: LogFields): Logger;
}

function defined(fields: LogFields = {}): Record<string, string | number | boolean | null> {
  return Object.fromEntries(Object.entries(fields).filter((entry): entry is [string, string | number | boolean | null] => entry[1] !== undefined));
}

function wrap(logger: PowertoolsLogger): Logger {
  return {
    debug: (message, fields) => logger.debug(message, defined(fields)),
    info: (message, fields) => logger.info(message, defined(fields)),
    warn: (message, fields) => logger.warn(message, defined(fields)),
    error: (message, fields) => logger.error(message, defined(fields)),
    child: (fields) => wrap(logger.createChild({ persistentKeys: defined(fields) })),
  };
}

export function createLogger(level: LogLevel, serviceName: string): Logger {
  return wrap(new PowertoolsLogger({ serviceName, logLevel: level.toUpperCase() as Uppercase<LogLevel> }));
}

/** An error's name, code and message for a log line (S3 messages name keys and codes, never content). */
export function errorFields(error: unknown): LogFields {
  if (!(error instanceof Error)) return { error: String(error) };
  const code = (error as { code?: unknown }).code;
  return { error: error.name, errorMessage: error.message, ...(typeof code === 'string' ? { errorCode: code } : {}) };
}
