import type { Finding, Location, Review, ReviewReason } from '../report/schema.js';

/*
 * When to ask a person to check a finding. A confident wrong verdict costs more than an honest
 * "please check", so a finding is marked for review when its language is not covered, when text
 * was missing, when it was only just recognised, when it states almost nothing, when a passage came
 * close to being accepted as a missing clause, when only the definition of its term was found, when
 * it was taken on its words alone, or
 * when the rules and the sentence classifier disagree about the clause or about an element the
 * verdict needs.
 */

/** Below this confidence a located clause is marked for review. */
export const LOW_CONFIDENCE = 0.6;
/** Below this probability for every sentence of a located provision, the classifier does not recognise it. */
export const MODEL_DOES_NOT_RECOGNISE = 0.1;
/** OCR'd text read with a lower mean confidence (0–100) may hold misread words: a person should compare it with the paper. */
export const OCR_REVIEW_BELOW = 80;
/**
 * A passage with the clause's defining words that scored at least this much, but was not accepted
 * (too few cues, or nothing it excuses that the rules read), makes a "missing" verdict worth a look.
 */
export const NEAR_MISS_REVIEW = 2;

export interface ReviewInput {
  finding: Pick<Finding, 'title' | 'present' | 'confidence' | 'elements' | 'location'>;
  /** The document's language when the library does not cover it (ISO 639-3), else null. */
  uncoveredLanguage: string | null;
  pagesWithoutText: readonly number[];
  /** The pages read by OCR, with their confidence (0–100). */
  ocrPages: ReadonlyArray<{ page: number; confidence: number }>;
  /** The provision was found by the classifier, not by the rules. */
  foundByModel: { probability: number; location: Location } | null;
  /** For a missing clause: the classifier's most probable sentence, when it clears the review threshold. */
  possibleProvision: { probability: number; location: Location } | null;
  /** For a missing clause: the passage that came closest to being accepted, with its score and why it was not. */
  nearMiss: { score: number; reason: string; location: Location } | null;
  /** For a located clause: the classifier's highest probability over its sentences. */
  provisionProbability: number | null;
  /** For a present clause found only as the definition of its term: where that definition is. */
  definitionOnly: Location | null;
  /** For a present clause taken on its words alone (nothing it excuses or requires was recognised): where it is. */
  wordsOnly: Location | null;
  /** Required elements the rules did not find: found by the classifier, or read by it in a passage of the provision. */
  elementDisagreements: ReadonlyArray<{ element: string; title: string; foundByModel: boolean; probability: number; location: Location | null }>;
}

const reason = (code: ReviewReason['code'], message: string, element: string | null = null, location: Location | null = null): ReviewReason => ({
  code,
  message,
  element,
  location,
});

const where = (location: Location | null) =>
  location ? `${location.section ? `section ${location.section}` : 'the passage'}${location.page ? ` on page ${location.page}` : ''}` : 'the passage';

export function reviewFinding(input: ReviewInput): Review {
  const { finding } = input;
  const reasons: ReviewReason[] = [];
  const clause = finding.title.toLowerCase();
  if (input.uncoveredLanguage) {
    reasons.push(
      reason(
        'language_not_covered',
        `The document appears to be in a language the clause library does not cover (${input.uncoveredLanguage}); the ${clause} check was not made and the verdict is not reliable.`,
      ),
    );
  }
  if (!finding.present && input.pagesWithoutText.length > 0) {
    reasons.push(reason('text_incomplete', `${input.pagesWithoutText.length} page(s) had no text and were not searched; the clause may be on them.`));
  }
  if (input.foundByModel) {
    reasons.push(
      reason(
        'found_by_model',
        `The ${clause} provision in ${where(input.foundByModel.location)} was recognised by the sentence classifier (probability ${input.foundByModel.probability.toFixed(2)}) but not by the rules: confirm it.`,
        null,
        input.foundByModel.location,
      ),
    );
  }
  if (input.possibleProvision) {
    reasons.push(
      reason(
        'possible_provision',
        `No ${clause} provision was accepted, but ${where(input.possibleProvision.location)} reads like one to the sentence classifier (probability ${input.possibleProvision.probability.toFixed(2)}): check it before relying on "missing".`,
        null,
        input.possibleProvision.location,
      ),
    );
  }
  if (!finding.present && !input.possibleProvision && input.nearMiss && input.nearMiss.score >= NEAR_MISS_REVIEW) {
    reasons.push(
      reason(
        'near_miss',
        `No ${clause} provision was accepted, but ${where(input.nearMiss.location)} uses its words and came close (${input.nearMiss.reason}): check it before relying on "missing".`,
        null,
        input.nearMiss.location,
      ),
    );
  }
  if (finding.present && input.definitionOnly) {
    reasons.push(
      reason(
        'definition_only',
        `Only the definition of the ${clause} term was found (${where(input.definitionOnly)}), with no clause that uses it: confirm where the contract applies it, or whether that clause is missing.`,
        null,
        input.definitionOnly,
      ),
    );
  }
  if (finding.present && input.wordsOnly) {
    reasons.push(
      reason(
        'words_only',
        `${where(input.wordsOnly)} uses the ${clause} clause's words, but nothing it excuses or requires could be read: confirm that it is a ${clause} provision, and which elements it states.`,
        null,
        input.wordsOnly,
      ),
    );
  }
  if (finding.present && !input.foundByModel && input.provisionProbability !== null && input.provisionProbability < MODEL_DOES_NOT_RECOGNISE) {
    reasons.push(reason('model_disagrees', `The sentence classifier does not recognise the located text as a ${clause} provision: confirm that it is one.`));
  }
  for (const disagreement of input.elementDisagreements) {
    reasons.push(
      reason(
        'model_disagrees',
        disagreement.foundByModel
          ? `"${disagreement.title}" was found by the sentence classifier, not by the rules: confirm the quoted evidence.`
          : `The rules did not find "${disagreement.title}", but ${where(disagreement.location)} may state it (classifier probability ${disagreement.probability.toFixed(2)}).`,
        disagreement.element,
        disagreement.location,
      ),
    );
  }
  if (finding.present && !input.foundByModel && !input.wordsOnly && finding.confidence < LOW_CONFIDENCE) {
    reasons.push(reason('low_confidence', `The ${clause} provision was only just recognised (confidence ${finding.confidence.toFixed(2)}).`));
  }
  const ocrConcern = ocrReview(input);
  if (ocrConcern) reasons.push(ocrConcern);
  if (finding.present && finding.elements.filter((element) => element.present).length === 0) {
    reasons.push(reason('thin_evidence', `The ${clause} provision states none of the elements checked: confirm what it covers.`));
  }
  return { needed: reasons.length > 0, reasons };
}

/**
 * A finding that rests on OCR'd text read with low confidence (its location or an element's
 * evidence), or a missing clause in a document with such pages: the words may be misread.
 */
function ocrReview({ finding, ocrPages }: ReviewInput): ReviewReason | null {
  const poor = new Map(ocrPages.filter((page) => page.confidence < OCR_REVIEW_BELOW).map((page) => [page.page, page.confidence]));
  if (poor.size === 0) return null;
  const clause = finding.title.toLowerCase();
  if (!finding.present) {
    const pages = [...poor.keys()];
    return reason(
      'ocr_low_confidence',
      `No ${clause} provision was found, but ${pages.length === 1 ? `page ${pages[0]} was` : `pages ${pages.join(', ')} were`} read by OCR with low confidence: the clause may be there in misread words.`,
    );
  }
  const pages = [finding.location?.page, ...finding.elements.map((element) => element.evidence?.page)].filter(
    (page): page is number => typeof page === 'number' && poor.has(page),
  );
  if (pages.length === 0) return null;
  const worst = Math.min(...pages.map((page) => poor.get(page)!));
  const distinct = [...new Set(pages)].sort((a, b) => a - b);
  return reason(
    'ocr_low_confidence',
    `The ${clause} text on ${distinct.length === 1 ? `page ${distinct[0]}` : `pages ${distinct.join(', ')}`} was read by OCR with low confidence (${worst} of 100): compare the quotes with the signed copy.`,
    null,
    finding.location,
  );
}
