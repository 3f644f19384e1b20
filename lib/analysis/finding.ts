import type { ElementResult, Finding } from '../report/schema.js';
import type { TextIndex } from '../text-index.js';
import { citationsOf, clauseSentences, findElement, MIN_EVIDENCE, operativeSentences, quoteRange, sentencesElsewhere, type ElementMatch } from './elements.js';
import { verdictFor } from './grade.js';
import type { Located, LocatedPart } from './locate.js';
import type { CompiledClauseType } from './patterns.js';
import { flattenLines } from './sentences.js';

/*
 * A located clause graded into a finding: each element's evidence (a verbatim quote with its
 * section and page), the verdict by the library's policy, recommendations for what is missing,
 * and a confidence.
 */

/** A finding as grading leaves it: its severity comes later, once, from the verdict and the contract's exposure. */
export type GradedFinding = Omit<Finding, 'severity' | 'severityReason'>;

const EXCERPT_LIMIT = 1_500;
/** A clause taken on its words alone (nothing operative recognised) is reported below the threshold's 0.5. */
const WORDS_ONLY_CONFIDENCE = 0.45;

/** The classifier's opinion of an element: its most probable sentence in the provision, and its thresholds. */
export type ElementOpinion = (
  elementId: string,
  parts: readonly LocatedPart[],
) => { sentence: ElementMatch | null; probability: number; accept: number | null } | null;

export function buildFinding(
  index: TextIndex,
  compiled: CompiledClauseType,
  located: Located,
  searched: Finding['searched'],
  elementOpinion: ElementOpinion | null = null,
  text: string = flattenLines(index.text),
): Omit<GradedFinding, 'review'> {
  const { normalized, segments } = index;
  const type = compiled.type;
  const groups = located.present ? clauseSentences(text, segments, located.parts, compiled) : [];
  const operative = operativeSentences(text, groups, compiled.operative, compiled.gate);
  // A sentence that cites the provision by number ("if you breach Section 9") is tied to it as
  // surely as one that names its subject.
  const citations = located.present ? citationsOf(segments, located.parts) : [];
  const elsewhere: LocatedPart[] = [];
  const elements: ElementResult[] = type.elements.map((element, position) => {
    const rules = compiled.elements[position]!;
    let foundBy: ElementResult['foundBy'] = 'rules';
    let match: ElementMatch | null = located.present ? findElement(text, rules.judgeOn === 'operative' ? operative : groups, rules.rules) : null;
    if (!match && located.present && rules.anywhere) {
      // A part of the provision written elsewhere (a termination right in the Term article).
      match = findElement(text, [sentencesElsewhere(text, segments, [...rules.anywhere, ...citations], located.parts)], rules.rules);
      if (match && !elsewhere.some((part) => part.segment === match!.segment)) {
        const segment = segments[match.segment]!;
        elsewhere.push({ role: 'reference', segment: segment.index, start: segment.start, end: segment.end, score: 0 });
      }
    }
    const opinion = located.present && elementOpinion ? elementOpinion(element.id, located.parts) : null;
    if (opinion && !match && opinion.sentence && opinion.accept !== null && opinion.probability >= opinion.accept) {
      const [start, end] = quoteRange(text, opinion.sentence.start, opinion.sentence.end, opinion.sentence.start, opinion.sentence.end);
      match = { start, end, segment: opinion.sentence.segment };
      foundBy = 'model';
    }
    let evidence = match ? index.quote(match.start, match.end, match.segment) : null;
    // A classifier's sentence is evidence only with a quote of its own; without one the element
    // stays with the rules' answer.
    if (foundBy === 'model' && evidence && evidence.quote.length < MIN_EVIDENCE) {
      match = null;
      evidence = null;
    }
    return {
      id: element.id,
      title: element.title,
      present: match !== null,
      foundBy: match ? (foundBy as ElementResult['foundBy']) : null,
      required: type.policy.adequateRequires.includes(element.id),
      explanation: element.explanation,
      evidence,
    };
  });
  const held = new Set(elements.filter((element) => element.present).map((element) => element.id));
  const verdict = verdictFor(type, located.present, held);
  const recommendations =
    verdict === 'missing'
      ? [{ element: null, text: type.recommendationWhenMissing, suggestedWording: type.suggestedClause }]
      : type.elements
          .filter((element) => !held.has(element.id))
          .map((element) => ({ element: element.id, text: element.recommendation, suggestedWording: element.suggestedWording }));
  const primary = located.parts[0];
  const parts = [...located.parts, ...elsewhere].map((part) => ({
    role: part.role,
    score: part.score,
    ...index.location(part.segment, part.start, part.end),
  }));
  const excerpt = primary ? normalized.text.slice(primary.start, Math.min(primary.end, primary.start + EXCERPT_LIMIT)) : null;
  // Confidence: how clearly the clause was located (or, when missing, how much of the document could be read).
  const coverage = searched?.pagesTotal ? (searched.pagesWithText ?? 0) / searched.pagesTotal : 1;
  const confidence = located.present
    ? Math.min(located.wordsOnly ? WORDS_ONLY_CONFIDENCE : 0.99, 0.5 + located.score / (2 * (type.threshold + 6)))
    : Math.max(0.1, Math.min(0.95, 0.95 * coverage - Math.max(0, ...located.nearMisses.map((miss) => miss.score)) / 20));
  return {
    clauseType: type.id,
    title: type.title,
    present: located.present,
    verdict,
    confidence: Math.round(confidence * 100) / 100,
    location: parts[0] ? { section: parts[0].section, heading: parts[0].heading, page: parts[0].page, start: parts[0].start, end: parts[0].end } : null,
    parts,
    excerpt,
    elements,
    missingElements: elements.filter((element) => !element.present).map((element) => element.id),
    recommendations,
    rationale: located.rationale,
    searched: verdict === 'missing' ? searched : null,
  };
}
