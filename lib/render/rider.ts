import type { ClauseLibrary } from '../library/schema.js';
import type { Report } from '../report/schema.js';

/*
 * What a fix pack adds to a contract: for each weak or missing clause, the clause library's wording
 * for each gap. Pure data, shared by the Word renderer and the pages that link to its output.
 */

export const FIX_PACK_EXTENSION = '.fixes.docx';
export const FIX_PACK_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** One clause of the draft amendment: the library's wording for one gap. */
export interface RiderClause {
  clauseType: string;
  clauseTitle: string;
  /** The missing element it adds, or null when it adds the whole clause. */
  element: string | null;
  elementTitle: string | null;
  heading: string;
  wording: string;
  /** Why it is there: the library's recommendation, for the comment beside it. */
  reason: string;
}

/**
 * The clauses of the draft amendment: for a missing clause, the library's whole clause; for a weak
 * one, a clause for each element its verdict policy requires and the contract lacks. An adequate
 * clause gets none, and neither does an error report.
 */
export function riderClauses(report: Report, library: ClauseLibrary | null = null): RiderClause[] {
  if (report.status !== 'ok') return [];
  const clauses: RiderClause[] = [];
  for (const finding of report.findings) {
    if (finding.verdict === 'adequate') continue;
    const type = library?.clauseTypes.find((candidate) => candidate.id === finding.clauseType);
    if (finding.verdict === 'missing') {
      const whole = finding.recommendations.find((recommendation) => recommendation.element === null);
      if (!whole) continue;
      clauses.push({
        clauseType: finding.clauseType,
        clauseTitle: finding.title,
        element: null,
        elementTitle: null,
        heading: finding.title,
        wording: whole.suggestedWording,
        reason: whole.text,
      });
      continue;
    }
    for (const element of finding.elements) {
      if (element.present || !element.required) continue;
      const recommendation = finding.recommendations.find((candidate) => candidate.element === element.id);
      if (!recommendation) continue;
      const definition = type?.elements.find((candidate) => candidate.id === element.id);
      clauses.push({
        clauseType: finding.clauseType,
        clauseTitle: finding.title,
        element: element.id,
        elementTitle: element.title,
        heading: `${finding.title}: ${element.title}`,
        wording: definition?.riderWording ?? recommendation.suggestedWording,
        reason: recommendation.text,
      });
    }
  }
  return clauses;
}

/** Whether a report gets a fix pack: it has at least one gap the library has wording for. */
export function hasFixPack(report: Report): boolean {
  return riderClauses(report).length > 0;
}
