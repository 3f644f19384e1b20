import { z } from 'zod';
import { describeIssues } from '../lib/library/validate.js';
import { ConfigurationError } from './errors.js';
import { DEFAULT_OCR, type OcrSettings } from '../lib/extract/ocr.js';
import { DEFAULT_LIMITS } from '../lib/report/build.js';

/** The handlers' environment, validated once at cold start; a bad value fails the start with its name. */
export const HandlerEnvironment = z
  .object({
    /** The contracts bucket (set by the stack); the OCR-results function's sweep of overdue jobs reads it. */
    BUCKET_NAME: z.string().min(3).optional(),
    CONTRACTS_PREFIX: z.string().regex(/\/$/, 'must end with "/"').default('contracts/'),
    REPORTS_PREFIX: z.string().regex(/\/$/, 'must end with "/"').default('reports/'),
    /** Where each report's flat portfolio row goes (one JSON object per contract; what Athena and `npm run portfolio` read). */
    PORTFOLIO_ROWS_PREFIX: z.string().regex(/\/$/, 'must end with "/"').default('portfolio-rows/'),
    LIBRARY_KEY: z.string().min(1).default('config/clause-library.json'),
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
    MAX_BYTES: z.coerce.number().int().positive().default(DEFAULT_LIMITS.maxBytes),
    MAX_PAGES: z.coerce.number().int().positive().default(DEFAULT_LIMITS.maxPages),
    /** How long a custom clause library is cached before its ETag is checked again. */
    LIBRARY_CACHE_SECONDS: z.coerce.number().int().nonnegative().default(60),
    /** Longest a single document may take; in Lambda also bounded by the invocation's remaining time. */
    DOCUMENT_TIMEOUT_SECONDS: z.coerce.number().positive().default(120),
    /** Time kept back from the invocation's remaining time for writing the report. */
    TIME_MARGIN_SECONDS: z.coerce.number().nonnegative().default(10),
    /** Heap cap of the worker that parses a document. */
    WORKER_MEMORY_MB: z.coerce.number().int().min(128).default(1024),
    /** `worker` contains each parse in a worker thread; `inline` parses on the handler's thread (tests). */
    ANALYZER_ISOLATION: z.enum(['worker', 'inline']).default('worker'),
    /**
     * OCR for scanned PDF pages: `textract` starts an Amazon Textract job and writes the report when
     * it finishes; `tesseract` reads them in the function (tesseract.js); `off` reports a scan as
     * `no_text_layer`.
     */
    OCR: z.enum(['textract', 'tesseract', 'off']).default('off'),
    /** Most pages OCR'd in one document; more is a `too_many_pages` error report. */
    OCR_MAX_PAGES: z.coerce.number().int().positive().default(DEFAULT_OCR.maxPages),
    /** Where the record of each running OCR job is kept until its report is written. */
    OCR_JOBS_PREFIX: z.string().regex(/\/$/, 'must end with "/"').default('ocr-jobs/'),
    /** Where the text an OCR job read is kept by the document's SHA-256, so the same bytes are not read by OCR twice. */
    OCR_TEXT_PREFIX: z.string().regex(/\/$/, 'must end with "/"').default('ocr-text/'),
    /** The SNS topic Textract announces finished jobs on, and the role it publishes with (OCR=textract). */
    TEXTRACT_TOPIC_ARN: z.string().startsWith('arn:').optional(),
    TEXTRACT_ROLE_ARN: z.string().startsWith('arn:').optional(),
    /** An S3-compatible endpoint (the local pipeline); unset in AWS. */
    S3_ENDPOINT: z.url().optional(),
    /** CloudWatch metrics (EMF lines on stdout): on in Lambda unless `off`, off elsewhere unless `on`. */
    METRICS: z.enum(['on', 'off']).optional(),
    /** Set by Lambda itself. */
    AWS_LAMBDA_FUNCTION_NAME: z.string().optional(),
    AWS_REGION: z.string().default('us-east-1'),
  })
  .refine((environment) => environment.OCR !== 'textract' || (environment.TEXTRACT_TOPIC_ARN && environment.TEXTRACT_ROLE_ARN), {
    message: 'OCR=textract needs TEXTRACT_TOPIC_ARN and TEXTRACT_ROLE_ARN',
    path: ['OCR'],
  });
export type HandlerConfig = z.infer<typeof HandlerEnvironment>;

export function loadConfig(environment: NodeJS.ProcessEnv = process.env): HandlerConfig {
  const result = HandlerEnvironment.safeParse(environment);
  if (!result.success) {
    const problems = describeIssues(result.error.issues);
    throw new ConfigurationError(`Invalid clausewatch function configuration: ${problems}`, { cause: result.error });
  }
  return result.data;
}

/** Whether the handlers send CloudWatch metrics: in Lambda by default, elsewhere only when asked. */
export function metricsEnabled(config: HandlerConfig): boolean {
  return config.METRICS === 'on' || (config.METRICS === undefined && config.AWS_LAMBDA_FUNCTION_NAME !== undefined);
}

/** The OCR limits the configuration asks for, whichever engine reads the pages. */
export function ocrLimits(config: HandlerConfig): OcrSettings {
  return { ...DEFAULT_OCR, maxPages: config.OCR_MAX_PAGES };
}

/** OCR inside the analysis (tesseract.js); null when OCR is off or an OCR service reads the pages after it. */
export function ocrSettings(config: HandlerConfig): OcrSettings | null {
  return config.OCR === 'tesseract' ? ocrLimits(config) : null;
}
