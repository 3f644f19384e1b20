import type { ClauseType } from '../library/schema.js';
import type { Severity, Verdict } from '../report/schema.js';

/** The library's verdict policy: `adequate` only when every required element holds. */
export function verdictFor(type: ClauseType, present: boolean, elementsPresent: ReadonlySet<string>): Verdict {
  if (!present) return 'missing';
  return type.policy.adequateRequires.every((id) => elementsPresent.has(id)) ? 'adequate' : 'weak';
}

const SEVERITY_BY_VERDICT: Record<Verdict, Severity> = { missing: 'high', weak: 'medium', adequate: 'low' };

/**
 * Severity from the verdict alone: missing is high, weak medium, adequate low. Reports combine the
 * verdict with the contract's exposure instead (lib/exposure/severity.ts, the watchlist's
 * `severityRules`); this is the fallback when no rule applies.
 */
export function severityFor(verdict: Verdict): { severity: Severity; reason: string } {
  const severity = SEVERITY_BY_VERDICT[verdict];
  const reason =
    verdict === 'missing'
      ? 'High: the contract has no such clause.'
      : verdict === 'weak'
        ? 'Medium: the clause exists but lacks elements the policy requires.'
        : 'Low: the clause has every element the policy requires.';
  return { severity, reason };
}

const SEVERITY_ORDER: Severity[] = ['low', 'medium', 'high'];

export function maxSeverity(severities: readonly Severity[]): Severity | null {
  if (severities.length === 0) return null;
  return severities.reduce((worst, next) => (SEVERITY_ORDER.indexOf(next) > SEVERITY_ORDER.indexOf(worst) ? next : worst));
}
