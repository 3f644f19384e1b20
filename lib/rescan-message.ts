import { z } from 'zod';

/*
 * A rescan request for one contract, sent to the analysis queue beside S3 event notifications by
 * the rescan state machine (AWS) or the local pipeline's fan-out (npm start). The analyze
 * function re-analyzes the contract only when its report is stale and the object is the one the
 * enumeration saw.
 */

/** A rescan's id: the state machine execution's name, or one the CLI made up; safe in an S3 key. */
export const RescanId = z
  .string()
  .min(1)
  .max(80)
  .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, "-" and "_" only');

export const RescanMessage = z.object({
  kind: z.literal('clausewatch.rescan'),
  rescanId: RescanId,
  bucket: z.string().min(3),
  key: z.string().min(1),
  /** The ETag the listing saw: a contract uploaded again since then is left to its own event. */
  eTag: z.string().nullable().default(null),
  versionId: z.string().nullable().default(null),
});
export type RescanMessage = z.infer<typeof RescanMessage>;

/**
 * What starts a rescan: the state machine's execution input in AWS, and the request object
 * (`rescans/<id>/request.json`) the local pipeline fans out.
 */
export const RescanRequest = z.object({
  rescanId: RescanId,
  /** At most this many contracts are enumerated (null: all). */
  maxItems: z.number().int().positive().nullable().default(null),
});
export type RescanRequest = z.infer<typeof RescanRequest>;

export type ParsedRescanMessage = { kind: 'rescan'; message: RescanMessage } | { kind: 'not-rescan' } | { kind: 'invalid'; reason: string };

/** Whether an SQS body is a rescan message; anything without the rescan `kind` is left to the S3 notification parser. */
export function parseRescanMessage(body: string): ParsedRescanMessage {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { kind: 'not-rescan' };
  }
  if ((json as { kind?: unknown } | null)?.kind !== 'clausewatch.rescan') return { kind: 'not-rescan' };
  const parsed = RescanMessage.safeParse(json);
  if (!parsed.success)
    return {
      kind: 'invalid',
      reason: `malformed rescan message: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`,
    };
  return { kind: 'rescan', message: parsed.data };
}

/** The rescan message for one listed contract. */
export function rescanMessageFor(rescanId: string, bucket: string, object: { key: string; eTag: string | null }): RescanMessage {
  return { kind: 'clausewatch.rescan', rescanId, bucket, key: object.key, eTag: object.eTag, versionId: null };
}

export const RESCAN_OUTCOMES = ['skipped-current', 'skipped-changed', 'skipped-written-meanwhile', 'skipped-gone', 'reanalyzed', 'error'] as const;
export const RescanOutcomeName = z.enum(RESCAN_OUTCOMES);
export type RescanOutcomeName = z.infer<typeof RescanOutcomeName>;

/**
 * Where a rescan's progress lives: `<prefix><id>/request.json` (what was asked), and one small
 * object per contract outcome, `<prefix><id>/outcomes/<hash>~<outcome>~<verdicts moved>.json`.
 * Each Lambda instance writes only its own contracts' objects, so nothing is read-modify-written
 * and concurrent instances cannot race; the summary is counted from the listing alone.
 */
export function rescanOutcomeKey(prefix: string, rescanId: string, contractHash: string, outcome: RescanOutcomeName, verdictsMoved: number): string {
  return `${prefix}${rescanId}/outcomes/${contractHash}~${outcome}~${verdictsMoved}.json`;
}

export function rescanRequestKey(prefix: string, rescanId: string): string {
  return `${prefix}${rescanId}/request.json`;
}

const OUTCOME_FILE = /\/outcomes\/([0-9a-f]+)~([a-z-]+)~(\d+)\.json$/;

export interface ListedOutcome {
  key: string;
  lastModified: number;
}

export interface RescanSummary {
  scanned: number;
  reanalyzed: number;
  skippedCurrent: number;
  skippedOther: number;
  verdictsMoved: number;
  contractsWithMovedVerdicts: number;
  errors: number;
}

/**
 * Counts a rescan's outcome objects. A contract counts once: a redelivered message may record a
 * second outcome, and a re-analysis stands over what a later delivery found (it then finds the
 * report current); otherwise the latest outcome stands (an error mended by a retry).
 */
export function summarizeRescan(objects: readonly ListedOutcome[]): RescanSummary {
  const byContract = new Map<string, { outcome: RescanOutcomeName; moved: number; at: number }>();
  for (const object of objects) {
    const match = OUTCOME_FILE.exec(object.key);
    const outcome = match ? RescanOutcomeName.safeParse(match[2]) : null;
    if (!match || !outcome?.success) continue;
    const entry = { outcome: outcome.data, moved: Number(match[3]), at: object.lastModified };
    const seen = byContract.get(match[1]!);
    const wins = !seen || (seen.outcome !== 'reanalyzed' && (entry.outcome === 'reanalyzed' || entry.at >= seen.at));
    if (wins) byContract.set(match[1]!, entry);
  }
  const summary: RescanSummary = {
    scanned: byContract.size,
    reanalyzed: 0,
    skippedCurrent: 0,
    skippedOther: 0,
    verdictsMoved: 0,
    contractsWithMovedVerdicts: 0,
    errors: 0,
  };
  for (const { outcome, moved } of byContract.values()) {
    if (outcome === 'reanalyzed') summary.reanalyzed++;
    else if (outcome === 'skipped-current') summary.skippedCurrent++;
    else if (outcome === 'error') summary.errors++;
    else summary.skippedOther++;
    summary.verdictsMoved += moved;
    if (moved > 0) summary.contractsWithMovedVerdicts++;
  }
  return summary;
}
