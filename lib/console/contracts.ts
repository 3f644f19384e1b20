import { FIX_PACK_EXTENSION } from '../render/rider.js';
import { rowOf, clauseTypesOf, reviewReasons } from '../portfolio/rows.js';
import type { Report } from '../report/schema.js';
import { reportAddress, renderingKey, type StorageLayout } from '../s3-events.js';
import type { ContractStatus, ContractSummary } from './api.js';

/** The clause types the console shows a verdict for, by their clause-library ids. */
export const CONSOLE_CLAUSE_TYPES = { forceMajeure: 'force-majeure', exportControl: 'export-control' } as const;

/** Extension of the review page beside a report. */
export const REVIEW_PAGE_EXTENSION = '.html';

/** One uploaded contract as a listing shows it. */
export interface ContractObject {
  key: string;
  size: number;
  /** When it was uploaded (the object's last-modified time), ISO 8601. */
  lastModified: string;
  eTag: string | null;
}

/** The keys of a contract's report and the files beside it (`reportAddress` + `renderingKey`). */
export interface ContractReportKeys {
  report: string;
  reviewPage: string;
  fixPack: string;
}

export function contractReportKeys(contractKey: string, layout: StorageLayout): ContractReportKeys | null {
  const address = reportAddress(contractKey, layout);
  if (address === null) return null;
  return { report: address.reportKey, reviewPage: renderingKey(address, REVIEW_PAGE_EXTENSION), fixPack: renderingKey(address, FIX_PACK_EXTENSION) };
}

/** What is stored about one contract besides the upload itself. */
export interface ContractState {
  /** The parsed report, `unreadable` when one exists but is not a valid report, or null when there is none. */
  report: Report | 'unreadable' | null;
  /** Whether an OCR job for this upload is running (a job record names its key). */
  ocrJobRunning: boolean;
  /** Links to the files that exist (null where a file is absent). */
  links: ContractSummary['links'];
}

const NO_LINKS: ContractSummary['links'] = { report: null, reviewPage: null, fixPack: null };

function unquoted(eTag: string | null | undefined): string | null {
  return eTag ? eTag.replace(/^"|"$/g, '') : null;
}

/**
 * Whether a report describes an earlier upload of the same key: it names the object it read by
 * ETag, and the stored contract has another one now. Reports without a source (written outside
 * S3) are taken as current.
 */
export function isReportOfEarlierUpload(report: Report, object: Pick<ContractObject, 'eTag'>): boolean {
  const read = unquoted(report.source?.eTag);
  const stored = unquoted(object.eTag);
  return read !== null && stored !== null && read !== stored;
}

/**
 * A contract's row in the console. Status: `analyzing` while an OCR job for it runs; `queued`
 * while it has no report, or only the report of an earlier upload of the same name; `done` or
 * `error` from its report. Verdicts, severity, exposure and review come from the portfolio's row
 * of the report, so the console and the portfolio never disagree.
 */
export function summarizeContract(object: ContractObject, name: string, state: ContractState): ContractSummary {
  const base = { key: object.key, name, uploadedAt: object.lastModified, size: object.size };
  const empty = { error: null, verdicts: { forceMajeure: null, exportControl: null }, severity: null, exposure: null, review: null };
  const { report } = state;
  const pending: ContractStatus | null = state.ocrJobRunning
    ? 'analyzing'
    : report === null || (report !== 'unreadable' && isReportOfEarlierUpload(report, object))
      ? 'queued'
      : null;
  if (pending !== null) return { ...base, status: pending, ...empty, links: NO_LINKS };
  if (report === 'unreadable' || report === null) {
    return {
      ...base,
      status: 'error',
      ...empty,
      error: { code: 'internal', message: 'The stored report could not be read; upload the contract again.' },
      links: NO_LINKS,
    };
  }
  if (report.status === 'error') {
    return { ...base, status: 'error', ...empty, error: report.error ?? { code: 'internal', message: 'The analysis failed.' }, links: state.links };
  }
  const clauseTypes = clauseTypesOf([{ file: name, report, reviewHref: null }]);
  const row = rowOf({ file: name, report, reviewHref: null }, clauseTypes);
  return {
    ...base,
    status: 'done',
    error: null,
    verdicts: {
      forceMajeure: row.verdicts[CONSOLE_CLAUSE_TYPES.forceMajeure] ?? null,
      exportControl: row.verdicts[CONSOLE_CLAUSE_TYPES.exportControl] ?? null,
    },
    severity: row.overallSeverity,
    exposure: row.exposure,
    review: { needed: row.reviewNeeded, reasons: reviewReasons(row, clauseTypes) },
    links: state.links,
  };
}

/** Newest upload first, then by name: what a person just uploaded is on top. */
export function compareSummaries(a: ContractSummary, b: ContractSummary): number {
  return a.uploadedAt < b.uploadedAt ? 1 : a.uploadedAt > b.uploadedAt ? -1 : a.name.localeCompare(b.name);
}
