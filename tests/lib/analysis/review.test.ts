import { describe, expect, it } from 'vitest';
import { reviewFinding, type ReviewInput } from '../../../lib/analysis/review.js';

const element = (id: string, present: boolean) => ({
  id,
  title: id,
  present,
  foundBy: present ? ('rules' as const) : null,
  required: true,
  explanation: '',
  evidence: null,
});
const at = { section: '12.3', heading: 'Delays', page: 4, start: 100, end: 200 };

function input(overrides: Partial<ReviewInput> = {}): ReviewInput {
  return {
    finding: { title: 'Force majeure', present: true, confidence: 0.9, location: null, elements: [element('notice', true)] },
    uncoveredLanguage: null,
    pagesWithoutText: [],
    ocrPages: [],
    foundByModel: null,
    possibleProvision: null,
    nearMiss: null,
    definitionOnly: null,
    wordsOnly: null,
    provisionProbability: 0.9,
    elementDisagreements: [],
    ...overrides,
  };
}

const codes = (overrides: Partial<ReviewInput>) => reviewFinding(input(overrides)).reasons.map((reason) => reason.code);

describe('reviewFinding', () => {
  it('asks for nothing when rules and classifier agree on a clear clause', () => {
    expect(reviewFinding(input())).toEqual({ needed: false, reasons: [] });
  });

  it('names each reason to check, with where to look', () => {
    expect(codes({ uncoveredLanguage: 'deu' })).toEqual(['language_not_covered']);
    expect(
      codes({
        finding: { title: 'Force majeure', present: false, confidence: 0.8, location: null, elements: [] },
        pagesWithoutText: [3],
        provisionProbability: null,
      }),
    ).toEqual(['text_incomplete']);
    expect(codes({ foundByModel: { probability: 0.97, location: at } })).toEqual(['found_by_model']);
    const possible = reviewFinding(
      input({
        finding: { title: 'Force majeure', present: false, confidence: 0.8, location: null, elements: [] },
        possibleProvision: { probability: 0.8, location: at },
        provisionProbability: null,
      }),
    );
    expect(possible.reasons[0]).toMatchObject({ code: 'possible_provision', location: at });
    expect(possible.reasons[0]!.message).toMatch(/section 12\.3 on page 4/);
    expect(codes({ provisionProbability: 0.02 })).toEqual(['model_disagrees']);
    expect(codes({ finding: { title: 'Force majeure', present: true, confidence: 0.55, location: null, elements: [element('notice', true)] } })).toEqual([
      'low_confidence',
    ]);
    expect(codes({ finding: { title: 'Force majeure', present: true, confidence: 0.9, location: null, elements: [element('notice', false)] } })).toEqual([
      'thin_evidence',
    ]);
  });

  it('asks to check a passage that came close before relying on "missing", unless it scored too little', () => {
    const missing = { title: 'Force majeure', present: false, confidence: 0.8, location: null, elements: [] };
    const close = { score: 3, reason: "uses the clause's vocabulary but excuses or requires nothing", location: at };
    const review = reviewFinding(input({ finding: missing, provisionProbability: null, nearMiss: close }));
    expect(review.reasons).toEqual([expect.objectContaining({ code: 'near_miss', location: at })]);
    expect(review.reasons[0]!.message).toMatch(/section 12\.3 on page 4 uses its words and came close \(uses the clause's vocabulary/);
    expect(codes({ finding: missing, provisionProbability: null, nearMiss: { ...close, score: 1.5 } })).toEqual([]);
    // The classifier's pointer says the same thing, more precisely: one reason is enough.
    expect(codes({ finding: missing, provisionProbability: null, nearMiss: close, possibleProvision: { probability: 0.8, location: at } })).toEqual([
      'possible_provision',
    ]);
  });

  it('asks to confirm a clause found only as the definition of its term, with where that definition is', () => {
    const review = reviewFinding(input({ definitionOnly: at }));
    expect(review.reasons).toEqual([expect.objectContaining({ code: 'definition_only', location: at })]);
    expect(review.reasons[0]!.message).toMatch(/Only the definition of the force majeure term was found \(section 12\.3 on page 4\)/);
    // A missing clause has no definition standing for it.
    expect(
      codes({
        finding: { title: 'Force majeure', present: false, confidence: 0.8, location: null, elements: [] },
        provisionProbability: null,
        definitionOnly: at,
      }),
    ).toEqual([]);
  });

  it('asks to confirm a clause taken on its words alone, once, in place of "only just recognised"', () => {
    const wordsOnly = { title: 'Force majeure', present: true, confidence: 0.45, location: at, elements: [element('notice', true)] };
    const review = reviewFinding(input({ finding: wordsOnly, wordsOnly: at }));
    expect(review.reasons).toEqual([expect.objectContaining({ code: 'words_only', location: at })]);
    expect(review.reasons[0]!.message).toMatch(/section 12\.3 on page 4 uses the force majeure clause's words, but nothing it excuses or requires/);
    // Only a present clause stands on its words.
    expect(codes({ finding: { ...wordsOnly, present: false }, provisionProbability: null, wordsOnly: at })).toEqual([]);
  });

  it('asks to compare OCR text read with low confidence, on the pages the finding rests on', () => {
    const onPage = (page: number) => ({ ...element('notice', true), evidence: { quote: 'shall notify the Buyer', page, start: 0, end: 22, section: '12' } });
    const present = (page: number) => ({ title: 'Force majeure', present: true, confidence: 0.9, location: { ...at, page }, elements: [onPage(page)] });
    expect(codes({ finding: present(4), ocrPages: [{ page: 4, confidence: 62 }] })).toEqual(['ocr_low_confidence']);
    expect(reviewFinding(input({ finding: present(4), ocrPages: [{ page: 4, confidence: 62 }] })).reasons[0]!.message).toMatch(/page 4 .*62 of 100/);
    // Well read, or read badly on a page the finding does not use: nothing to check.
    expect(codes({ finding: present(4), ocrPages: [{ page: 4, confidence: 91 }] })).toEqual([]);
    expect(codes({ finding: present(4), ocrPages: [{ page: 7, confidence: 55 }] })).toEqual([]);
    // A missing clause in a poorly read scan may be there in misread words.
    const missing = { title: 'Force majeure', present: false, confidence: 0.8, location: null, elements: [] };
    expect(codes({ finding: missing, provisionProbability: null, ocrPages: [{ page: 2, confidence: 70 }] })).toEqual(['ocr_low_confidence']);
  });

  it('points an element disagreement at the element and the passage', () => {
    const review = reviewFinding(
      input({ elementDisagreements: [{ element: 'termination', title: 'Termination right', foundByModel: false, probability: 0.91, location: at }] }),
    );
    expect(review.needed).toBe(true);
    expect(review.reasons).toEqual([expect.objectContaining({ code: 'model_disagrees', element: 'termination', location: at })]);
  });
});
