import { franc } from 'franc-min';
import { compileForDocument, type CompiledClauseType } from './analysis/patterns.js';
import { locateClause, type Located, type LocatedPart } from './analysis/locate.js';
import { flattenLines } from './analysis/sentences.js';
import { clauseSentences, findElement, operativeSentences, sentencesElsewhere } from './analysis/elements.js';
import { maxSeverity, severityFor, verdictFor } from './analysis/grade.js';
import { ClauseSimilarity } from './analysis/similarity.js';
import { ClausewatchError, toClausewatchError } from './errors.js';
import { assessExposure } from './exposure/assess.js';
import { loadDefaultWatchlist } from './exposure/load.js';
import { applyExposureSeverity } from './exposure/severity.js';
import { findExposureSignals } from './exposure/signals.js';
import { describeType, extractText, type DetectedType } from './extract/index.js';
import type { ClauseLibrary, ClauseType } from './library/schema.js';
import { MIN_PAGE_CHARS, normalizeText, pageAt, type NormalizedText } from './normalize.js';
import {
  REPORT_SCHEMA_VERSION,
  type DocumentFacts,
  type ElementResult,
  type Evidence,
  type Finding,
  type Report,
  type Source,
} from './report/schema.js';
import { findParties } from './parties.js';
import { headingOf, sectionLabel, segment, type Segment } from './segment.js';
import { baseReport, DEFAULT_LIMITS, errorReport, initialFacts, type AnalyzeOptions, type Limits, type ReportContext } from './report/build.js';

export { DEFAULT_LIMITS, rejectionReport, type AnalyzeOptions, type KnownFacts, type Limits, type ReportOptions } from './report/build.js';

export interface Analysis {
  report: Report;
  text: string;
  segments: Segment[];
}

const EXCERPT_LIMIT = 1_500;

function guessLanguage(text: string): string | null {
  const code = franc(text.slice(0, 20_000), { minLength: 50 });
  return code === 'und' ? null : code;
}


function location(text: NormalizedText, segments: readonly Segment[], index: number, start: number, end: number) {
  const own = segments[index] ?? null;
  const titled = headingOf(segments, index);
  return {
    section: own?.number ?? titled?.number ?? null,
    heading: titled?.heading ?? null,
    page: pageAt(text, start),
    start,
    end,
  };
}

function gradeClause(
  normalized: NormalizedText,
  segments: readonly Segment[],
  compiled: CompiledClauseType,
  located: Located,
  searched: Finding['searched'],
): Finding {
  const type = compiled.type;
  const text = flattenLines(normalized.text);
  const groups = located.present ? clauseSentences(text, segments, located.parts, compiled) : [];
  const operativeGroups = operativeSentences(text, groups, compiled.operative);
  const elsewhere: LocatedPart[] = [];
  const elements: ElementResult[] = type.elements.map((element, index) => {
    const rules = compiled.elements[index]!;
    const scope = rules.judgeOn === 'operative' ? operativeGroups : groups;
    let match = located.present ? findElement(text, scope, rules.rules) : null;
    if (!match && located.present && rules.anywhere) {
      // A part of the provision written elsewhere (a termination right in the Term article).
      match = findElement(text, [sentencesElsewhere(text, segments, rules.anywhere, located.parts)], rules.rules);
      if (match && !elsewhere.some((part) => part.segment === match!.segment)) {
        const segment = segments[match.segment]!;
        elsewhere.push({ role: 'reference', segment: segment.index, start: segment.start, end: segment.end, score: 0 });
      }
    }
    const evidence: Evidence | null = match
      ? {
          quote: normalized.text.slice(match.start, match.end),
          page: pageAt(normalized, match.start),
          start: match.start,
          end: match.end,
          section: sectionLabel(segments, match.segment),
        }
      : null;
    return {
      id: element.id,
      title: element.title,
      present: match !== null,
      required: type.policy.adequateRequires.includes(element.id),
      explanation: element.explanation,
      evidence,
    };
  });
  const held = new Set(elements.filter((element) => element.present).map((element) => element.id));
  const verdict = verdictFor(type, located.present, held);
  const { severity, reason } = severityFor(verdict);
  const missingElements = elements.filter((element) => !element.present).map((element) => element.id);
  const recommendations =
    verdict === 'missing'
      ? [{ element: null, text: type.recommendationWhenMissing, suggestedWording: type.suggestedClause }]
      : type.elements
          .filter((element) => !held.has(element.id))
          .map((element) => ({ element: element.id, text: element.recommendation, suggestedWording: element.suggestedWording }));
  const primary = located.parts[0];
  const parts = [...located.parts, ...elsewhere].map((part) => ({ role: part.role, score: part.score, ...location(normalized, segments, part.segment, part.start, part.end) }));
  const excerpt = primary ? normalized.text.slice(primary.start, Math.min(primary.end, primary.start + EXCERPT_LIMIT)) : null;
  // Confidence: how clearly the clause was located (or, when missing, how much of the document could be read).
  const coverage = searched && searched.pagesTotal ? (searched.pagesWithText ?? 0) / searched.pagesTotal : 1;
  const confidence = located.present
    ? Math.min(0.99, 0.5 + located.score / (2 * (type.threshold + 6)))
    : Math.max(0.1, Math.min(0.95, 0.95 * coverage - Math.max(0, ...located.nearMisses.map((miss) => miss.score)) / 20));
  return {
    clauseType: type.id,
    title: type.title,
    present: located.present,
    verdict,
    severity,
    severityReason: reason,
    confidence: Math.round(confidence * 100) / 100,
    location: parts[0] ? { section: parts[0].section, heading: parts[0].heading, page: parts[0].page, start: parts[0].start, end: parts[0].end } : null,
    parts,
    excerpt,
    elements,
    missingElements,
    recommendations,
    rationale: located.rationale,
    searched: verdict === 'missing' ? searched : null,
  };
}

function noTextError(type: DetectedType, pages: number): ClausewatchError {
  if (type === 'pdf') {
    return new ClausewatchError(
      'no_text_layer',
      `The PDF has ${pages} page${pages === 1 ? '' : 's'} but no text layer: it looks like a scan. Run it through OCR (or export the original document as PDF) and upload it again.`,
    );
  }
  return new ClausewatchError('empty', `The ${describeType(type)} contains no text.`);
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
    const extracted = await extractText(bytes, detectedType, limits);
    const normalized = normalizeText(extracted);
    context.timings.extractMs = clock() - started;
    const pagesWithoutText = normalized.pageChars.flatMap((chars, index) => (chars < MIN_PAGE_CHARS ? [index + 1] : []));
    const pageCount = normalized.paged ? normalized.pageStarts.length : null;
    const notes = [...normalized.notes];
    if (normalized.paged && pagesWithoutText.length > 0 && pagesWithoutText.length < normalized.pageStarts.length) {
      notes.push(`${pagesWithoutText.length} of ${pageCount} pages have no text layer (pages ${compactRanges(pagesWithoutText)}); clauses on them cannot be found.`);
    }
    context.document = {
      ...context.document,
      pages: pageCount,
      pagesWithoutText: normalized.paged ? pagesWithoutText : [],
      characters: normalized.text.length,
      language: guessLanguage(normalized.text),
      extractionNotes: notes,
      parties: findParties(normalized.text),
    };
    if (normalized.pageChars.every((chars) => chars < MIN_PAGE_CHARS)) {
      throw noTextError(detectedType, pageCount ?? 1);
    }

    const segmentStarted = clock();
    const segments = segment(normalized.text);
    context.timings.segmentMs = clock() - segmentStarted;

    const analyzeStarted = clock();
    const graded = analyzeSegments(normalized, segments, options.library);
    const watchlist = options.watchlist ?? loadDefaultWatchlist();
    const signals = findExposureSignals(normalized, segments, watchlist);
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
      },
      findings,
      exposure: assessment.exposure,
    };
    return { report, text: normalized.text, segments };
  } catch (error) {
    return { report: errorReport(context, toClausewatchError(error)), ...empty };
  }
}

/** Locates and grades every clause type of the library in segmented text. */
export function analyzeSegments(normalized: NormalizedText, segments: readonly Segment[], library: ClauseLibrary): Finding[] {
  const text = flattenLines(normalized.text);
  const similarity = new ClauseSimilarity(
    segments.map((segment) => text.slice(segment.start, segment.end)),
    new Map(library.clauseTypes.map((type) => [type.id, type.referenceTexts])),
  );
  const topLevel = segments.filter((segment) => segment.parent === null);
  const pagesTotal = normalized.paged ? normalized.pageStarts.length : null;
  const pagesWithText = normalized.paged ? normalized.pageChars.filter((chars) => chars >= MIN_PAGE_CHARS).length : null;
  return library.clauseTypes.map((type) => {
    const compiled = compileForDocument(type, text);
    const located = locateClause(text, segments, compiled, similarity);
    const searched = {
      sectionsSearched: topLevel.length,
      headingsSearched: topLevel
        .map((segment) => [segment.number, segment.heading].filter(Boolean).join(' '))
        .filter((heading) => heading.length > 0)
        .slice(0, 100),
      charactersSearched: text.length,
      pagesWithText,
      pagesTotal,
      nearMisses: located.nearMisses.map((miss) => ({
        ...location(normalized, segments, miss.segment, miss.start, miss.end),
        score: miss.score,
        reason: miss.reason,
      })),
    };
    return gradeClause(normalized, segments, compiled, located, searched);
  });
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
