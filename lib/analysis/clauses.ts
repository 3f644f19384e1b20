import type { SentenceModel } from '../learn/model.js';
import type { ClauseLibrary, ClauseType } from '../library/schema.js';
import { MIN_PAGE_CHARS, type NormalizedText } from '../normalize.js';
import type { Finding, Location } from '../report/schema.js';
import type { Segment } from '../segment.js';
import { buildFinding, location, type ModelEvidence } from './finding.js';
import { locateClause, type Located } from './locate.js';
import { compileForDocument } from './patterns.js';
import { reviewFinding, type ReviewInput } from './review.js';
import { bestSentence, inside, roundProbability, scoreSentences, type ScoredSentences } from './second-opinion.js';
import { flattenLines } from './sentences.js';
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
}

/** A located provision made of the classifier's most probable sentence. */
function modelLocated(scored: ScoredSentences, index: number, probability: number, where: Location): Located {
  const sentence = scored.sentences[index]!;
  return {
    present: true,
    parts: [{ role: 'primary', segment: sentence.segment, start: sentence.start, end: sentence.end, score: 0 }],
    score: 0,
    rationale: [`Found by the sentence classifier (probability ${probability.toFixed(2)}) in ${where.section ? `section ${where.section}` : 'an unnumbered passage'}; the rules did not accept it.`],
    nearMisses: [],
  };
}

function searchRecord(normalized: NormalizedText, segments: readonly Segment[], located: Located, text: string): Finding['searched'] {
  const topLevel = segments.filter((segment) => segment.parent === null);
  return {
    sectionsSearched: topLevel.length,
    headingsSearched: topLevel
      .map((segment) => [segment.number, segment.heading].filter(Boolean).join(' '))
      .filter((heading) => heading.length > 0)
      .slice(0, 100),
    charactersSearched: text.length,
    pagesWithText: normalized.paged ? normalized.pageChars.filter((chars) => chars >= MIN_PAGE_CHARS).length : null,
    pagesTotal: normalized.paged ? normalized.pageStarts.length : null,
    nearMisses: located.nearMisses.map((miss) => ({ ...location(normalized, segments, miss.segment, miss.start, miss.end), score: miss.score, reason: miss.reason })),
  };
}

function analyzeClause(
  normalized: NormalizedText,
  segments: readonly Segment[],
  type: ClauseType,
  text: string,
  similarity: ClauseSimilarity,
  scored: ScoredSentences | null,
  options: ClauseAnalysisOptions & { uncoveredLanguage: string | null; pagesWithoutText: number[] },
): Finding {
  const compiled = compileForDocument(type, text);
  let located = locateClause(text, segments, compiled, similarity);
  const classifier = scored ? options.model?.clauses[type.id] : undefined;
  const useful = classifier && classifier.use !== 'off' ? classifier : undefined;
  let foundByModel: ReviewInput['foundByModel'] = null;
  let possibleProvision: ReviewInput['possibleProvision'] = null;
  if (!located.present && useful && scored) {
    const opinion = bestSentence(useful, scored);
    if (opinion.index >= 0 && opinion.probability >= useful.threshold) {
      const sentence = scored.sentences[opinion.index]!;
      const where = location(normalized, segments, sentence.segment, sentence.start, sentence.end);
      const probability = roundProbability(opinion.probability);
      if (useful.use === 'accept') {
        located = modelLocated(scored, opinion.index, probability, where);
        foundByModel = { probability, location: where };
      } else {
        possibleProvision = { probability, location: where };
      }
    }
  }
  const elementClassifier = (elementId: string) => {
    const found = scored ? options.model?.elements[`${type.id}/${elementId}`] : undefined;
    return found && found.use !== 'off' ? found : undefined;
  };
  const modelEvidence: ModelEvidence | null = scored
    ? (elementId, parts) => {
        const element = elementClassifier(elementId);
        if (!element || element.use !== 'accept') return null;
        const opinion = bestSentence(element, scored, inside(parts));
        if (opinion.index < 0 || opinion.probability < element.threshold) return null;
        return { ...scored.sentences[opinion.index]!, probability: opinion.probability };
      }
    : null;
  const finding = buildFinding(normalized, segments, compiled, located, searchRecord(normalized, segments, located, text), modelEvidence);
  const partRanges = finding.parts;
  const elementDisagreements: Array<ReviewInput['elementDisagreements'][number]> = [];
  if (finding.present && scored) {
    for (const element of finding.elements) {
      const classifierOfElement = elementClassifier(element.id);
      if (!element.required || !classifierOfElement) continue;
      if (element.foundBy === 'model') {
        elementDisagreements.push({ element: element.id, title: element.title, rules: false, probability: 1, location: null });
        continue;
      }
      if (element.present) continue;
      const opinion = bestSentence(classifierOfElement, scored, inside(partRanges));
      if (opinion.index < 0 || opinion.probability < classifierOfElement.threshold) continue;
      const sentence = scored.sentences[opinion.index]!;
      elementDisagreements.push({
        element: element.id,
        title: element.title,
        rules: false,
        probability: roundProbability(opinion.probability),
        location: location(normalized, segments, sentence.segment, sentence.start, sentence.end),
      });
    }
  }
  const review = reviewFinding({
    finding,
    uncoveredLanguage: options.uncoveredLanguage,
    pagesWithoutText: options.pagesWithoutText,
    foundByModel,
    possibleProvision,
    provisionProbability: finding.present && useful && scored && !foundByModel ? bestSentence(useful, scored, inside(partRanges)).probability : null,
    elementDisagreements,
  });
  // A verdict on text the library cannot read is no more than a guess.
  const confidence = options.uncoveredLanguage ? Math.min(finding.confidence, 0.2) : finding.confidence;
  return { ...finding, confidence, review };
}

/** Locates and grades every clause type of the library in segmented text. */
export function analyzeSegments(
  normalized: NormalizedText,
  segments: readonly Segment[],
  library: ClauseLibrary,
  options: ClauseAnalysisOptions = { model: null, language: null },
): Finding[] {
  const text = flattenLines(normalized.text);
  const similarity = new ClauseSimilarity(
    segments.map((segment) => text.slice(segment.start, segment.end)),
    new Map(library.clauseTypes.map((type) => [type.id, type.referenceTexts])),
  );
  const scored = options.model ? scoreSentences(text, segments) : null;
  const uncoveredLanguage = options.language && !library.languages.includes(options.language) ? options.language : null;
  const pagesWithoutText = normalized.paged ? normalized.pageChars.flatMap((chars, index) => (chars < MIN_PAGE_CHARS ? [index + 1] : [])) : [];
  return library.clauseTypes.map((type) => analyzeClause(normalized, segments, type, text, similarity, scored, { ...options, uncoveredLanguage, pagesWithoutText }));
}
