import { z } from 'zod';
import { verdictFor } from './analysis/grade.js';
import type { ClauseLibrary } from './library/schema.js';
import type { Report, Verdict } from './report/schema.js';

/** Label record of the labelling rubric: clause groups keyed by short prefix ("fm", "ec"). */
export const LabelRecord = z.looseObject({
  id: z.string(),
  file: z.string(),
  kind: z.enum(['full', 'snippet']).optional(),
  fm: z.record(z.string(), z.boolean()),
  ec: z.record(z.string(), z.boolean()),
});
export type LabelRecord = z.infer<typeof LabelRecord>;
export const LabelFile = z.array(LabelRecord);

/** Rubric prefixes and the clause types they label. */
export const LABEL_GROUPS: ReadonlyArray<{ prefix: 'fm' | 'ec'; clauseType: string }> = [
  { prefix: 'fm', clauseType: 'force-majeure' },
  { prefix: 'ec', clauseType: 'export-control' },
];

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

export interface Scores extends Counts {
  precision: number;
  recall: number;
  f1: number;
}

export interface Mismatch {
  id: string;
  what: string;
  expected: boolean | string;
  actual: boolean | string;
  /** The analyzer's evidence for a false positive, to see why it fired. */
  evidence?: string;
  /** For a wrong verdict: whether its finding was marked for review (a wrong verdict left unmarked is the costly kind). */
  flagged?: boolean;
}

export interface Evaluation {
  documents: number;
  errors: string[];
  presence: Record<string, Scores>;
  elements: Record<string, Scores>;
  elementsMicro: Scores;
  verdictAccuracy: Record<string, { correct: number; total: number; accuracy: number }>;
  /** Findings marked for review, against whether their verdict was right: a useful flag catches wrong verdicts. */
  review: { findings: number; flagged: number; wrongVerdicts: number; wrongFlagged: number };
  mismatches: Mismatch[];
}

const zero = (): Counts => ({ tp: 0, fp: 0, fn: 0, tn: 0 });

function add(counts: Counts, expected: boolean, actual: boolean): void {
  if (expected && actual) counts.tp++;
  else if (!expected && actual) counts.fp++;
  else if (expected && !actual) counts.fn++;
  else counts.tn++;
}

export function score(counts: Counts): Scores {
  const precision = counts.tp + counts.fp === 0 ? 1 : counts.tp / (counts.tp + counts.fp);
  const recall = counts.tp + counts.fn === 0 ? 1 : counts.tp / (counts.tp + counts.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { ...counts, precision, recall, f1 };
}

/**
 * Scores reports against labels: clause presence per type; each element only where the label
 * says its clause is present; verdicts against the library's policy applied to the labels.
 */
export function evaluate(pairs: ReadonlyArray<{ label: LabelRecord; report: Report }>, library: ClauseLibrary): Evaluation {
  const presence = new Map<string, Counts>();
  const elements = new Map<string, Counts>();
  const verdicts = new Map<string, { correct: number; total: number }>();
  const mismatches: Mismatch[] = [];
  const errors: string[] = [];
  const review = { findings: 0, flagged: 0, wrongVerdicts: 0, wrongFlagged: 0 };
  for (const { label, report } of pairs) {
    if (report.status === 'error') errors.push(`${label.id}: ${report.error?.code} ${report.error?.message}`);
    for (const { prefix, clauseType } of LABEL_GROUPS) {
      const type = library.clauseTypes.find((candidate) => candidate.id === clauseType);
      if (!type) continue;
      const expected = label[prefix];
      const finding = report.findings.find((candidate) => candidate.clauseType === clauseType);
      const present = finding?.present ?? false;
      const presenceCounts = presence.get(clauseType) ?? zero();
      add(presenceCounts, expected.present === true, present);
      presence.set(clauseType, presenceCounts);
      if (expected.present !== present) mismatches.push({ id: label.id, what: `${prefix}.present`, expected: expected.present === true, actual: present });
      if (expected.present) {
        for (const element of type.elements) {
          if (!(element.id in expected)) continue;
          const result = finding?.elements.find((candidate) => candidate.id === element.id);
          const actual = result?.present ?? false;
          const key = `${prefix}.${element.id}`;
          const counts = elements.get(key) ?? zero();
          add(counts, expected[element.id] === true, actual);
          elements.set(key, counts);
          if (expected[element.id] !== actual) {
            mismatches.push({
              id: label.id,
              what: key,
              expected: expected[element.id] === true,
              actual,
              ...(result?.evidence ? { evidence: result.evidence.quote } : {}),
            });
          }
        }
      }
      const held = new Set(
        Object.entries(expected)
          .filter(([id, value]) => id !== 'present' && value)
          .map(([id]) => id),
      );
      const expectedVerdict: Verdict = verdictFor(type, expected.present === true, held);
      const actualVerdict: Verdict = finding?.verdict ?? 'missing';
      const tally = verdicts.get(clauseType) ?? { correct: 0, total: 0 };
      tally.total++;
      const flagged = finding?.review?.needed === true;
      if (expectedVerdict === actualVerdict) tally.correct++;
      else mismatches.push({ id: label.id, what: `${prefix}.verdict`, expected: expectedVerdict, actual: actualVerdict, ...(finding ? { flagged } : {}) });
      if (finding) {
        review.findings++;
        if (flagged) review.flagged++;
        if (expectedVerdict !== actualVerdict) {
          review.wrongVerdicts++;
          if (flagged) review.wrongFlagged++;
        }
      }
      verdicts.set(clauseType, tally);
    }
  }
  const micro = zero();
  for (const counts of elements.values()) {
    micro.tp += counts.tp;
    micro.fp += counts.fp;
    micro.fn += counts.fn;
    micro.tn += counts.tn;
  }
  return {
    documents: pairs.length,
    errors,
    presence: Object.fromEntries([...presence].map(([id, counts]) => [id, score(counts)])),
    elements: Object.fromEntries([...elements].map(([id, counts]) => [id, score(counts)])),
    elementsMicro: score(micro),
    review,
    verdictAccuracy: Object.fromEntries([...verdicts].map(([id, tally]) => [id, { ...tally, accuracy: tally.total === 0 ? 1 : tally.correct / tally.total }])),
    mismatches,
  };
}
