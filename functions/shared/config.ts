import { z } from 'zod';
import { DEFAULT_LIMITS } from '../../lib/analyze.js';

/** The handlers' environment, validated once at cold start; a bad value fails the start with its name. */
export const HandlerEnvironment = z.object({
  CONTRACTS_PREFIX: z.string().regex(/\/$/, 'must end with "/"').default('contracts/'),
  REPORTS_PREFIX: z.string().regex(/\/$/, 'must end with "/"').default('reports/'),
  LIBRARY_KEY: z.string().min(1).default('config/clause-library.json'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  MAX_BYTES: z.coerce.number().int().positive().default(DEFAULT_LIMITS.maxBytes),
  MAX_PAGES: z.coerce.number().int().positive().default(DEFAULT_LIMITS.maxPages),
  /** How long a custom clause library is cached before its ETag is checked again. */
  LIBRARY_CACHE_SECONDS: z.coerce.number().int().nonnegative().default(60),
  /** An S3-compatible endpoint (the local pipeline); unset in AWS. */
  S3_ENDPOINT: z.url().optional(),
  AWS_REGION: z.string().default('us-east-1'),
});
export type HandlerConfig = z.infer<typeof HandlerEnvironment>;

export function loadConfig(environment: NodeJS.ProcessEnv = process.env): HandlerConfig {
  const result = HandlerEnvironment.safeParse(environment);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`Invalid clausewatch function configuration: ${problems}`);
  }
  return result.data;
}
