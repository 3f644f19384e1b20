import { z } from 'zod';
import { ExposureLevel, Severity, Verdict } from '../vocabulary.js';

/*
 * The web console's HTTP API, the same behind `npm start` and behind API Gateway in AWS:
 *
 *   GET  /api/config     → UploadLimits       what the server accepts, so the page can refuse a file early
 *   POST /api/uploads    UploadRequest → UploadResponse   one presigned PUT (or a rejection) per file
 *   GET  /api/contracts  → ContractsResponse  the caller's contracts with their analysis status
 *
 * Errors are `{ message }` with a 4xx/5xx status (ApiError).
 */

/** Most files one upload request may name (a folder dropped at once). */
export const MAX_FILES_PER_REQUEST = 50;

export const UploadFile = z.object({
  /** The file's name as the browser gives it (File.name); may hold `/`-separated folders. */
  name: z.string().max(4096),
  size: z.number().int().nonnegative(),
  /** The browser's idea of the type; advisory only: the stored type follows the extension, the analyzer reads the bytes. */
  type: z.string().max(255).optional(),
});
export type UploadFile = z.infer<typeof UploadFile>;

export const UploadRequest = z.object({
  files: z.array(UploadFile).min(1, 'name at least one file').max(MAX_FILES_PER_REQUEST, `name at most ${MAX_FILES_PER_REQUEST} files per request`),
});
export type UploadRequest = z.infer<typeof UploadRequest>;

export const UploadRejectionCode = z.enum(['unsupported_type', 'too_large', 'bad_name', 'empty']);
export type UploadRejectionCode = z.infer<typeof UploadRejectionCode>;

/** A file the browser may upload: PUT its bytes to `url` with exactly these headers. */
export const UploadGrant = z.object({
  name: z.string(),
  ok: z.literal(true),
  key: z.string(),
  url: z.string(),
  method: z.literal('PUT'),
  headers: z.record(z.string(), z.string()),
});
export type UploadGrant = z.infer<typeof UploadGrant>;

export const UploadRejection = z.object({
  name: z.string(),
  ok: z.literal(false),
  code: UploadRejectionCode,
  message: z.string(),
});
export type UploadRejection = z.infer<typeof UploadRejection>;

export const UploadResult = z.discriminatedUnion('ok', [UploadGrant, UploadRejection]);
export type UploadResult = z.infer<typeof UploadResult>;

/** One result per requested file, in the request's order. */
export const UploadResponse = z.object({ uploads: z.array(UploadResult) });
export type UploadResponse = z.infer<typeof UploadResponse>;

/** What uploads the server accepts (`GET /api/config`). */
export const UploadLimits = z.object({
  /** Largest file in bytes: the analyzer's own limit (MAX_BYTES). */
  maxBytes: z.number().int().positive(),
  /** Accepted file-name extensions, lower case with the dot (`.pdf`). */
  extensions: z.array(z.string()),
  maxFiles: z.number().int().positive(),
});
export type UploadLimits = z.infer<typeof UploadLimits>;

/**
 * queued: uploaded, no report for this upload yet; analyzing: a scan whose OCR job is running;
 * done: the report is written; error: the report is an error report (its code and message say why).
 */
export const ContractStatus = z.enum(['queued', 'analyzing', 'done', 'error']);
export type ContractStatus = z.infer<typeof ContractStatus>;

export const ContractSummary = z.object({
  /** The uploaded object's key, `contracts/<owner>/<name>`. */
  key: z.string(),
  /** The contract's path under the owner's prefix, `msa.pdf` or `suppliers/msa.pdf`. */
  name: z.string(),
  uploadedAt: z.iso.datetime(),
  size: z.number().int().nonnegative(),
  status: ContractStatus,
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  /** The force-majeure and export-control verdicts; null until a report says (and for error reports). */
  verdicts: z.object({ forceMajeure: Verdict.nullable(), exportControl: Verdict.nullable() }),
  /** The report's overall severity (its worst finding's), as the portfolio sorts by it. */
  severity: Severity.nullable(),
  /** The report's exposure level to export controls on critical materials, as the portfolio shows it. */
  exposure: ExposureLevel.nullable(),
  /** Whether a person should check a finding, and what, as the portfolio words it ("force-majeure: possible provision"); null without a full report. */
  review: z.object({ needed: z.boolean(), reasons: z.array(z.string()) }).nullable(),
  /** URLs of the JSON report, the review page and the fix pack; null where there is none. */
  links: z.object({ report: z.string().nullable(), reviewPage: z.string().nullable(), fixPack: z.string().nullable() }),
});
export type ContractSummary = z.infer<typeof ContractSummary>;

export const ContractsResponse = z.object({
  /** Newest upload first. */
  contracts: z.array(ContractSummary),
  generatedAt: z.iso.datetime(),
});
export type ContractsResponse = z.infer<typeof ContractsResponse>;

/** The body of every 4xx/5xx answer. */
export const ApiError = z.object({ message: z.string() });
export type ApiError = z.infer<typeof ApiError>;
