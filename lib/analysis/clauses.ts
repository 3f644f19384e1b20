import type { SentenceModel } from '../learn/model.js';
import type { ClauseLibrary, ClauseType } from '../library/schema.js';
import { pagesWithoutText } from '../normalize.js';
import type { Finding, Location } from '../report/schema.js';
import type { Segment } from '../segment.js';
import type { TextIndex } from '../text-index.js';
import { excludedFor } from './elements.js';
import { buildFinding, type ElementOpinion, type GradedFinding } from './finding.js';
import { classifierMayTake, locateClause, type Located } from './locate.js';
import { compileSpec } from '../library/pattern.js';
import { test } from '../regex.js';
import { compileClauseType, compileForDocument, passesGate } from './patterns.js';
import { reviewFinding, type ReviewInput } from './review.js';
import { bestSentence, bestSentenceIn, roundProbability, scoreSentences, type ScoredSentences } from './second-opinion.js';
import { withoutTradeWordsInNames } from './names.js';
import { flattenLines, splitSentences, type DocumentSentence } from './sentences.js';
import { ClauseSimilarity } from './similarity.js';

/*
 * Every clause type of the library, located and graded in one document: the rules first, then the
 * sentence classifier's second opinion (it may find what the rules missed where cross-validation
 * showed that helps, and otherwise only flags disagreement), then whether a person should review.
 */

export interface ClauseAnalysisOptions {
  /** The sentence classifier; null to use the rules alone. */
  model: SentenceModel | null;
  /** The document's language (ISO 639-3) when known. */
  language: string | null;
  /** The contracting parties' names and defined roles, whose words are not clause wording (see `withoutTradeWordsInNames`). */
  names?: readonly string[];
}

/** A located provision made of the classifier's most probable sentence. */
function modelLocated(sentence: DocumentSentence, probability: number, where: Location): Located {
  return {
    present: true,
    parts: [{ role: 'primary', segment: sentence.segment, start: sentence.start, end: sentence.end, score: 0 }],
    score: 0,
    rationale: [
      `Found by the sentence classifier (probability ${probability.toFixed(2)}) in ${where.section ? `section ${where.section}` : 'an unnumbered passage'}; the rules did not accept it.`,
    ],
    nearMisses: [],
  };
}

function searchRecord(index: TextIndex, located: Located, text: string, textless: readonly number[]): Finding['searched'] {
  const { normalized, segments } = index;
  const topLevel = segments.filter((segment) => segment.parent === null);
  return {
    sectionsSearched: topLevel.length,
    headingsSearched: topLevel
      .map((segment) => [segment.number, segment.heading].filter(Boolean).join(' '))
      .filter((heading) => heading.length > 0)
      .slice(0, 100),
    charactersSearched: text.length,
    pagesWithText: normalized.paged ? normalized.pageStarts.length - textless.length : null,
    pagesTotal: normalized.paged ? normalized.pageStarts.length : null,
    nearMisses: located.nearMisses.map((miss) => ({
      ...index.location(miss.segment, miss.start, miss.end),
      score: miss.score,
      reason: miss.reason,
    })),
  };
}

/** For a missing clause, the near miss that scored highest, as a place to look. */
function closestMiss(finding: Pick<Finding, 'present' | 'searched'>): ReviewInput['nearMiss'] {
  const miss = finding.present ? undefined : finding.searched?.nearMisses[0];
  if (!miss) return null;
  const { score, reason, ...location } = miss;
  return { score, reason, location };
}

function analyzeClause(
  index: TextIndex,
  type: ClauseType,
  text: string,
  similarity: ClauseSimilarity,
  scored: ScoredSentences | null,
  options: ClauseAnalysisOptions & { uncoveredLanguage: string | null; pagesWithoutText: number[]; ocrPages: ReviewInput['ocrPages'] },
): GradedFinding {
  const { segments } = index;
  const compiled = compileForDocument(type, text);
  let located = locateClause(text, segments, compiled, similarity);
  const classifier = scored ? options.model?.clauses[type.id] : undefined;
  // Where the rules found the clause, the classifier reads only its parts (below); elsewhere, the whole document.
  // The sentences are scored once for the whole document; a clause that yields sentences to another
  // (see withoutYieldedSentences) reads only those it still holds, like its rules.
  const own = (sentence: DocumentSentence) => scored === null || scored.readsAlikeIn(text, sentence);
  const mayTake = scored && !located.present ? classifierMayTake(compiled, text, segments) : null;
  const opinion = classifier && scored && mayTake ? bestSentence(classifier, scored, (sentence) => own(sentence) && mayTake(sentence)) : null;
  const at = (sentence: DocumentSentence) => index.location(sentence.segment, sentence.start, sentence.end);
  let foundByModel: ReviewInput['foundByModel'] = null;
  let possibleProvision: ReviewInput['possibleProvision'] = null;
  if (classifier && opinion && scored) {
    const probability = roundProbability(opinion.probability);
    if (!located.present && opinion.sentence && classifier.accept !== null && opinion.probability >= classifier.accept) {
      foundByModel = { probability, location: at(opinion.sentence) };
      located = modelLocated(opinion.sentence, probability, foundByModel.location);
    } else if (!located.present && opinion.sentence && opinion.probability >= classifier.review) {
      possibleProvision = { probability, location: at(opinion.sentence) };
    }
  }
  // The classifier reads an element only in sentences its rules do not exclude.
  const admissible = (elementId: string) => {
    const element = compiled.elements.find((candidate) => candidate.id === elementId);
    return (sentence: DocumentSentence) => own(sentence) && !(element && excludedFor(element, text.slice(sentence.start, sentence.end)));
  };
  const elementOpinion: ElementOpinion | null = scored
    ? (elementId, parts) => {
        const element = options.model?.elements[`${type.id}/${elementId}`];
        if (!element) return null;
        const best = bestSentenceIn(element, scored, parts, admissible(elementId));
        return { sentence: best.sentence, probability: best.probability, accept: element.accept };
      }
    : null;
  const finding = buildFinding(index, compiled, located, searchRecord(index, located, text, options.pagesWithoutText), elementOpinion, text);
  const elementDisagreements: Array<ReviewInput['elementDisagreements'][number]> = [];
  if (finding.present && scored) {
    for (const element of finding.elements) {
      const elementClassifier = options.model?.elements[`${type.id}/${element.id}`];
      if (!element.required || !elementClassifier) continue;
      if (element.foundBy === 'model') {
        const evidence = element.evidence;
        const where = evidence ? { section: evidence.section, heading: null, page: evidence.page, start: evidence.start, end: evidence.end } : null;
        elementDisagreements.push({ element: element.id, title: element.title, foundByModel: true, probability: 1, location: where });
        continue;
      }
      if (element.present) continue;
      const best = bestSentenceIn(elementClassifier, scored, finding.parts, admissible(element.id));
      if (!best.sentence || best.probability < elementClassifier.review) continue;
      elementDisagreements.push({
        element: element.id,
        title: element.title,
        foundByModel: false,
        probability: roundProbability(best.probability),
        location: at(best.sentence),
      });
    }
  }
  const review = reviewFinding({
    finding,
    uncoveredLanguage: options.uncoveredLanguage,
    pagesWithoutText: options.pagesWithoutText,
    ocrPages: options.ocrPages,
    foundByModel,
    possibleProvision,
    nearMiss: closestMiss(finding),
    definitionOnly: located.definitionOnly && finding.location ? finding.location : null,
    wordsOnly: located.wordsOnly && finding.location ? finding.location : null,
    provisionProbability: finding.present && classifier && scored && !foundByModel ? bestSentenceIn(classifier, scored, finding.parts, own).probability : null,
    elementDisagreements,
  });
  // A verdict on text the library cannot read is no more than a guess.
  const confidence = options.uncoveredLanguage ? Math.min(finding.confidence, 0.2) : finding.confidence;
  return { ...finding, confidence, review };
}

/** Locates and grades every clause type of the library in a segmented document. */
export function analyzeSegments(index: TextIndex, library: ClauseLibrary, options: ClauseAnalysisOptions = { model: null, language: null }): GradedFinding[] {
  const { normalized, segments } = index;
  const text = withoutTradeWordsInNames(flattenLines(normalized.text), options.names ?? []);
  const similarity = new ClauseSimilarity(
    segments.map((segment) => text.slice(segment.start, segment.end)),
    new Map(library.clauseTypes.map((type) => [type.id, type.referenceTexts])),
  );
  const scored = options.model ? scoreSentences(text, segments) : null;
  const uncoveredLanguage = options.language && !library.languages.includes(options.language) ? options.language : null;
  const textless = pagesWithoutText(normalized);
  const ocrPages = (normalized.pageOcr ?? []).flatMap((confidence, page) => (confidence === null ? [] : [{ page: page + 1, confidence }]));
  const findings: GradedFinding[] = [];
  for (const type of library.clauseTypes) {
    const own = type.yieldTo ? withoutYieldedSentences(text, segments, type, findings) : text;
    findings.push(analyzeClause(index, type, own, similarity, scored, { ...options, uncoveredLanguage, pagesWithoutText: textless, ocrPages }));
  }
  return findings;
}

/**
 * The text with the sentences this clause type yields to other located provisions blanked out
 * (same length, so offsets hold): an export-control locator does not see "embargoes" in a
 * force-majeure event list, and neither does its classifier.
 */
export function withoutYieldedSentences(
  text: string,
  segments: readonly Segment[],
  type: ClauseType,
  findings: readonly Pick<Finding, 'clauseType' | 'present' | 'parts'>[],
): string {
  const { yieldTo } = type;
  if (!yieldTo) return text;
  const compiled = compileClauseType(type);
  const unless = yieldTo.unless.map(compileSpec);
  const blanks: Array<[number, number]> = [];
  for (const finding of findings) {
    if (!finding.present || !yieldTo.clauseTypes.includes(finding.clauseType)) continue;
    for (const part of finding.parts) {
      if (part.role === 'reference') continue;
      for (const segment of segments) {
        if (segment.end <= part.start || segment.start >= part.end) continue;
        for (const sentence of splitSentences(text, Math.max(segment.start, part.start), Math.min(segment.end, part.end))) {
          const body = text.slice(sentence.start, sentence.end);
          if (passesGate(compiled, body) && !unless.some((pattern) => test(pattern, body))) {
            blanks.push([sentence.start, sentence.end]);
          }
        }
      }
    }
  }
  if (blanks.length === 0) return text;
  blanks.sort((a, b) => a[0] - b[0]);
  const pieces: string[] = [];
  let at = 0;
  for (const [start, end] of blanks) {
    if (end <= at) continue;
    const from = Math.max(start, at);
    pieces.push(text.slice(at, from), text.slice(from, end).replace(/[^\n]/g, ' '));
    at = end;
  }
  pieces.push(text.slice(at));
  return pieces.join('');
}
