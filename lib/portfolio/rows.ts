import type { ErrorCode } from '../errors.js';
import type { ExposureLevel, Finding, Report, ReviewCode, Severity, Verdict } from '../report/schema.js';

/** One report found by the portfolio command, with where its review page is relative to the portfolio. */
export interface PortfolioEntry {
  /** The report's path relative to the folder or prefix read, without `.json` (unique, e.g. `acme/msa.pdf`). */
  file: string;
  report: Report;
  /** Relative URL of the contract's review page, or null when there is none. */
  reviewHref: string | null;
  /** Relative URL of the contract's fix pack, or null (or absent) when there is none. */
  fixPackHref?: string | null;
}

/** What a clause says, in one quote with its place: the first element's evidence, else the start of the clause. */
export interface RowEvidence {
  quote: string;
  section: string | null;
  page: number | null;
}

/** A quote of the clause's start is cut here: the cell comment shows a glimpse, the review page the rest. */
const EXCERPT_QUOTE = 300;

function evidenceOf(finding: Finding | undefined): RowEvidence | null {
  if (!finding?.present) return null;
  const element = finding.elements.find((candidate) => candidate.present && candidate.evidence);
  if (element?.evidence) return { quote: element.evidence.quote, section: element.evidence.section, page: element.evidence.page };
  if (finding.excerpt && finding.location)
    return { quote: finding.excerpt.slice(0, EXCERPT_QUOTE), section: finding.location.section, page: finding.location.page };
  return null;
}

export interface PortfolioClauseType {
  id: string;
  title: string;
}

export interface PortfolioRow {
  file: string;
  documentName: string;
  /** Contracting parties found in the preamble, as "NAME (Role)". */
  parties: string[];
  status: Report['status'];
  errorCode: ErrorCode | null;
  errorMessage: string | null;
  /** Verdict per clause type id; null where the report has no finding of that type (error reports, other libraries). */
  verdicts: Record<string, Verdict | null>;
  /** Evidence per clause type id for the clause as found; null where it is missing or not assessed. */
  evidence: Record<string, RowEvidence | null | undefined>;
  /** Severity per clause type id; null where the report has no finding of that type. */
  severities: Record<string, Severity | null>;
  /** Missing element ids per clause type id (empty for a missing clause: the whole clause is the gap). */
  missingElements: Record<string, string[]>;
  overallSeverity: Severity | null;
  /** Why each clause type's finding needs a person to check it (review reason codes); empty when it does not. */
  review: Record<string, ReviewCode[]>;
  reviewNeeded: boolean;
  /** Exposure to export controls on critical materials; null for error reports and reports that predate it. */
  exposure: ExposureLevel | null;
  /** Watchlisted materials the contract names. */
  exposureMaterials: string[];
  /** Countries of origin or supply that control exports of critical materials. */
  exposureCountries: string[];
  analyzedAt: string;
  libraryId: string;
  libraryVersion: string;
  reviewHref: string | null;
  fixPackHref: string | null;
}

export interface VerdictCounts {
  missing: number;
  weak: number;
  adequate: number;
  /** Reports without a finding of this type (error reports, reports from a library without it). */
  notAssessed: number;
}

export interface Portfolio {
  clauseTypes: PortfolioClauseType[];
  rows: PortfolioRow[];
  counts: {
    contracts: number;
    status: { ok: number; error: number };
    /** Contracts with at least one finding marked for review. */
    reviewNeeded: number;
    severity: Record<Severity, number>;
    /** Contracts per exposure level; `notAssessed` for error reports and reports that predate exposure. */
    exposure: Record<PortfolioExposure, number>;
    verdicts: Record<string, VerdictCounts>;
    /** Contracts per clause type, verdict, severity and exposure level: what the chart and the spreadsheet's counts show. */
    breakdown: BreakdownCell[];
  };
}

export interface BreakdownCell {
  clauseType: string;
  verdict: Verdict;
  severity: Severity;
  exposure: PortfolioExposure;
  contracts: number;
}

export const VERDICT_ORDER: readonly Verdict[] = ['missing', 'weak', 'adequate'];
/** A contract's exposure as a portfolio counts it: a level, or not assessed (error reports, reports before exposure). */
export type PortfolioExposure = ExposureLevel | 'notAssessed';
export const EXPOSURE_LEVELS: readonly PortfolioExposure[] = ['high', 'medium', 'low', 'none', 'notAssessed'];

/** Contracts counted by clause type × verdict × severity × exposure, in the library's, verdict, severity and exposure order. */
export function breakdownOf(rows: readonly PortfolioRow[], clauseTypes: readonly PortfolioClauseType[]): BreakdownCell[] {
  const cells = new Map<string, BreakdownCell>();
  for (const type of clauseTypes) {
    for (const row of rows) {
      const verdict = row.verdicts[type.id];
      const severity = row.severities[type.id];
      if (!verdict || !severity) continue;
      const exposure = row.exposure ?? 'notAssessed';
      const key = `${type.id}|${verdict}|${severity}|${exposure}`;
      const cell = cells.get(key) ?? { clauseType: type.id, verdict, severity, exposure, contracts: 0 };
      cell.contracts++;
      cells.set(key, cell);
    }
  }
  const typeOrder = new Map(clauseTypes.map((type, index) => [type.id, index]));
  return [...cells.values()].sort(
    (a, b) =>
      typeOrder.get(a.clauseType)! - typeOrder.get(b.clauseType)! ||
      VERDICT_ORDER.indexOf(a.verdict) - VERDICT_ORDER.indexOf(b.verdict) ||
      SEVERITY_ORDER[b.severity] - SEVERITY_ORDER[a.severity] ||
      EXPOSURE_LEVELS.indexOf(a.exposure) - EXPOSURE_LEVELS.indexOf(b.exposure),
  );
}

const SEVERITY_ORDER: Record<Severity, number> = { high: 3, medium: 2, low: 1 };
/** Exposure sorts high > medium > low > none; not assessed last. */
export const EXPOSURE_ORDER: Record<ExposureLevel, number> = { high: 4, medium: 3, low: 2, none: 1 };

/** Clause types in the order they first appear, so columns follow the library's order. */
export function clauseTypesOf(entries: readonly PortfolioEntry[]): PortfolioClauseType[] {
  const seen = new Map<string, string>();
  for (const { report } of entries) {
    for (const finding of report.findings) if (!seen.has(finding.clauseType)) seen.set(finding.clauseType, finding.title);
  }
  return [...seen].map(([id, title]) => ({ id, title }));
}

/** One contract's row: its verdicts, severities, evidence, review flags and exposure per clause type. */
export function rowOf(entry: PortfolioEntry, clauseTypes: readonly PortfolioClauseType[]): PortfolioRow {
  const { report } = entry;
  const findings = new Map(report.findings.map((finding) => [finding.clauseType, finding]));
  return {
    file: entry.file,
    documentName: report.document.name,
    parties: report.document.parties.map((party) => `${party.name} (${party.role})`),
    status: report.status,
    errorCode: report.error?.code ?? null,
    errorMessage: report.error?.message ?? null,
    verdicts: Object.fromEntries(clauseTypes.map((type) => [type.id, findings.get(type.id)?.verdict ?? null])),
    severities: Object.fromEntries(clauseTypes.map((type) => [type.id, findings.get(type.id)?.severity ?? null])),
    evidence: Object.fromEntries(clauseTypes.map((type) => [type.id, evidenceOf(findings.get(type.id))])),
    missingElements: Object.fromEntries(
      clauseTypes.map((type) => {
        const finding = findings.get(type.id);
        return [type.id, finding && finding.verdict !== 'missing' ? finding.missingElements : []];
      }),
    ),
    overallSeverity: report.summary.overallSeverity,
    review: Object.fromEntries(clauseTypes.map((type) => [type.id, [...new Set((findings.get(type.id)?.review?.reasons ?? []).map((reason) => reason.code))]])),
    reviewNeeded: report.findings.some((finding) => finding.review?.needed === true),
    exposure: report.exposure?.level ?? null,
    exposureMaterials: report.exposure?.materials.map((material) => material.name) ?? [],
    exposureCountries: [
      ...new Set(
        (report.exposure?.countries ?? [])
          .filter((country) => (country.role === 'origin' || country.role === 'supply') && country.controlsCriticalMaterials)
          .map((country) => country.name),
      ),
    ],
    analyzedAt: report.analyzedAt,
    libraryId: report.library.id,
    libraryVersion: report.library.version,
    reviewHref: entry.reviewHref,
    fixPackHref: entry.fixPackHref ?? null,
  };
}

/** The portfolio of many reports: one row per contract, riskiest first (then most exposed), and counts by verdict per clause type and by exposure. */
export function buildPortfolio(entries: readonly PortfolioEntry[]): Portfolio {
  const clauseTypes = clauseTypesOf(entries);
  return portfolioOf(
    clauseTypes,
    entries.map((entry) => rowOf(entry, clauseTypes)),
  );
}

/** The portfolio of rows already made (from reports or from stored portfolio rows): sorted and counted. */
export function portfolioOf(clauseTypes: PortfolioClauseType[], unsorted: readonly PortfolioRow[]): Portfolio {
  const rows = [...unsorted].sort(
    (a, b) =>
      (b.overallSeverity ? SEVERITY_ORDER[b.overallSeverity] : 0) - (a.overallSeverity ? SEVERITY_ORDER[a.overallSeverity] : 0) ||
      exposureRank(b.exposure) - exposureRank(a.exposure) ||
      a.file.localeCompare(b.file),
  );
  const verdicts: Record<string, VerdictCounts> = Object.fromEntries(
    clauseTypes.map((type) => {
      const counts: VerdictCounts = { missing: 0, weak: 0, adequate: 0, notAssessed: 0 };
      for (const row of rows) {
        const verdict = row.verdicts[type.id];
        if (verdict) counts[verdict]++;
        else counts.notAssessed++;
      }
      return [type.id, counts];
    }),
  );
  const severity: Record<Severity, number> = { high: 0, medium: 0, low: 0 };
  for (const row of rows) if (row.overallSeverity) severity[row.overallSeverity]++;
  const exposure: Record<PortfolioExposure, number> = { high: 0, medium: 0, low: 0, none: 0, notAssessed: 0 };
  for (const row of rows) exposure[row.exposure ?? 'notAssessed']++;
  return {
    clauseTypes,
    rows,
    counts: {
      contracts: rows.length,
      status: { ok: rows.filter((row) => row.status === 'ok').length, error: rows.filter((row) => row.status === 'error').length },
      reviewNeeded: rows.filter((row) => row.reviewNeeded).length,
      severity,
      exposure,
      verdicts,
      breakdown: breakdownOf(rows, clauseTypes),
    },
  };
}

/** Contracts per clause type and verdict, split by exposure: the bars of the portfolio's charts. */
export interface VerdictExposureCounts {
  clauseType: PortfolioClauseType;
  verdict: Verdict;
  counts: Record<PortfolioExposure, number>;
  total: number;
}

export function verdictExposureCounts(portfolio: Portfolio): VerdictExposureCounts[] {
  return portfolio.clauseTypes.flatMap((clauseType) =>
    VERDICT_ORDER.map((verdict) => {
      const counts = Object.fromEntries(EXPOSURE_LEVELS.map((level) => [level, 0])) as Record<PortfolioExposure, number>;
      for (const cell of portfolio.counts.breakdown) {
        if (cell.clauseType === clauseType.id && cell.verdict === verdict) counts[cell.exposure] += cell.contracts;
      }
      return { clauseType, verdict, counts, total: EXPOSURE_LEVELS.reduce((sum, level) => sum + counts[level], 0) };
    }),
  );
}

/**
 * A link a portfolio may carry: relative paths, never a scheme (no javascript:, file:, http:) or
 * another host; or an http(s) URL on one of `trustedOrigins` (the storage that signs the links,
 * as the AWS console's presigned review pages).
 */
export function safeRelativeLink(href: string | null | undefined, trustedOrigins: readonly string[] = []): string | null {
  if (href === null || href === undefined || href === '') return null;
  if (trustedOrigins.length > 0 && /^https?:\/\//i.test(href)) {
    try {
      return trustedOrigins.includes(new URL(href).origin) ? href : null;
    } catch {
      return null;
    }
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//') || href.startsWith('\\')) return null;
  return href;
}

/** Sorting rank of an exposure level: high 4 … none 1, not assessed 0. */
export function exposureRank(level: ExposureLevel | null): number {
  return level ? EXPOSURE_ORDER[level] : 0;
}

/** "force-majeure: notice, termination; export-control: no clause" — every gap of a contract on one line. */
export function describeGaps(row: PortfolioRow, clauseTypes: readonly PortfolioClauseType[]): string {
  return clauseTypes
    .flatMap((type) => {
      const verdict = row.verdicts[type.id];
      if (verdict === 'missing') return [`${type.id}: no clause`];
      const missing = row.missingElements[type.id] ?? [];
      return missing.length > 0 ? [`${type.id}: ${missing.join(', ')}`] : [];
    })
    .join('; ');
}

/** Review reasons as words: "language not covered". */
export function reviewLabel(code: ReviewCode): string {
  return code.replace(/_/g, ' ');
}

/** ["force-majeure: possible provision", "export-control: language not covered"] — what to check, one entry per clause type. */
export function reviewReasons(row: PortfolioRow, clauseTypes: readonly PortfolioClauseType[]): string[] {
  return clauseTypes.flatMap((type) => {
    const codes = row.review[type.id] ?? [];
    return codes.length > 0 ? [`${type.id}: ${codes.map(reviewLabel).join(', ')}`] : [];
  });
}

/** "force-majeure: possible provision; export-control: language not covered" — what to check, on one line. */
export function describeReview(row: PortfolioRow, clauseTypes: readonly PortfolioClauseType[]): string {
  return reviewReasons(row, clauseTypes).join('; ');
}
