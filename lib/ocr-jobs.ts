import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { S3ObjectRef } from './s3-events.js';

/*
 * A scan read by an OCR service that answers later (Amazon Textract's asynchronous text
 * detection): the job record kept while it runs, and the completion notice that ends it. The
 * record names the upload and its event, so the report written when the job finishes is ordered
 * exactly like one written at once; it holds keys and page numbers, never contract text.
 */

export const OcrJobRecord = z.object({
  jobId: z.string().min(1),
  /** The upload whose report waits for the job, with the event that named it. */
  object: z.object({
    bucket: z.string(),
    key: z.string(),
    size: z.number().nullable(),
    eTag: z.string().nullable(),
    versionId: z.string().nullable(),
    sequencer: z.string().nullable(),
    eventName: z.string(),
  }),
  /** 1-based pages without a text layer, the ones the job's text fills in. */
  pages: z.array(z.number().int().positive()),
  startedAt: z.iso.datetime(),
});
export type OcrJobRecord = z.infer<typeof OcrJobRecord>;

/** Where the record of a running job is kept. */
export function ocrJobKey(prefix: string, jobId: string): string {
  return `${prefix}${encodeURIComponent(jobId)}.json`;
}

/**
 * The idempotency token of the job for one upload event: a retried message starts no second job
 * (the service returns the first job's id for the same token), a new upload of the same key does.
 */
export function ocrRequestToken(ref: Pick<S3ObjectRef, 'bucket' | 'key' | 'versionId' | 'sequencer' | 'eTag'>): string {
  const identity = [ref.bucket, ref.key, ref.versionId ?? '', ref.sequencer ?? '', ref.eTag ?? ''].join('\u0000');
  // The service accepts 1-64 characters of [a-zA-Z0-9-_].
  return createHash('sha256').update(identity).digest('hex').slice(0, 64);
}

/** The completion notice Amazon Textract publishes to SNS (delivered raw to SQS). */
const TextractNotice = z.looseObject({
  JobId: z.string().min(1),
  Status: z.enum(['SUCCEEDED', 'FAILED', 'ERROR']),
  API: z.string().optional(),
  JobTag: z.string().optional(),
  Timestamp: z.number().optional(),
  DocumentLocation: z.looseObject({ S3ObjectName: z.string(), S3Bucket: z.string() }),
});

export type OcrCompletion = { kind: 'completion'; jobId: string; succeeded: boolean; status: string; bucket: string } | { kind: 'invalid'; reason: string };

/** Parses one SQS message body holding a Textract completion notice. */
export function parseOcrCompletion(body: string): OcrCompletion {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { kind: 'invalid', reason: 'the message body is not JSON' };
  }
  const parsed = TextractNotice.safeParse(json);
  if (!parsed.success) return { kind: 'invalid', reason: 'the message is not an OCR job completion notice' };
  const notice = parsed.data;
  return { kind: 'completion', jobId: notice.JobId, succeeded: notice.Status === 'SUCCEEDED', status: notice.Status, bucket: notice.DocumentLocation.S3Bucket };
}

/** The pages of an analysis that need OCR: those without a text layer in a PDF that was read without it. */
export function pagesForOcr(report: {
  status: string;
  error: { code: string } | null;
  document: { detectedType: string; pagesWithoutText: readonly number[] };
}): number[] {
  if (report.document.detectedType !== 'pdf' || report.document.pagesWithoutText.length === 0) return [];
  // Other errors (encrypted, corrupt, too many pages) are final whatever OCR would read.
  const readable = report.status === 'ok' || report.error?.code === 'no_text_layer';
  return readable ? [...report.document.pagesWithoutText] : [];
}

/**
 * The text an OCR service read of one document, kept by the document's SHA-256 so the same bytes
 * are never sent for OCR twice (a rescan, or the same scan uploaded under another name). It is the
 * contract's text, so it lives in the contracts bucket under the same encryption and access.
 */
export const OcrText = z.object({
  sha256: z.string().regex(/^[a-f0-9]{64}$/),
  engine: z.string(),
  /** Page number, text and mean word confidence of every page the service read. */
  pages: z.array(z.tuple([z.number().int().positive(), z.string(), z.number().min(0).max(100)])),
  readAt: z.iso.datetime(),
});
export type OcrText = z.infer<typeof OcrText>;

export function ocrTextKey(prefix: string, sha256: string): string {
  return `${prefix}${sha256}.json`;
}
