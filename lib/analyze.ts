import { franc } from 'franc-min';
import { analyzeSegments } from './analysis/clauses.js';
import { maxSeverity } from './analysis/grade.js';
import { ClausewatchError, toClausewatchError } from './errors.js';
import { assessExposure } from './exposure/assess.js';
import { loadDefaultWatchlist } from './exposure/load.js';
import { applyExposureSeverity } from './exposure/severity.js';
import { findExposureSignals } from './exposure/signals.js';
import { describeType, extractText, type DetectedType } from './extract/index.js';
import { loadDefaultModel } from './learn/load.js';
import { normalizeText, pagesWithoutText } from './normalize.js';
import type { Report } from './report/schema.js';
import { findParties } from './parties.js';
import { segment, type Segment } from './segment.js';
import { TextIndex } from './text-index.js';
import { baseReport, DEFAULT_LIMITS, errorReport, initialFacts, type AnalyzeOptions, type Limits, type ReportContext } from './report/build.js';

export { analyzeSegments } from './analysis/clauses.js';
export { DEFAULT_LIMITS, rejectionReport, type AnalyzeOptions, type KnownFacts, type Limits, type ReportOptions } from './report/build.js';

export interface Analysis {
  report: Report;
  text: string;
  segments: Segment[];
}

function guessLanguage(text: string): string | null {
  const code = franc(text.slice(0, 20_000), { minLength: 50 });
  return code === 'und' ? null : code;
}

function noTextError(type: DetectedType, pages: number, ocrTried: boolean): ClausewatchError {
  const counted = `${pages} page${pages === 1 ? '' : 's'}`;
  if (type === 'pdf' && ocrTried) {
    return new ClausewatchError(
      'no_text_layer',
      `The PDF has ${counted} without a text layer, and OCR found no readable text on ${pages === 1 ? 'it' : 'them'}: ${pages === 1 ? 'it looks' : 'they look'} blank, or the scan is too poor to read. Scan it again at 300 dpi (or export the original document as PDF) and upload it again.`,
    );
  }
  if (type === 'pdf') {
    return new ClausewatchError(
      'no_text_layer',
      `The PDF has ${counted} but no text layer: it looks like a scan. Run it through OCR (or export the original document as PDF) and upload it again.`,
    );
  }
  return new ClausewatchError('empty', `The file is ${describeType(type)} with no text in it.`);
}

/**
 * Analyzes one document. Never throws for bad input: every failure becomes an error report with
 * a stable code, carrying every document fact known by then.
 */
export async function analyzeDocument(bytes: Uint8Array, options: AnalyzeOptions): Promise<Analysis> {
  const clock = options.clock ?? (() => performance.now());
  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
  const started = clock();
  const facts = initialFacts(options.name, bytes.length, bytes);
  const detectedType = facts.detectedType;
  const context: ReportContext = {
    options,
    started,
    timings: { extractMs: 0, segmentMs: 0, analyzeMs: 0 },
    document: facts,
  };
  const empty = { text: '', segments: [] as Segment[] };
  try {
    if (bytes.length > limits.maxBytes) {
      throw new ClausewatchError(
        'too_large',
        `The file is ${(bytes.length / 1024 / 1024).toFixed(1)} MB, more than the limit of ${(limits.maxBytes / 1024 / 1024).toFixed(0)} MB.`,
      );
    }
    const extracted = await extractText(bytes, detectedType, { maxPages: limits.maxPages, ocr: options.ocr ?? null });
    const normalized = normalizeText(extracted);
    context.timings.extractMs = clock() - started;
    const textless = pagesWithoutText(normalized);
    const pageCount = normalized.paged ? normalized.pageStarts.length : null;
    const notes = [...normalized.notes];
    const ocrRead = extracted.ocr?.pages.filter((page) => page.read) ?? [];
    if (ocrRead.length > 0) {
      const mean = Math.round(ocrRead.reduce((sum, page) => sum + page.confidence, 0) / ocrRead.length);
      notes.push(
        `${ocrRead.length} page${ocrRead.length === 1 ? ' was' : 's were'} read by OCR (pages ${compactRanges(ocrRead.map((page) => page.page))}; mean confidence ${mean} of 100): quotes from them may differ from the paper.`,
      );
    }
    if (textless.length > 0 && textless.length < normalized.pageStarts.length) {
      notes.push(`${textless.length} of ${pageCount} pages have no text layer (pages ${compactRanges(textless)}); clauses on them cannot be found.`);
    }
    context.document = {
      ...context.document,
      pages: pageCount,
      pagesWithoutText: textless,
      characters: normalized.text.length,
      language: guessLanguage(normalized.text),
      extractionNotes: notes,
      parties: findParties(normalized.text),
      ocr: extracted.ocr ?? null,
    };
    // A PDF page with a few stray characters is a scan; a short text or Word file is still text.
    const noText = normalized.paged ? textless.length === normalized.pageStarts.length : normalized.text.trim().length === 0;
    if (noText) throw noTextError(detectedType, pageCount ?? 1, extracted.ocr !== undefined);

    const segmentStarted = clock();
    const segments = segment(normalized.text);
    context.timings.segmentMs = clock() - segmentStarted;

    const analyzeStarted = clock();
    const index = new TextIndex(normalized, segments);
    const graded = analyzeSegments(index, options.library, {
      model: options.model === undefined ? loadDefaultModel() : options.model,
      language: context.document.language,
      names: context.document.parties.flatMap((party) => [party.name, party.role]),
    });
    const watchlist = options.watchlist ?? loadDefaultWatchlist();
    const signals = findExposureSignals(index, watchlist);
    context.timings.analyzeMs = clock() - analyzeStarted;

    const base = baseReport(context);
    // Regime status is judged on the analysis date; severity combines each verdict with the exposure.
    const assessment = assessExposure(signals, watchlist, base.analyzedAt);
    const findings = applyExposureSeverity(graded, assessment, watchlist);
    const report: Report = {
      ...base,
      status: 'ok',
      error: null,
      summary: {
        overallSeverity: maxSeverity(findings.map((finding) => finding.severity)),
        verdicts: Object.fromEntries(findings.map((finding) => [finding.clauseType, finding.verdict])),
        sections: segments.filter((segment) => segment.parent === null).length,
        reviewNeeded: findings.some((finding) => finding.review.needed),
      },
      findings,
      exposure: assessment.exposure,
    };
    return { report, text: normalized.text, segments };
  } catch (error) {
    return { report: errorReport(context, toClausewatchError(error)), ...empty };
  }
}

/** "1-3, 7, 9-10" for a sorted list of page numbers. */
export function compactRanges(numbers: readonly number[]): string {
  const ranges: string[] = [];
  for (let index = 0; index < numbers.length; ) {
    let end = index;
    while (end + 1 < numbers.length && numbers[end + 1] === numbers[end]! + 1) end++;
    ranges.push(end > index ? `${numbers[index]}-${numbers[end]}` : `${numbers[index]}`);
    index = end + 1;
  }
  return ranges.join(', ');
}
