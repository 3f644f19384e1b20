import { loadDefaultWatchlist } from './exposure/load.js';
import { recordedLibrary, type LibraryIdentity } from './library/identity.js';
import type { Report } from './report/schema.js';

export type { LibraryIdentity } from './library/identity.js';

/** The identity of a watchlist, as far as staleness is concerned. */
export interface WatchlistIdentity {
  version: string;
}

export type RescanDecision =
  | { action: 'reanalyze'; reason: 'library-changed' | 'no-report' | 'unreadable-report' }
  | { action: 'skip'; reason: 'current' | 'changed-since-report' };

/** ETags compare without their quotes and weak prefix (listings and reads spell them differently). */
export function sameETag(a: string | null | undefined, b: string | null | undefined): boolean {
  const bare = (value: string) => value.replace(/^W\//, '').replace(/"/g, '');
  return a !== null && a !== undefined && b !== null && b !== undefined && bare(a) === bare(b);
}

/**
 * Whether a report was graded by this clause library and this exposure watchlist: reports record
 * both in `library.version` (lib/library/identity.ts), so a watchlist update makes them stale too.
 */
export function isCurrent(report: Pick<Report, 'library'>, library: LibraryIdentity, watchlist: WatchlistIdentity = loadDefaultWatchlist()): boolean {
  const current = recordedLibrary(library, watchlist);
  return report.library.id === current.id && report.library.version === current.version;
}

/**
 * Whether a contract needs a new report under `library`. A contract uploaded again since its
 * report is left to the pipeline: the upload's own event will report it, and a rescan must not
 * pass the new bytes off as the upload the stored report describes.
 */
export function decideRescan(
  stored: { report: Report | null; readable: boolean } | null,
  contractETag: string | null,
  library: LibraryIdentity,
  watchlist: WatchlistIdentity = loadDefaultWatchlist(),
): RescanDecision {
  if (stored === null) return { action: 'reanalyze', reason: 'no-report' };
  if (!stored.readable || stored.report === null) return { action: 'reanalyze', reason: 'unreadable-report' };
  if (isCurrent(stored.report, library, watchlist)) return { action: 'skip', reason: 'current' };
  const recorded = stored.report.source?.eTag ?? null;
  if (recorded !== null && contractETag !== null && !sameETag(recorded, contractETag)) return { action: 'skip', reason: 'changed-since-report' };
  return { action: 'reanalyze', reason: 'library-changed' };
}

/** A clause's verdict as a word, or what stands in for it: an error report's code, or no report. */
export function verdictState(report: Report | null, clauseType: string): string {
  if (report === null) return 'no report';
  if (report.status === 'error') return `error (${report.error?.code ?? 'unknown'})`;
  return report.findings.find((finding) => finding.clauseType === clauseType)?.verdict ?? 'not assessed';
}

export interface VerdictChange {
  clauseType: string;
  from: string;
  to: string;
}

/** The verdicts that moved between two reports of the same contract, in the new library's clause order. */
export function verdictChanges(before: Report | null, after: Report): VerdictChange[] {
  const types = [...new Set([...after.findings.map((finding) => finding.clauseType), ...(before?.findings ?? []).map((finding) => finding.clauseType)])];
  if (types.length === 0) {
    // Error on both sides, or newly an error: one line for the contract as a whole.
    const from = before === null ? 'no report' : before.status === 'error' ? `error (${before.error?.code ?? 'unknown'})` : 'ok';
    const to = after.status === 'error' ? `error (${after.error?.code ?? 'unknown'})` : 'ok';
    return from === to ? [] : [{ clauseType: '-', from, to }];
  }
  return types
    .map((clauseType) => ({ clauseType, from: verdictState(before, clauseType), to: verdictState(after, clauseType) }))
    .filter((change) => change.from !== change.to);
}
