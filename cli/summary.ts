import type { Report } from '../lib/report/schema.js';
import { formatTable } from './table.js';

/** One row per clause type (or one error row) per report. */
export function summaryRows(name: string, report: Report): string[][] {
  if (report.status === 'error') return [[name, '-', `ERROR ${report.error?.code ?? ''}`, report.error?.message ?? '']];
  return report.findings.map((finding) => [
    name,
    finding.clauseType,
    finding.verdict,
    finding.verdict === 'missing' ? '(no clause)' : finding.missingElements.join(', ') || '-',
  ]);
}

export function summaryTable(entries: ReadonlyArray<{ name: string; report: Report }>): string {
  return formatTable(
    ['file', 'clause', 'verdict', 'missing elements'],
    entries.flatMap(({ name, report }) => summaryRows(name, report)),
    80,
  );
}
