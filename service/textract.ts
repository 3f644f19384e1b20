import type { S3Client } from '@aws-sdk/client-s3';
import { GetDocumentTextDetectionCommand, StartDocumentTextDetectionCommand, TextractClient } from '@aws-sdk/client-textract';
import { ClausewatchError } from '../lib/errors.js';
import type { RecognizedPage } from '../lib/extract/ocr.js';
import { textractPages } from '../lib/extract/textract.js';
import { OcrJobRecord, OcrText, ocrJobKey, ocrRequestToken, ocrTextKey, parseOcrCompletion } from '../lib/ocr-jobs.js';
import type { S3ObjectRef } from '../lib/s3-events.js';
import type { ResolvedMessage } from './batch.js';
import type { HandlerConfig } from './config.js';
import type { Deferred } from './report-store.js';
import { deleteObject, getObject, listObjects, putObject } from './storage.js';

/*
 * Amazon Textract's asynchronous text detection for the scanned pages of an upload: the analyze
 * function starts a job and keeps its record; Textract announces the end on SNS, which delivers to
 * the OCR-results queue; the OCR-results function fetches the text, analyses the upload with it
 * and writes the report. A scan gets its report only then, and a failed job an `ocr_failed` one.
 */

export type TextractConfig = Pick<HandlerConfig, 'OCR_JOBS_PREFIX' | 'OCR_TEXT_PREFIX' | 'TEXTRACT_TOPIC_ARN' | 'TEXTRACT_ROLE_ARN' | 'AWS_REGION'>;

/** The part of the SDK client used here, so tests can stand in for the service (AWS cannot run here). */
export type TextractApi = Pick<TextractClient, 'send'>;

export function createTextractClient(config: Pick<HandlerConfig, 'AWS_REGION'>): TextractClient {
  return new TextractClient({ region: config.AWS_REGION });
}

/** The engine name reports give pages Textract read. */
export const TEXTRACT_ENGINE = 'textract';

/** Errors for which the service has looked at the document and will never read it: a report, not a retry. */
const DOCUMENT_REFUSED = new Set(['BadDocumentException', 'UnsupportedDocumentException', 'DocumentTooLargeException']);

/**
 * Starts text detection on the uploaded version and records the job. A retried message gets the
 * same job back (idempotency token) and rewrites the same record. A document the service refuses
 * is an `ocr_failed` error; throttling and outages are thrown for the queue to retry.
 */
export async function startTextractJob(
  deps: { textract: TextractApi; s3: S3Client; config: TextractConfig; now: () => Date },
  object: S3ObjectRef,
  pages: readonly number[],
): Promise<Deferred> {
  const { textract, s3, config } = deps;
  let jobId: string | undefined;
  try {
    ({ JobId: jobId } = await textract.send(
      new StartDocumentTextDetectionCommand({
        DocumentLocation: { S3Object: { Bucket: object.bucket, Name: object.key, ...(object.versionId ? { Version: object.versionId } : {}) } },
        ClientRequestToken: ocrRequestToken(object),
        JobTag: 'clausewatch',
        NotificationChannel: { SNSTopicArn: config.TEXTRACT_TOPIC_ARN!, RoleArn: config.TEXTRACT_ROLE_ARN! },
      }),
    ));
  } catch (error) {
    const name = (error as { name?: string } | null)?.name ?? '';
    if (DOCUMENT_REFUSED.has(name)) {
      throw new ClausewatchError(
        'ocr_failed',
        `The scanned pages could not be read by OCR: the OCR service refused the document (${name}). Re-scan it or export the original document as PDF.`,
        {
          cause: error,
        },
      );
    }
    throw error;
  }
  if (!jobId) throw new Error('the OCR service started no job');
  const record: OcrJobRecord = { jobId, object, pages: [...pages], startedAt: deps.now().toISOString() };
  await putObject(s3, {
    bucket: object.bucket,
    key: ocrJobKey(config.OCR_JOBS_PREFIX, jobId),
    body: `${JSON.stringify(record)}\n`,
    contentType: 'application/json',
  });
  return { deferred: 'ocr', jobId };
}

/** The record of a running job, or null when there is none (its report was written, or it is not ours). */
export function readOcrJob(s3: S3Client, bucket: string, prefix: string, jobId: string): Promise<OcrJobRecord | null> {
  return readOcrJobAt(s3, bucket, ocrJobKey(prefix, jobId));
}

async function readOcrJobAt(s3: S3Client, bucket: string, key: string): Promise<OcrJobRecord | null> {
  const stored = await getObject(s3, bucket, key);
  if (!stored) return null;
  const parsed = OcrJobRecord.safeParse(JSON.parse(new TextDecoder().decode(stored.bytes)));
  if (!parsed.success) throw new Error(`the OCR job record ${key} is not readable`, { cause: parsed.error });
  return parsed.data;
}

export async function deleteOcrJob(s3: S3Client, bucket: string, prefix: string, jobId: string): Promise<void> {
  await deleteObject(s3, bucket, ocrJobKey(prefix, jobId));
}

/** Most results per GetDocumentTextDetection page (the API's maximum). */
const RESULTS_PER_REQUEST = 1000;

/** Every page a finished job read, following NextToken to the end; a failed job is an `ocr_failed` error. */
export async function fetchTextractPages(textract: TextractApi, jobId: string): Promise<Map<number, RecognizedPage>> {
  const responses: unknown[] = [];
  let nextToken: string | undefined;
  do {
    const response = await textract.send(new GetDocumentTextDetectionCommand({ JobId: jobId, MaxResults: RESULTS_PER_REQUEST, NextToken: nextToken }));
    responses.push(response);
    nextToken = response.NextToken;
  } while (nextToken);
  return textractPages(responses);
}

/** One upload whose OCR job has ended: the job's record and whether the service read it. */
export interface FinishedOcrJob {
  ref: S3ObjectRef;
  job: OcrJobRecord;
  succeeded: boolean;
}

/**
 * The upload a completion notice is about, from the job's record. A notice without a record is
 * ignored: its report was written already (a repeated notice), or the job is not this pipeline's.
 */
export function resolveOcrCompletion(s3: S3Client, prefix: string): (body: string) => Promise<ResolvedMessage<FinishedOcrJob>> {
  return async (body) => {
    const completion = parseOcrCompletion(body);
    if (completion.kind === 'invalid') return completion;
    const job = await readOcrJob(s3, completion.bucket, prefix, completion.jobId);
    if (!job) return { kind: 'ignored', reason: `no record of OCR job ${completion.jobId}: already reported, or not started here` };
    return { kind: 'objects', objects: [{ ref: job.object, job, succeeded: completion.succeeded }] };
  };
}

/** A job record this old is checked with the service: its notice may have been lost. */
export const OCR_JOB_CHECK_AFTER_MS = 60 * 60 * 1000;
/** A job still running after this long is given up: the upload gets an `ocr_failed` report. */
export const OCR_JOB_GIVE_UP_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * The jobs whose completion notice is overdue, each with what its report should say: finished
 * (the service's status) or given up (running for longer than a day). A job that is merely slow is
 * left alone. This is the safety net of the notice path: no scan waits for ever without a report.
 */
export async function overdueOcrJobs(
  deps: { s3: S3Client; textract: TextractApi; now: () => Date },
  bucket: string,
  prefix: string,
  limit: number,
): Promise<Array<FinishedOcrJob & { reason: string | null }>> {
  const overdue: Array<FinishedOcrJob & { reason: string | null }> = [];
  const now = deps.now().getTime();
  for (const listed of await listObjects(deps.s3, bucket, prefix)) {
    if (overdue.length >= limit) break;
    const job = await readOcrJobAt(deps.s3, bucket, listed.key);
    if (!job) continue;
    const age = now - Date.parse(job.startedAt);
    if (age < OCR_JOB_CHECK_AFTER_MS) continue;
    const { JobStatus: status } = await deps.textract.send(new GetDocumentTextDetectionCommand({ JobId: job.jobId, MaxResults: 1 }));
    if (status === 'IN_PROGRESS' || status === undefined) {
      if (age >= OCR_JOB_GIVE_UP_AFTER_MS) overdue.push({ ref: job.object, job, succeeded: false, reason: 'the OCR job did not finish within 24 hours' });
      continue;
    }
    overdue.push({ ref: job.object, job, succeeded: status === 'SUCCEEDED' || status === 'PARTIAL_SUCCESS', reason: null });
  }
  return overdue;
}

/** The text an earlier OCR job read of the same bytes, by page; null when none is kept (or it cannot be read). */
export async function readOcrText(s3: S3Client, bucket: string, prefix: string, sha256: string): Promise<Map<number, RecognizedPage> | null> {
  const stored = await getObject(s3, bucket, ocrTextKey(prefix, sha256));
  if (!stored) return null;
  let parsed: ReturnType<typeof OcrText.safeParse>;
  try {
    parsed = OcrText.safeParse(JSON.parse(new TextDecoder().decode(stored.bytes)));
  } catch {
    return null;
  }
  // A damaged entry is read again by OCR rather than trusted.
  if (!parsed.success || parsed.data.sha256 !== sha256) return null;
  return new Map(parsed.data.pages.map(([page, text, confidence]) => [page, { text, confidence }]));
}

/** Keeps the text an OCR job read of a document, for the next analysis of the same bytes. */
export async function keepOcrText(
  s3: S3Client,
  bucket: string,
  prefix: string,
  text: { sha256: string; engine: string; pages: ReadonlyMap<number, RecognizedPage>; readAt: Date },
): Promise<void> {
  const record: OcrText = {
    sha256: text.sha256,
    engine: text.engine,
    pages: [...text.pages].sort(([a], [b]) => a - b).map(([page, read]) => [page, read.text, Math.min(100, Math.max(0, read.confidence))]),
    readAt: text.readAt.toISOString(),
  };
  await putObject(s3, { bucket, key: ocrTextKey(prefix, text.sha256), body: `${JSON.stringify(record)}\n`, contentType: 'application/json' });
}
