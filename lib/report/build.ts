import { createHash } from 'node:crypto';
import type { ClausewatchError } from '../errors.js';
import { detectType } from '../extract/detect.js';
import { loadDefaultWatchlist } from '../exposure/load.js';
import type { ExposureWatchlist } from '../exposure/schema.js';
import { recordedLibrary } from '../library/identity.js';
import type { SentenceModel } from '../learn/model.js';
import type { ClauseLibrary } from '../library/schema.js';
import { ANALYZER_VERSION } from '../version.js';
import type { OcrOptions } from '../extract/types.js';
import { REPORT_SCHEMA_VERSION, type DocumentFacts, type Report, type Source } from './schema.js';

/*
 * Report building that needs no parser: callers that only route documents (the worker pool, the
 * CLI's main thread, the dead-letter handler) import this instead of the analyzer, so they do
 * not load pdf.js, mammoth or the NLP modules.
 */

export interface Limits {
  /** Largest input accepted, in bytes. */
  maxBytes: number;
  /** Most pages accepted in a PDF. */
  maxPages: number;
}

export const DEFAULT_LIMITS: Limits = { maxBytes: 50 * 1024 * 1024, maxPages: 2_000 };

export interface AnalyzeOptions {
  /** Document name as the user knows it (file name or object key). */
  name: string;
  library: ClauseLibrary;
  /** Where the library came from ("built-in", a path or an S3 key), recorded in the report. */
  librarySource?: string;
  limits?: Partial<Limits>;
  /** Wall-clock time of the analysis; passed in so the core stays pure. */
  now?: () => Date;
  /** Monotonic milliseconds for the timings. */
  clock?: () => number;
  /** The stored object analyzed, when it came from a bucket. */
  source?: Source | null;
  /** The exposure watchlist (export controls on critical materials); the built-in one when not given. */
  watchlist?: ExposureWatchlist;
  /** The sentence classifier (the built-in one when not given); null for the rules alone. */
  model?: SentenceModel | null;
  /**
   * OCR for PDF pages without a text layer (settings, and optionally the engine, tesseract.js when
   * not given, or the pages an OCR service has read). Off when absent or null: such pages stay
   * unread and a scan is `no_text_layer`.
   */
  ocr?: OcrOptions | null;
}

/** Everything analysis produced besides the report, for callers that render or debug. */
export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** What a report records besides the document: the library's identity, the clock and the source. */
export type ReportOptions = Pick<AnalyzeOptions, 'librarySource' | 'now' | 'clock' | 'source'> & {
  library: Pick<ClauseLibrary, 'id' | 'version'>;
  /** Its version joins the library's in the report (see lib/library/identity.ts); the built-in one when not given. */
  watchlist?: Pick<ExposureWatchlist, 'id' | 'version'>;
};

export interface ReportContext {
  options: ReportOptions & { name: string };
  started: number;
  timings: { extractMs: number; segmentMs: number; analyzeMs: number };
  document: DocumentFacts;
}

export function baseReport(context: ReportContext): Omit<Report, 'status' | 'error' | 'findings' | 'summary' | 'exposure'> {
  const clock = context.options.clock ?? (() => performance.now());
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    analyzedAt: (context.options.now ?? (() => new Date()))().toISOString(),
    analyzer: { name: 'clausewatch', version: ANALYZER_VERSION },
    library: {
      ...recordedLibrary(context.options.library, context.options.watchlist ?? loadDefaultWatchlist()),
      source: context.options.librarySource ?? 'built-in',
    },
    timings: {
      extractMs: round(context.timings.extractMs),
      segmentMs: round(context.timings.segmentMs),
      analyzeMs: round(context.timings.analyzeMs),
      totalMs: round(clock() - context.started),
    },
    document: context.document,
    source: context.options.source ?? null,
  };
}

/** An error report: what is known of the document, a code and a message, and no findings. */
export function errorReport(context: ReportContext, error: ClausewatchError): Report {
  return asErrorReport(baseReport(context), error);
}

/** A report of the document as an error report: what is known of the document stays, findings go. */
export function asErrorReport(report: Omit<Report, 'status' | 'error' | 'findings' | 'summary' | 'exposure'>, error: ClausewatchError): Report {
  return {
    ...report,
    status: 'error',
    error: { code: error.code, message: error.message },
    summary: { overallSeverity: null, verdicts: {}, sections: 0, reviewNeeded: false },
    findings: [],
    exposure: null,
  };
}

/** What is known of a document before it is read: its size and, with the content, its hash and type. */
export function initialFacts(name: string, bytes: number, content: Uint8Array | null): DocumentFacts {
  return {
    name,
    bytes,
    sha256: content ? sha256(content) : null,
    detectedType: content ? detectType(content) : 'unknown',
    pages: null,
    pagesWithoutText: [],
    characters: 0,
    language: null,
    extractionNotes: [],
    parties: [],
    ocr: null,
  };
}

export interface KnownFacts {
  name: string;
  bytes: number;
  /** The content when it could be read; type and hash are derived from it. */
  content?: Uint8Array | null;
}

/**
 * An error report for a document that was not analyzed (too large to fetch, an invalid custom
 * library, repeated failures): every fact that is known, the code and the message.
 */
export function rejectionReport(facts: KnownFacts, error: ClausewatchError, options: ReportOptions): Report {
  const clock = options.clock ?? (() => performance.now());
  const content = facts.content ?? null;
  return errorReport(
    {
      options: { ...options, name: facts.name },
      started: clock(),
      timings: { extractMs: 0, segmentMs: 0, analyzeMs: 0 },
      document: initialFacts(facts.name, facts.bytes, content),
    },
    error,
  );
}
