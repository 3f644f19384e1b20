import { ClausewatchError } from '../lib/errors.js';
import type { OcrOptions } from '../lib/extract/types.js';
import { pagesForOcr } from '../lib/ocr-jobs.js';
import { asErrorReport } from '../lib/report/build.js';
import type { Report } from '../lib/report/schema.js';
import type { S3ObjectRef } from '../lib/s3-events.js';
import { analyzeObject, rejectObject, type AnalyzeObjectDeps } from './analyze-object.js';
import { ocrLimits } from './config.js';
import type { Deferred } from './report-store.js';
import { fetchTextractPages, keepOcrText, readOcrText, startTextractJob, TEXTRACT_ENGINE, type FinishedOcrJob, type TextractApi } from './textract.js';

/*
 * The two halves of a scan read by Amazon Textract (OCR=textract): the analyze function reads the
 * text layer and, when pages have none, starts a job instead of writing a report; the OCR-results
 * function analyses the upload again with the job's text and writes the report the upload was due.
 */

export type UploadDeps = AnalyzeObjectDeps & { textract: TextractApi | null };

/** OCR options that take each page's text from a finished job instead of reading the page. */
function recognizedOcr(deps: UploadDeps, pages: NonNullable<OcrOptions['recognized']>): OcrOptions {
  return { ...ocrLimits(deps.config), recognized: pages };
}

/**
 * An upload's report, or an OCR job for its pages without a text layer (OCR=textract) whose
 * report follows when the job finishes; null when the object is gone.
 */
export async function analyzeUpload(ref: S3ObjectRef, name: string, deps: UploadDeps): Promise<Report | Deferred | null> {
  const report = await analyzeObject(ref, name, deps);
  if (!report || deps.config.OCR !== 'textract' || !deps.textract) return report;
  const pages = pagesForOcr(report);
  if (pages.length === 0) return report;
  if (pages.length > deps.config.OCR_MAX_PAGES) {
    // Over the OCR budget: the same `too_many_pages` report as OCR in the function, from the same check.
    return analyzeObject(ref, name, deps, { ocr: recognizedOcr(deps, { engine: TEXTRACT_ENGINE, pages: new Map() }) });
  }
  // The version that was analyzed: the kept text, or a new job, is read with exactly it.
  const object = { ...ref, versionId: report.source?.versionId ?? ref.versionId, eTag: report.source?.eTag ?? ref.eTag };
  // The same bytes read by OCR before (a rescan, the same scan under another name): no new job.
  const sha256 = report.document.sha256;
  const kept = sha256 ? await readOcrText(deps.s3, ref.bucket, deps.config.OCR_TEXT_PREFIX, sha256) : null;
  if (kept) return analyzeObject(ref, name, deps, { versionId: object.versionId, ocr: recognizedOcr(deps, { engine: TEXTRACT_ENGINE, pages: kept }) });
  try {
    return await startTextractJob({ textract: deps.textract, s3: deps.s3, config: deps.config, now: deps.now }, object, pages);
  } catch (error) {
    if (error instanceof ClausewatchError) return asErrorReport(report, error);
    throw error;
  }
}

/**
 * The report of an upload whose OCR job has ended: the analysis with the job's text, or an
 * `ocr_failed` error report when the job failed; null when the version read is gone.
 */
export async function analyzeFinishedOcr(
  { ref, job, succeeded }: FinishedOcrJob,
  name: string,
  deps: UploadDeps,
  reason = 'the OCR service could not read them',
): Promise<Report | null> {
  let failure = new ClausewatchError('ocr_failed', `OCR of the scanned pages failed: ${reason}. Re-scan the document at 300 dpi, or upload it again.`);
  if (succeeded && deps.textract) {
    try {
      const pages = await fetchTextractPages(deps.textract, job.jobId);
      const report = await analyzeObject(ref, name, deps, { versionId: ref.versionId, ocr: recognizedOcr(deps, { engine: TEXTRACT_ENGINE, pages }) });
      const sha256 = report?.document.sha256;
      if (sha256) await keepOcrText(deps.s3, ref.bucket, deps.config.OCR_TEXT_PREFIX, { sha256, engine: TEXTRACT_ENGINE, pages, readAt: deps.now() });
      return report;
    } catch (error) {
      if (!(error instanceof ClausewatchError)) throw error;
      failure = error;
    }
  }
  return rejectObject(ref, name, failure, { s3: deps.s3, now: deps.now, maxBytes: deps.config.MAX_BYTES, library: deps.library });
}
