/**
 * Deployment settings for the ClauseWatch stack: their defaults, the rules they must satisfy,
 * and the parsing of CDK context (`cdk.json` or `-c key=value`) into typed stack props.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { z } from 'zod';

/** Object key of the optional custom clause library inside the contracts bucket. */
export const LIBRARY_KEY = 'config/clause-library.json';

/** Key prefix of the records of running OCR jobs inside the contracts bucket. */
export const OCR_JOBS_PREFIX = 'ocr-jobs/';

/** Key prefix of the text OCR read of each document, kept by its SHA-256. */
export const OCR_TEXT_PREFIX = 'ocr-text/';

/** Key prefix of the portfolio rows (one per contract, beside its report) inside the contracts bucket. */
export const PORTFOLIO_ROWS_PREFIX = 'portfolio-rows/';

/** How scanned pages are read in AWS (the stack's `ocr` setting). */
export const OCR_ENGINES = ['textract', 'tesseract', 'off'] as const;

/** Defaults applied by the stack when a setting is not given. Documented on each prop too. */
export const DEFAULTS = {
  contractsPrefix: 'contracts/',
  reportsPrefix: 'reports/',
  memorySize: 1536,
  timeoutSeconds: 120,
  reservedConcurrency: 10,
  logRetention: RetentionDays.THREE_MONTHS,
  removalPolicy: RemovalPolicy.RETAIN,
  ocr: 'textract',
  console: true,
} as const;

/**
 * Prefixes are plain folder names ending in `/`. Characters that mean something in IAM ARNs
 * (`*`, `?`, `$`) or need URL-encoding in S3 events are rejected, so a prefix can be pasted
 * into a policy resource and an S3 notification filter verbatim.
 */
const PREFIX_PATTERN = /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*\/$/;

/** S3 bucket naming rules (general purpose buckets), minus the rarely relevant reserved suffixes. */
const BUCKET_NAME_PATTERN = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** Log retention periods CloudWatch Logs accepts, in days (the numeric values of `RetentionDays`). */
const RETENTION_DAYS = Object.values(RetentionDays).filter((v): v is number => typeof v === 'number');

/**
 * Checks that the contracts prefix, the reports prefix and the library key do not overlap.
 * An overlap is not a style issue: if reports were written under the contracts prefix, every
 * report would fire a new ObjectCreated notification and the pipeline would analyse its own
 * output forever.
 *
 * @returns a description of each problem found (empty when the layout is valid)
 */
export function findLayoutProblems(contractsPrefix: string, reportsPrefix: string): string[] {
  const problems: string[] = [];
  for (const [name, value] of [
    ['contractsPrefix', contractsPrefix],
    ['reportsPrefix', reportsPrefix],
  ] as const) {
    if (!PREFIX_PATTERN.test(value)) {
      problems.push(`${name} "${value}" must be folder names of [A-Za-z0-9_.-] separated by "/" and end with "/" (e.g. "contracts/")`);
    }
  }
  if (contractsPrefix.startsWith(reportsPrefix) || reportsPrefix.startsWith(contractsPrefix)) {
    problems.push(`contractsPrefix "${contractsPrefix}" and reportsPrefix "${reportsPrefix}" must not contain one another (reports would re-trigger analysis)`);
  }
  for (const [name, value] of [
    ['contractsPrefix', contractsPrefix],
    ['reportsPrefix', reportsPrefix],
  ] as const) {
    if (LIBRARY_KEY.startsWith(value)) {
      problems.push(`${name} "${value}" must not contain the clause library key "${LIBRARY_KEY}"`);
    }
    for (const [what, prefix] of [
      ['OCR job records', OCR_JOBS_PREFIX],
      ['kept OCR text', OCR_TEXT_PREFIX],
      ['portfolio rows', PORTFOLIO_ROWS_PREFIX],
    ] as const) {
      if (prefix.startsWith(value) || value.startsWith(prefix)) problems.push(`${name} "${value}" must not overlap the ${what} prefix "${prefix}"`);
    }
  }
  return problems;
}

/** `-c key=` on the command line yields an empty string; treat it as "not set". */
const blankToUndefined = (value: unknown): unknown => (typeof value === 'string' && value.trim() === '' ? undefined : value);

/** Context values arrive as strings from `-c` and as numbers from cdk.json; accept both. */
const integer = (min: number, max: number) => z.preprocess(blankToUndefined, z.coerce.number().int().min(min).max(max).optional());

const text = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

/**
 * Schema of the CDK context keys the app reads. Every key is optional; absent keys fall back
 * to {@link DEFAULTS} in the stack.
 */
export const contextSchema = z
  .object({
    bucketName: text(
      z
        .string()
        .regex(BUCKET_NAME_PATTERN, 'bucketName must be a valid S3 bucket name (3-63 chars, a-z 0-9 . -)')
        .refine((name) => !name.includes('..'), 'bucketName must not contain ".."'),
    ),
    contractsPrefix: text(z.string()),
    reportsPrefix: text(z.string()),
    memorySize: integer(128, 10_240),
    timeout: integer(1, 900),
    alarmEmail: text(z.email()),
    // ≥ 2 because the SQS event source's maxConcurrency cannot go below 2 and must not exceed it.
    reservedConcurrency: integer(2, 1000),
    logRetention: z.preprocess(
      blankToUndefined,
      z.coerce
        .number()
        .refine((days) => RETENTION_DAYS.includes(days), {
          message: `logRetention must be one of ${RETENTION_DAYS.join(', ')} (days; 9999 = never expire)`,
        })
        .optional(),
    ),
    removalPolicy: text(z.enum([RemovalPolicy.RETAIN, RemovalPolicy.DESTROY])),
    ocr: text(z.enum(OCR_ENGINES)),
    // `-c console=false` arrives as a string, cdk.json may hold a boolean.
    console: z.preprocess(blankToUndefined, z.union([z.boolean(), z.enum(['true', 'false']).transform((value) => value === 'true')]).optional()),
    consoleDomainPrefix: text(
      z
        .string()
        .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'consoleDomainPrefix must be lower-case letters, digits and hyphens (1-63)')
        .refine((prefix) => !/aws|amazon|cognito/.test(prefix), 'consoleDomainPrefix must not contain "aws", "amazon" or "cognito"'),
    ),
    consoleNotifyEmail: text(z.email()),
    // `-c portfolioQuery=false` arrives as a string, cdk.json may hold a boolean.
    portfolioQuery: z.preprocess((value) => (value === 'true' ? true : value === 'false' ? false : blankToUndefined(value)), z.boolean().optional()),
  })
  .superRefine((ctx, issues) => {
    const problems = findLayoutProblems(ctx.contractsPrefix ?? DEFAULTS.contractsPrefix, ctx.reportsPrefix ?? DEFAULTS.reportsPrefix);
    for (const message of problems) issues.addIssue({ code: 'custom', message });
  });

/** The settings the stack accepts, as parsed from context. */
export type ClauseWatchSettings = z.infer<typeof contextSchema>;

/** The context keys, in the order they are documented. */
export const CONTEXT_KEYS = Object.keys(contextSchema.shape) as Array<keyof ClauseWatchSettings>;

/**
 * Reads the ClauseWatch context keys through `lookup` (normally `app.node.tryGetContext`)
 * and validates them.
 *
 * @throws Error listing every invalid key, so a bad `-c` flag fails synth with a clear message
 */
export function settingsFromContext(lookup: (key: string) => unknown): ClauseWatchSettings {
  const raw = Object.fromEntries(CONTEXT_KEYS.map((key) => [key, lookup(key)]));
  const result = contextSchema.safeParse(raw);
  if (!result.success) {
    const details = result.error.issues.map((issue) => `  - ${issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''}${issue.message}`).join('\n');
    throw new Error(`Invalid ClauseWatch context:\n${details}`);
  }
  return result.data;
}
