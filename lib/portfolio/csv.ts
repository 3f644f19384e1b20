import { describeGaps, describeReview, type Portfolio } from './rows.js';

/** Spreadsheets run a cell that starts with one of these as a formula (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV field: formula starts defused with a leading apostrophe, then quoted per RFC 4180 when needed. */
export function csvField(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * RFC 4180 CSV: CRLF line ends, quoted fields where needed, and a UTF-8 byte order mark so
 * that Excel reads non-ASCII names correctly.
 */
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  return `\uFEFF${[header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/** portfolio.csv: one row per contract, one verdict column per clause type, and its exposure (level, materials, controlling supply countries). */
export function portfolioCsv(portfolio: Portfolio): string {
  const header = [
    'file',
    'parties',
    'status',
    'error code',
    ...portfolio.clauseTypes.map((type) => type.id),
    'missing elements',
    'overall severity',
    'review',
    'exposure',
    'exposure materials',
    'exposure countries',
    'analyzed at',
    'library id',
    'library version',
  ];
  const rows = portfolio.rows.map((row) => [
    row.file,
    row.parties.join('; '),
    row.status,
    row.errorCode ?? '',
    ...portfolio.clauseTypes.map((type) => row.verdicts[type.id] ?? ''),
    describeGaps(row, portfolio.clauseTypes),
    row.overallSeverity ?? '',
    describeReview(row, portfolio.clauseTypes),
    row.exposure ?? '',
    row.exposureMaterials.join('; '),
    row.exposureCountries.join('; '),
    row.analyzedAt,
    row.libraryId,
    row.libraryVersion,
  ]);
  return toCsv(header, rows);
}
