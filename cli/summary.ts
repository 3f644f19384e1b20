import { reviewLabel } from '../lib/portfolio/rows.js';
import type { Report } from '../lib/report/schema.js';
import { formatTable } from './table.js';

/**
 * One row per clause type (or one error row) per report: the verdict, its severity and the
 * contract's exposure, the elements the policy requires that are missing, and what to check.
 */
export function summaryRows(name: string, report: Report): string[][] {
  if (report.status === 'error') return [[name, '-', `ERROR ${report.error?.code ?? ''}`, '-', '-', report.error?.message ?? '', '-']];
  return report.findings.map((finding) => [
    name,
    finding.clauseType,
    finding.verdict,
    finding.severity,
    report.exposure?.level ?? '-',
    finding.verdict === 'missing'
      ? '(no clause)'
      : finding.elements
          .filter((element) => element.required && !element.present)
          .map((element) => element.id)
          .join(', ') || '-',
    finding.review?.needed ? `check: ${[...new Set(finding.review.reasons.map((reason) => reviewLabel(reason.code)))].join(', ')}` : '-',
  ]);
}

export function summaryTable(entries: ReadonlyArray<{ name: string; report: Report }>): string {
  return formatTable(
    ['file', 'clause', 'verdict', 'severity', 'exposure', 'required missing', 'review'],
    entries.flatMap(({ name, report }) => summaryRows(name, report)),
    80,
  );
}
