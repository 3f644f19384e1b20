import type { S3Client } from '@aws-sdk/client-s3';
import type { OcrOptions } from '../lib/extract/types.js';
import { rejectionReport } from '../lib/report/build.js';
import { ClausewatchError } from '../lib/errors.js';
import type { Report } from '../lib/report/schema.js';
import type { DocumentAnalyzer } from '../lib/runner/index.js';
import type { S3ObjectRef } from '../lib/s3-events.js';
import { type HandlerConfig, ocrSettings } from './config.js';
import { OutOfTimeError } from './errors.js';
import type { LoadedLibrary } from './library-cache.js';
import { headObject, getObject } from './storage.js';

export interface AnalyzeObjectDeps {
  s3: S3Client;
  config: HandlerConfig;
  library: LoadedLibrary;
  analyzer: DocumentAnalyzer;
  now: () => Date;
  /** Milliseconds left in the invocation (Lambda's context); unbounded elsewhere. */
  remainingMs: () => number;
}

const MIN_DOCUMENT_MS = 5_000;

/** Where a report's document came from: the event's object, with the version and ETag S3 answered with. */
function sourceOf(ref: S3ObjectRef, head: { versionId: string | null; eTag: string | null }) {
  return { bucket: ref.bucket, key: ref.key, versionId: head.versionId ?? ref.versionId, eTag: head.eTag ?? ref.eTag, sequencer: ref.sequencer };
}

/** The library a report names: the one in use, or "unavailable" when a custom library failed to load. */
function libraryIdentity(library: LoadedLibrary): { id: string; version: string } {
  return 'library' in library ? library.library : { id: 'unavailable', version: 'unavailable' };
}

/** The document's deadline: its own limit, bounded by the invocation's remaining time minus a margin. */
export function documentDeadline(config: Pick<HandlerConfig, 'DOCUMENT_TIMEOUT_SECONDS' | 'TIME_MARGIN_SECONDS'>, remainingMs: number): number {
  const available = remainingMs - config.TIME_MARGIN_SECONDS * 1000;
  if (available < MIN_DOCUMENT_MS) {
    throw new OutOfTimeError(`only ${Math.max(0, Math.round(available))} ms left in this invocation; the message will be retried`);
  }
  return Math.min(config.DOCUMENT_TIMEOUT_SECONDS * 1000, available);
}

/**
 * An error report for an upload that could not be analyzed: the object's size, and its hash and
 * type when it is small enough to fetch; null when the object (or the version named) is gone.
 */
export async function rejectObject(
  ref: S3ObjectRef,
  name: string,
  error: ClausewatchError,
  deps: { s3: S3Client; now: () => Date; maxBytes: number; library: LoadedLibrary },
): Promise<Report | null> {
  const { s3, library } = deps;
  const head = await headObject(s3, ref.bucket, ref.key, ref.versionId);
  if (!head) return null;
  const object = head.size <= deps.maxBytes ? await getObject(s3, ref.bucket, ref.key, ref.versionId) : null;
  return rejectionReport({ name, bytes: head.size, content: object?.bytes ?? null }, error, {
    library: libraryIdentity(library),
    librarySource: library.source,
    now: deps.now,
    source: sourceOf(ref, head),
  });
}

/** How an upload is read: with the configured in-function OCR, or with pages an OCR service read of one version. */
export interface ReadOptions {
  ocr?: OcrOptions | null;
  /** The version an OCR job read; the current object when absent. */
  versionId?: string | null;
}

/** Fetches one uploaded object and analyzes it; null when the object (or the version read) no longer exists. */
export async function analyzeObject(ref: S3ObjectRef, name: string, deps: AnalyzeObjectDeps, read: ReadOptions = {}): Promise<Report | null> {
  const { s3, config, library } = deps;
  const reportOptions = { library: libraryIdentity(library), librarySource: library.source, now: deps.now };
  const limits = { maxBytes: config.MAX_BYTES, maxPages: config.MAX_PAGES };

  // Cheap limits first: an oversized upload is reported without being downloaded.
  const head = await headObject(s3, ref.bucket, ref.key, read.versionId);
  if (!head) return null;
  const source = sourceOf(ref, head);
  if (head.size > limits.maxBytes) {
    const error = new ClausewatchError(
      'too_large',
      `The file is ${(head.size / 1024 / 1024).toFixed(1)} MB, more than the limit of ${(limits.maxBytes / 1024 / 1024).toFixed(0)} MB.`,
    );
    return rejectionReport({ name, bytes: head.size }, error, { ...reportOptions, source });
  }
  const object = await getObject(s3, ref.bucket, ref.key, read.versionId);
  if (!object) return null;
  if ('error' in library) return rejectionReport({ name, bytes: object.bytes.length, content: object.bytes }, library.error, { ...reportOptions, source });
  return deps.analyzer.analyze(object.bytes, {
    name,
    library: library.library,
    librarySource: library.source,
    limits,
    ocr: read.ocr === undefined ? ocrSettings(config) : read.ocr,
    now: deps.now,
    timeoutMs: documentDeadline(config, deps.remainingMs()),
    source: { ...source, versionId: object.versionId ?? source.versionId, eTag: object.eTag ?? source.eTag },
  });
}
