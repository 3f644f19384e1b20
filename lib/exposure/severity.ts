import type { GradedFinding } from '../analysis/finding.js';
import { severityFor } from '../analysis/grade.js';
import type { Finding, Severity } from '../report/schema.js';
import { listText, type ExposureAssessment } from './assess.js';
import type { ExposureWatchlist, SeverityRule } from './schema.js';

/*
 * A finding's severity from its verdict and the contract's exposure, by the watchlist's
 * `severityRules` table: the first rule whose conditions hold decides, and its `reason` (with the
 * placeholders filled in) becomes the finding's severityReason.
 */

type Graded = Pick<Finding, 'clauseType' | 'title' | 'verdict' | 'elements'>;

export function ruleApplies(rule: SeverityRule, finding: Graded, level: ExposureAssessment['exposure']['level']): boolean {
  const { when } = rule;
  if (when.clauseType !== '*' && when.clauseType !== finding.clauseType) return false;
  if (when.verdict !== finding.verdict) return false;
  if (when.exposure !== '*' && !when.exposure.includes(level)) return false;
  return when.lacks.every((id) => finding.elements.some((element) => element.id === id && !element.present));
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

export function severityWithExposure(
  finding: Graded,
  assessment: ExposureAssessment,
  watchlist: ExposureWatchlist,
): { severity: Severity; reason: string; rule: string | null } {
  const level = assessment.exposure.level;
  const rule = watchlist.severityRules.find((candidate) => ruleApplies(candidate, finding, level));
  if (!rule) return { ...severityFor(finding.verdict), rule: null };
  const missing = finding.elements.filter((element) => element.required && !element.present).map((element) => `“${element.title}”`);
  const values: Record<string, string> = {
    clause: lowerFirst(finding.title),
    missing: listText(missing, 4) || 'required elements',
    exposure: level,
    materials: assessment.materialsText,
    countries: assessment.countriesText,
  };
  return { severity: rule.severity, reason: rule.reason.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole), rule: rule.id };
}

/** The findings with their severity and reason set from the exposure. */
export function applyExposureSeverity(findings: readonly GradedFinding[], assessment: ExposureAssessment, watchlist: ExposureWatchlist): Finding[] {
  return findings.map((finding) => {
    const { severity, reason } = severityWithExposure(finding, assessment, watchlist);
    return { ...finding, severity, severityReason: reason };
  });
}
