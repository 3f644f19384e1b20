import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  type GetObjectCommandOutput,
} from '@aws-sdk/client-s3';
import type { HandlerConfig } from './config.js';
import { isRetryable } from './errors.js';

/** The S3 client; for a local S3-compatible server, path-style and checksums only where required. */
export function createS3Client(config: Pick<HandlerConfig, 'S3_ENDPOINT' | 'AWS_REGION'>): S3Client {
  if (!config.S3_ENDPOINT) return new S3Client({ region: config.AWS_REGION });
  return new S3Client({
    region: config.AWS_REGION,
    endpoint: config.S3_ENDPOINT,
    forcePathStyle: true,
    // Local servers store aws-chunked checksum framing as object bytes; send plain bodies.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

function statusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
}

export function isNotFound(error: unknown): boolean {
  const name = (error as { name?: string } | null)?.name;
  return name === 'NoSuchKey' || name === 'NotFound' || name === 'NoSuchVersion' || statusOf(error) === 404;
}

export function isPreconditionFailed(error: unknown): boolean {
  const name = (error as { name?: string } | null)?.name;
  return name === 'PreconditionFailed' || name === 'ConditionalRequestConflict' || statusOf(error) === 412 || statusOf(error) === 409;
}

const TRANSIENT_NAMES = new Set([
  'SlowDown',
  'Throttling',
  'ThrottlingException',
  // Amazon Textract's throttling and capacity errors.
  'ProvisionedThroughputExceededException',
  'LimitExceededException',
  'InternalServerError',
  'RequestTimeout',
  'RequestTimeoutException',
  'TimeoutError',
  'InternalError',
  'ServiceUnavailable',
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
]);

/**
 * Worth another try through the queue: an error that says so of itself (ours, `retryable`; the
 * SDK's, `$retryable`), S3 5xx, and the throttling, timeout and connection failures the SDK and
 * Node name by their code.
 */
export function isTransient(error: unknown): boolean {
  const candidate = error as { name?: string; code?: string; $retryable?: unknown } | null;
  if (!candidate) return false;
  const status = statusOf(error);
  return (
    isRetryable(error) ||
    (status !== undefined && status >= 500) ||
    candidate.$retryable !== undefined ||
    TRANSIENT_NAMES.has(candidate.name ?? '') ||
    TRANSIENT_NAMES.has(candidate.code ?? '')
  );
}

export interface StoredObject {
  bytes: Uint8Array;
  eTag: string | null;
  versionId: string | null;
}

async function readBody(output: GetObjectCommandOutput): Promise<Uint8Array> {
  return output.Body ? await output.Body.transformToByteArray() : new Uint8Array();
}

/** An object's bytes (of one version when given), or null when it does not exist (deleted since the event). */
export async function getObject(client: S3Client, bucket: string, key: string, versionId?: string | null): Promise<StoredObject | null> {
  try {
    const output = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key, ...(versionId ? { VersionId: versionId } : {}) }));
    return { bytes: await readBody(output), eTag: output.ETag ?? null, versionId: output.VersionId ?? null };
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

export interface ObjectHead {
  size: number;
  eTag: string | null;
  versionId: string | null;
}

export async function headObject(client: S3Client, bucket: string, key: string, versionId?: string | null): Promise<ObjectHead | null> {
  try {
    const output = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key, ...(versionId ? { VersionId: versionId } : {}) }));
    return { size: output.ContentLength ?? 0, eTag: output.ETag ?? null, versionId: output.VersionId ?? null };
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

/** Writes an object only if it is still what the writer last read (S3 conditional writes). */
export async function putObjectConditionally(
  client: S3Client,
  request: { bucket: string; key: string; body: string; contentType: string; expectedETag: string | null },
): Promise<void> {
  await client.send(
    new PutObjectCommand({
      Bucket: request.bucket,
      Key: request.key,
      Body: request.body,
      ContentType: request.contentType,
      ...(request.expectedETag ? { IfMatch: request.expectedETag } : { IfNoneMatch: '*' }),
    }),
  );
}

export async function putObject(client: S3Client, request: { bucket: string; key: string; body: string | Uint8Array; contentType: string }): Promise<void> {
  await client.send(new PutObjectCommand({ Bucket: request.bucket, Key: request.key, Body: request.body, ContentType: request.contentType }));
}

/** Removes an object; removing one that is not there is not an error (S3 answers 204 either way). */
export async function deleteObject(client: S3Client, bucket: string, key: string): Promise<void> {
  await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
}

export interface ListedObject {
  key: string;
  eTag: string | null;
  size: number;
  /** When the object was written, ISO 8601 (null if the server did not say). */
  lastModified: string | null;
}

/** Every object under a prefix, following continuation tokens. */
export async function listObjects(client: S3Client, bucket: string, prefix: string): Promise<ListedObject[]> {
  const objects: ListedObject[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    for (const item of page.Contents ?? []) {
      if (item.Key) objects.push({ key: item.Key, eTag: item.ETag ?? null, size: item.Size ?? 0, lastModified: item.LastModified?.toISOString() ?? null });
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return objects.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
