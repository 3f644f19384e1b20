import { describe, expect, it } from 'vitest';
import { evaluate, score, type LabelRecord } from '../../lib/evaluation.js';
import { loadDefaultLibrary } from '../../lib/library/load.js';
import { analyzeFixture, fixtureLabels } from '../helpers/fixtures.js';

describe('score', () => {
  it('computes precision, recall and F1', () => {
    const result = score({ tp: 8, fp: 2, fn: 2, tn: 5 });
    expect(result.precision).toBeCloseTo(0.8);
    expect(result.recall).toBeCloseTo(0.8);
    expect(result.f1).toBeCloseTo(0.8);
  });
});

describe('evaluate', () => {
  it('counts elements only where the labelled clause is present, and scores verdicts by the policy', async () => {
    const labels = fixtureLabels();
    const weak = labels.find((label) => label.file === 'weak-fm.txt')!;
    const { report } = await analyzeFixture('weak-fm.txt');
    // Label the same document as if it had an adequate clause and an export-control clause.
    const wrong: LabelRecord = {
      ...weak,
      fm: { ...weak.fm, governmentAction: true, tradeRestrictions: true, notice: true, termination: true },
      ec: { ...weak.ec, present: true, compliance: true },
    };
    const result = evaluate([{ label: wrong, report }], loadDefaultLibrary());
    expect(result.presence['export-control']).toMatchObject({ tp: 0, fn: 1 });
    expect(result.elements['fm.tradeRestrictions']).toMatchObject({ fn: 1 });
    expect(result.elements['ec.compliance']).toMatchObject({ fn: 1 });
    expect(result.verdictAccuracy['force-majeure']).toMatchObject({ correct: 0, total: 1 });
    expect(result.mismatches.map((miss) => miss.what)).toContain('fm.verdict');
  });

  it('says of each wrong verdict whether its finding was marked for review', async () => {
    const labels = fixtureLabels();
    const weak = labels.find((label) => label.file === 'weak-fm.txt')!;
    const { report } = await analyzeFixture('weak-fm.txt');
    const wrong: LabelRecord = { ...weak, fm: { ...weak.fm, governmentAction: true, tradeRestrictions: true, notice: true, termination: true } };
    const finding = report.findings.find((candidate) => candidate.clauseType === 'force-majeure')!;
    for (const needed of [true, false]) {
      const marked = {
        ...report,
        findings: report.findings.map((candidate) => (candidate === finding ? { ...candidate, review: { ...candidate.review, needed } } : candidate)),
      };
      const verdict = evaluate([{ label: wrong, report: marked }], loadDefaultLibrary()).mismatches.find((miss) => miss.what === 'fm.verdict');
      expect(verdict?.flagged).toBe(needed);
    }
  });
});
