import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { z } from 'zod';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { ContractsResponse, ContractSummary, UploadLimits } from '../lib/console/api.js';
import { compareSummaries, contractReportKeys, type ContractObject, summarizeContract } from '../lib/console/contracts.js';
import { DEFAULT_UPLOAD_LIMITS, ownerPrefix, type PresignedUpload } from '../lib/console/uploads.js';
import { describeIssues } from '../lib/library/validate.js';
import { mapLimited } from '../lib/map-limited.js';
import { OcrJobRecord } from '../lib/ocr-jobs.js';
import { Report } from '../lib/report/schema.js';
import type { StorageLayout } from '../lib/s3-events.js';
import { type HandlerConfig, loadConfig } from './config.js';
import { DEFAULT_MAX_PORTFOLIO_CONTRACTS } from './console-portfolio.js';
import { ConfigurationError } from './errors.js';
import { getObject, listObjects } from './storage.js';

/*
 * The console's storage side: presigned uploads into an owner's folder and the owner's contracts
 * with the state of their reports. Both work on any S3 client (AWS, or the local S3 server).
 */

/** The bucket layout the console reads: contracts, reports, and (optionally) the records of running OCR jobs. */
export interface ConsoleLayout extends StorageLayout {
  /** Where running OCR job records are kept (`ocr-jobs/`); null when no OCR service runs jobs. */
  ocrJobsPrefix: string | null;
}

/** How long a presigned upload URL stays valid by default: long enough to start a 50 MB upload on a slow line. */
export const UPLOAD_URL_SECONDS = 15 * 60;

/** What the console function reads besides the handlers' shared settings (service/config.ts). */
export const ConsoleEnvironment = z.object({
  /** The contracts bucket the console uploads to and lists. */
  BUCKET_NAME: z.string().min(3),
  /** Lifetime of a presigned upload URL. */
  UPLOAD_URL_SECONDS: z.coerce.number().int().min(60).max(3600).default(UPLOAD_URL_SECONDS),
  /** Lifetime of the presigned links to reports, review pages and fix packs in a listing. */
  LINK_URL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(12 * 3600)
    .default(3600),
  /** The most contracts one portfolio download holds; a Lambda response is limited to 6 MB. */
  MAX_PORTFOLIO_CONTRACTS: z.coerce.number().int().min(1).max(5000).default(DEFAULT_MAX_PORTFOLIO_CONTRACTS),
});
export type ConsoleConfig = HandlerConfig & z.infer<typeof ConsoleEnvironment>;

/** The console function's configuration, validated at cold start; a bad value fails the start with its name. */
export function loadConsoleConfig(environment: NodeJS.ProcessEnv = process.env): ConsoleConfig {
  const shared = loadConfig(environment);
  const result = ConsoleEnvironment.safeParse(environment);
  if (!result.success) {
    throw new ConfigurationError(`Invalid clausewatch console configuration: ${describeIssues(result.error.issues)}`, { cause: result.error });
  }
  return { ...shared, ...result.data };
}

/** What the console accepts: the analyzer's own byte limit (MAX_BYTES) and formats. */
export function consoleLimits(config: Pick<HandlerConfig, 'MAX_BYTES'>): UploadLimits {
  return { ...DEFAULT_UPLOAD_LIMITS, maxBytes: config.MAX_BYTES };
}

/** Reports read at once while listing. */
const READ_CONCURRENCY = 8;

/**
 * The console's S3 client: like `createS3Client`, but computing request checksums only where S3
 * requires them. Otherwise the SDK signs a CRC32 of an empty body into every presigned upload
 * URL and S3 refuses the real upload.
 */
export function createConsoleS3Client(config: Pick<HandlerConfig, 'S3_ENDPOINT' | 'AWS_REGION'>): S3Client {
  return new S3Client({
    region: config.AWS_REGION,
    ...(config.S3_ENDPOINT ? { endpoint: config.S3_ENDPOINT, forcePathStyle: true } : {}),
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

/**
 * A presigned PUT of exactly one object: the key, the content type and the byte count are part of
 * the signature, so the URL cannot store another key, and S3 refuses a body of another size or a
 * request without this content type (the browser sends Content-Length itself).
 *
 * The client must compute checksums only when required (`createConsoleS3Client`).
 * @throws Error when the client signed a checksum into the URL (a URL S3 would refuse)
 */
export async function presignUpload(
  s3: S3Client,
  bucket: string,
  key: string,
  contentType: string,
  size: number,
  expiresIn: number = UPLOAD_URL_SECONDS,
): Promise<PresignedUpload> {
  const command = new PutObjectCommand({ Bucket: bucket, Key: key, ContentType: contentType, ContentLength: size });
  const url = await getSignedUrl(s3, command, { expiresIn, signableHeaders: new Set(['content-type', 'content-length']) });
  if (/[?&]x-amz-checksum-/i.test(url)) throw new Error('the S3 client signs request checksums into upload URLs; use createConsoleS3Client');
  return { url, headers: { 'Content-Type': contentType } };
}

/** The contract keys that have an OCR job running, read from the job records (one small object per running job). */
export async function keysWithRunningOcrJobs(s3: S3Client, bucket: string, ocrJobsPrefix: string | null, contractsPrefix: string): Promise<Set<string>> {
  if (ocrJobsPrefix === null) return new Set();
  const records = (await listObjects(s3, bucket, ocrJobsPrefix)).filter((object) => object.key.endsWith('.json'));
  const keys = await mapLimited(records, READ_CONCURRENCY, async (record) => {
    // A job that finished between the listing and the read has no record any more. Where the
    // role may list only some prefixes, S3 answers a missing key with 403, not 404.
    const stored = await getObject(s3, bucket, record.key).catch((error: { name?: string }) => {
      if (error?.name === 'AccessDenied') return null;
      throw error;
    });
    if (!stored) return null;
    try {
      return OcrJobRecord.parse(JSON.parse(new TextDecoder().decode(stored.bytes))).object.key;
    } catch {
      // A record that cannot be read says nothing about any contract.
      return null;
    }
  });
  return new Set(keys.filter((key): key is string => key?.startsWith(contractsPrefix) === true));
}

/** A link to a stored file for the browser: a presigned GET in AWS, a URL of the local server locally. */
export type LinkFor = (key: string) => string | Promise<string>;

async function readReport(s3: S3Client, bucket: string, key: string): Promise<Report | 'unreadable' | null> {
  const stored = await getObject(s3, bucket, key);
  if (!stored) return null;
  try {
    return Report.parse(JSON.parse(new TextDecoder().decode(stored.bytes)));
  } catch {
    return 'unreadable';
  }
}

/**
 * The owner's contracts (everything under `contracts/<owner>/`) with their status, verdicts and
 * links, newest upload first. Reads two listings (contracts and reports of the owner), the job
 * records when OCR jobs are kept, and each contract's JSON report.
 * @throws Error when the owner is not a safe folder name
 */
export async function listContracts(
  s3: S3Client,
  bucket: string,
  layout: ConsoleLayout,
  owner: string,
  linkFor: LinkFor,
  now: Date = new Date(),
): Promise<ContractsResponse> {
  const prefix = ownerPrefix(owner, layout);
  if (prefix === null) throw new Error('the owner is not a safe folder name');
  const reportsPrefix = `${layout.reportsPrefix}${prefix.slice(layout.contractsPrefix.length)}`;
  const [contracts, reportFiles, analyzing] = await Promise.all([
    listObjects(s3, bucket, prefix),
    listObjects(s3, bucket, reportsPrefix),
    keysWithRunningOcrJobs(s3, bucket, layout.ocrJobsPrefix, prefix),
  ]);
  const existing = new Set(reportFiles.map((file) => file.key));
  const link = async (key: string): Promise<string | null> => (existing.has(key) ? await linkFor(key) : null);
  const summaries = await mapLimited(
    contracts.filter((object) => !object.key.endsWith('/')),
    READ_CONCURRENCY,
    async (object): Promise<ContractSummary> => {
      const keys = contractReportKeys(object.key, layout)!;
      const report = existing.has(keys.report) ? await readReport(s3, bucket, keys.report) : null;
      const listed: ContractObject = { key: object.key, size: object.size, eTag: object.eTag, lastModified: object.lastModified ?? now.toISOString() };
      const links = { report: await link(keys.report), reviewPage: await link(keys.reviewPage), fixPack: await link(keys.fixPack) };
      return summarizeContract(listed, object.key.slice(prefix.length), { report, ocrJobRunning: analyzing.has(object.key), links });
    },
  );
  return { contracts: summaries.sort(compareSummaries), generatedAt: now.toISOString() };
}
