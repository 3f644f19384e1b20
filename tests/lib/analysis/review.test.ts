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
    finding: { title: 'Force majeure', present: true, confidence: 0.9, elements: [element('notice', true)] },
    uncoveredLanguage: null,
    pagesWithoutText: [],
    foundByModel: null,
    possibleProvision: null,
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
      codes({ finding: { title: 'Force majeure', present: false, confidence: 0.8, elements: [] }, pagesWithoutText: [3], provisionProbability: null }),
    ).toEqual(['text_incomplete']);
    expect(codes({ foundByModel: { probability: 0.97, location: at } })).toEqual(['found_by_model']);
    const possible = reviewFinding(
      input({
        finding: { title: 'Force majeure', present: false, confidence: 0.8, elements: [] },
        possibleProvision: { probability: 0.8, location: at },
        provisionProbability: null,
      }),
    );
    expect(possible.reasons[0]).toMatchObject({ code: 'possible_provision', location: at });
    expect(possible.reasons[0]!.message).toMatch(/section 12\.3 on page 4/);
    expect(codes({ provisionProbability: 0.02 })).toEqual(['model_disagrees']);
    expect(codes({ finding: { title: 'Force majeure', present: true, confidence: 0.55, elements: [element('notice', true)] } })).toEqual(['low_confidence']);
    expect(codes({ finding: { title: 'Force majeure', present: true, confidence: 0.9, elements: [element('notice', false)] } })).toEqual(['thin_evidence']);
  });

  it('points an element disagreement at the element and the passage', () => {
    const review = reviewFinding(
      input({ elementDisagreements: [{ element: 'termination', title: 'Termination right', foundByModel: false, probability: 0.91, location: at }] }),
    );
    expect(review.needed).toBe(true);
    expect(review.reasons).toEqual([expect.objectContaining({ code: 'model_disagrees', element: 'termination', location: at })]);
  });
});
