import { expect } from 'vitest';
import { verdictFor } from '../../lib/analysis/grade.js';
import { LABEL_GROUPS, type LabelRecord } from '../../lib/evaluation.js';
import type { ClauseLibrary } from '../../lib/library/schema.js';
import type { Report } from '../../lib/report/schema.js';

/**
 * Expects a report to agree with a contract's labels: each clause type's presence, the verdict the
 * library's policy gives the labelled elements, each element (every one with `everyElement`, else
 * those the label names), and every quote a verbatim slice of the text the analyzer read.
 */
export function expectMatchesLabel(report: Report, text: string, label: LabelRecord, library: ClauseLibrary, options: { everyElement: boolean }): void {
  for (const { prefix, clauseType } of LABEL_GROUPS) {
    const finding = report.findings.find((candidate) => candidate.clauseType === clauseType)!;
    const expected = label[prefix];
    expect(finding.present, `${prefix}.present`).toBe(expected.present);
    const type = library.clauseTypes.find((candidate) => candidate.id === clauseType)!;
    const held = new Set(Object.keys(expected).filter((id) => id !== 'present' && expected[id]));
    expect(finding.verdict, `${prefix} verdict`).toBe(verdictFor(type, expected.present === true, held));
    for (const element of finding.elements) {
      if (options.everyElement || element.id in expected) expect(element.present, `${prefix}.${element.id}`).toBe(expected[element.id]);
      if (element.evidence) expect(text.slice(element.evidence.start, element.evidence.end)).toBe(element.evidence.quote);
    }
  }
}
