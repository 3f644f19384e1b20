import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ErrorCode } from '../errors.js';
import { ExposureLevel, type Report, ReviewCode, Severity, Verdict } from '../report/schema.js';
import { clauseTypesOf, type Portfolio, type PortfolioClauseType, type PortfolioEntry, type PortfolioRow, portfolioOf, rowOf } from './rows.js';

/**
 * One contract's portfolio row as stored beside its report (`portfolio-rows/…`, JSON Lines: one
 * object per object key) and as Athena reads it: the columns of portfolio.csv, plus the few the
 * page and spreadsheet need (document name, error message, clause-type titles, review flag,
 * whether a fix pack exists). Never contract text: no quotes, no excerpts.
 * Keys are snake_case because Glue lower-cases column names.
 */
export const PortfolioRecord = z.strictObject({
  /** The report's path under the reports prefix without `.json`: `acme/msa.pdf`. */
  file: z.string().min(1),
  document_name: z.string(),
  /** "NAME (Role)" per contracting party. */
  parties: z.array(z.string()),
  status: z.enum(['ok', 'error']),
  error_code: ErrorCode.nullable(),
  error_message: z.string().nullable(),
  /** The report's clause types in its findings' order, so a portfolio's columns follow the library. */
  clause_types: z.array(z.strictObject({ id: z.string(), title: z.string() })),
  /** Verdict per clause type id of this report. */
  verdicts: z.record(z.string(), Verdict),
  severities: z.record(z.string(), Severity),
  /** Missing element ids per clause type id (empty for a missing clause). */
  missing_elements: z.record(z.string(), z.array(z.string())),
  /** Review reason codes per clause type id. */
  review: z.record(z.string(), z.array(ReviewCode)),
  review_needed: z.boolean(),
  overall_severity: Severity.nullable(),
  exposure: ExposureLevel.nullable(),
  exposure_materials: z.array(z.string()),
  exposure_countries: z.array(z.string()),
  analyzed_at: z.string(),
  library_id: z.string(),
  library_version: z.string(),
  /** Whether a fix pack (`….fixes.docx`) was written beside the report. */
  has_fix_pack: z.boolean(),
});
export type PortfolioRecord = z.infer<typeof PortfolioRecord>;

export function portfolioRecordJsonSchema(): unknown {
  return {
    $id: 'https://clausewatch.dev/schema/portfolio-row.schema.json',
    title: 'clausewatch portfolio row',
    ...z.toJSONSchema(PortfolioRecord),
  };
}

/** The stored row of one report, `name` being its contract name (`acme/msa.pdf`). */
export function portfolioRecordOf(name: string, report: Report, hasFixPack: boolean): PortfolioRecord {
  const entry = { file: name, report, reviewHref: null, fixPackHref: null };
  const clauseTypes = clauseTypesOf([entry]);
  const row = rowOf(entry, clauseTypes);
  const own = <T>(values: Record<string, T | null>): Record<string, T> =>
    Object.fromEntries(Object.entries(values).filter((pair): pair is [string, T] => pair[1] !== null));
  return {
    file: row.file,
    document_name: row.documentName,
    parties: row.parties,
    status: row.status,
    error_code: row.errorCode,
    error_message: row.errorMessage,
    clause_types: clauseTypes,
    verdicts: own(row.verdicts),
    severities: own(row.severities),
    missing_elements: row.missingElements,
    review: row.review,
    review_needed: row.reviewNeeded,
    overall_severity: row.overallSeverity,
    exposure: row.exposure,
    exposure_materials: row.exposureMaterials,
    exposure_countries: row.exposureCountries,
    analyzed_at: row.analyzedAt,
    library_id: row.libraryId,
    library_version: row.libraryVersion,
    has_fix_pack: hasFixPack,
  };
}

/** Clause types over many rows in the order they first appear, rows taken in their reports' key order (as a listing of reports reads them). */
export function clauseTypesOfRecords(records: readonly PortfolioRecord[]): PortfolioClauseType[] {
  const seen = new Map<string, string>();
  for (const record of [...records].sort(compareByReportKey)) {
    for (const type of record.clause_types) if (!seen.has(type.id)) seen.set(type.id, type.title);
  }
  return [...seen].map(([id, title]) => ({ id, title }));
}

/** Rows compare as their report keys (`file.json`) do in a sorted listing of reports. */
export function compareByReportKey(a: PortfolioRecord, b: PortfolioRecord): number {
  const left = `${a.file}.json`;
  const right = `${b.file}.json`;
  return left < right ? -1 : left > right ? 1 : 0;
}

/** A portfolio row from a stored row, over the portfolio's clause types; the links are the caller's. */
export function rowOfRecord(
  record: PortfolioRecord,
  clauseTypes: readonly PortfolioClauseType[],
  links: { reviewHref: string | null; fixPackHref: string | null },
): PortfolioRow {
  const each = <T>(value: (id: string) => T): Record<string, T> => Object.fromEntries(clauseTypes.map((type) => [type.id, value(type.id)]));
  return {
    file: record.file,
    documentName: record.document_name,
    parties: record.parties,
    status: record.status,
    errorCode: record.error_code,
    errorMessage: record.error_message,
    verdicts: each((id) => record.verdicts[id] ?? null),
    // Not carried: a stored row holds no contract text (see the spreadsheet's verdict notes).
    evidence: {},
    severities: each((id) => record.severities[id] ?? null),
    missingElements: each((id) => record.missing_elements[id] ?? []),
    overallSeverity: record.overall_severity,
    review: each((id) => record.review[id] ?? []),
    reviewNeeded: record.review_needed,
    exposure: record.exposure,
    exposureMaterials: record.exposure_materials,
    exposureCountries: record.exposure_countries,
    analyzedAt: record.analyzed_at,
    libraryId: record.library_id,
    libraryVersion: record.library_version,
    reviewHref: links.reviewHref,
    fixPackHref: links.fixPackHref,
  };
}

/** Rows are spread over 256 shards by a hash of the contract name: stable (a re-analysis overwrites the same key), even, and a partition Athena can prune. */
export const PORTFOLIO_SHARDS = 256;

export function portfolioShard(name: string): string {
  return createHash('sha256').update(name).digest('hex').slice(0, 2);
}

/**
 * `acme/msa.pdf` → `portfolio-rows/shard=3f/acme%2Fmsa.pdf.json`: one object per contract, its
 * path encoded into one segment so each shard is one flat folder (Athena reads a partition's
 * folder; nothing nests under it).
 */
export function portfolioRecordKey(name: string, prefix = 'portfolio-rows/'): string {
  return `${prefix}shard=${portfolioShard(name)}/${encodeURIComponent(name)}.json`;
}

/** The contract name of a row key, or null for a key that is not one. */
export function nameOfPortfolioRecordKey(key: string, prefix = 'portfolio-rows/'): string | null {
  const match = /^shard=([0-9a-f]{2})\/([^/]+)\.json$/.exec(key.startsWith(prefix) ? key.slice(prefix.length) : '');
  if (!match) return null;
  let name: string;
  try {
    name = decodeURIComponent(match[2]!);
  } catch {
    return null;
  }
  return portfolioShard(name) === match[1] && name.length > 0 ? name : null;
}

/** The stored form: one JSON object on one line. */
export function serializePortfolioRecord(record: PortfolioRecord): string {
  return `${JSON.stringify(PortfolioRecord.parse(record))}\n`;
}

/** One contract of a portfolio: its stored row (with the links the caller made) or, for a report without one yet, the report itself. */
export type PortfolioSource = { record: PortfolioRecord; file: string; reviewHref: string | null; fixPackHref: string | null } | { entry: PortfolioEntry };

/**
 * The portfolio of rows and reports, in their reports' key order (the order a listing gives):
 * the same portfolio `buildPortfolio` makes of the reports alone, except that a stored row carries
 * no evidence quotes.
 */
export function buildPortfolioFromSources(sources: readonly PortfolioSource[]): Portfolio {
  const seen = new Map<string, string>();
  for (const source of sources) {
    const types = 'record' in source ? source.record.clause_types : clauseTypesOf([source.entry]);
    for (const type of types) if (!seen.has(type.id)) seen.set(type.id, type.title);
  }
  const clauseTypes = [...seen].map(([id, title]) => ({ id, title }));
  return portfolioOf(
    clauseTypes,
    sources.map((source) =>
      'record' in source
        ? { ...rowOfRecord(source.record, clauseTypes, { reviewHref: source.reviewHref, fixPackHref: source.fixPackHref }), file: source.file }
        : rowOf(source.entry, clauseTypes),
    ),
  );
}
