import type { S3Client } from '@aws-sdk/client-s3';
import { z } from 'zod';
import { portfolioRecordOf, serializePortfolioRecord } from '../lib/portfolio/record.js';
import { FIX_PACK_EXTENSION } from '../lib/render/rider.js';
import type { Report } from '../lib/report/schema.js';
import { decideEvent, type ReportAddress, renderingKey, type S3ObjectRef } from '../lib/s3-events.js';
import type { Rendering } from './renderings.js';
import { deleteObject, getObject, isPreconditionFailed, putObject, putObjectConditionally } from './storage.js';

/** Only the part of a stored report the ordering rule needs; the rest may be of any schema version. */
const StoredSource = z.looseObject({ source: z.looseObject({ sequencer: z.string().nullable().optional() }).nullable().optional() });

interface StoredState {
  eTag: string | null;
  sequencer: string | null;
}

async function readState(s3: S3Client, bucket: string, key: string): Promise<StoredState | null> {
  const stored = await getObject(s3, bucket, key);
  if (!stored) return null;
  let sequencer: string | null = null;
  try {
    sequencer = StoredSource.parse(JSON.parse(new TextDecoder().decode(stored.bytes))).source?.sequencer ?? null;
  } catch {
    // An unreadable report is replaced.
  }
  return { eTag: stored.eTag, sequencer };
}

export type Outcome =
  | { outcome: 'written'; reportKey: string; status: Report['status']; code: string | null; report: Report }
  | { outcome: 'skipped'; reason: 'outside-prefix' | 'older-event' | 'duplicate-event' | 'object-missing' | 'ocr-job-unknown'; reportKey: string | null }
  | { outcome: 'deferred'; reason: 'ocr'; jobId: string; reportKey: string };

/** A report that waits for an OCR job: it is written when the job's completion notice arrives. */
export interface Deferred {
  deferred: 'ocr';
  jobId: string;
}

/** One object of an event and where its report goes. */
export interface ReportTarget {
  ref: S3ObjectRef;
  address: ReportAddress;
}

const MAX_WRITE_ATTEMPTS = 3;

/**
 * Writes the report for one event, exactly once per upload: skipped when the stored report is
 * from the same or a newer event; written with a conditional request so that two concurrent runs
 * cannot both win (the loser re-reads and re-decides). `produce` returns null when the object is
 * gone, and a {@link Deferred} when the report waits for an OCR job (written later, by the same rule).
 */
export async function writeReportOnce(
  s3: S3Client,
  { ref, address }: ReportTarget,
  produce: (name: string) => Promise<Report | Deferred | null>,
  extraRenderings: (report: Report) => Promise<Rendering[]> = async () => [],
): Promise<Outcome> {
  const key = address.reportKey;
  let state = await readState(s3, ref.bucket, key);
  let decision = decideEvent(ref.sequencer, state?.sequencer);
  if (decision !== 'write') return { outcome: 'skipped', reason: decision, reportKey: key };

  const report = await produce(address.name);
  if (!report) return { outcome: 'skipped', reason: 'object-missing', reportKey: key };
  if ('deferred' in report) return { outcome: 'deferred', reason: report.deferred, jobId: report.jobId, reportKey: key };
  const body = `${JSON.stringify(report, null, 2)}\n`;

  for (let attempt = 1; ; attempt++) {
    try {
      await putObjectConditionally(s3, { bucket: ref.bucket, key, body, contentType: 'application/json', expectedETag: state?.eTag ?? null });
      break;
    } catch (error) {
      if (!isPreconditionFailed(error) || attempt >= MAX_WRITE_ATTEMPTS) throw error;
      state = await readState(s3, ref.bucket, key);
      decision = decideEvent(ref.sequencer, state?.sequencer);
      if (decision !== 'write') return { outcome: 'skipped', reason: decision, reportKey: key };
    }
  }
  // Readable renderings and the portfolio row follow the JSON report, which is the record of truth.
  const renderings = await extraRenderings(report);
  await writeRenderings(s3, ref.bucket, address, renderings);
  await writePortfolioRow(s3, ref.bucket, address, report, renderings);
  return { outcome: 'written', reportKey: key, status: report.status, code: report.error?.code ?? null, report };
}

/** Writes the files beside a report, and removes those an earlier report had and this one has not. */
export async function writeRenderings(s3: S3Client, bucket: string, address: ReportAddress, renderings: readonly Rendering[]): Promise<void> {
  for (const rendering of renderings) {
    const key = renderingKey(address, rendering.extension);
    if (rendering.body === null) await deleteObject(s3, bucket, key);
    else await putObject(s3, { bucket, key, body: rendering.body, contentType: rendering.contentType });
  }
}

/**
 * Writes (overwrites) the contract's one portfolio row from its report: the columns only, never
 * contract text. A retried write after a crash rewrites the same row from the stored report's values.
 */
export async function writePortfolioRow(s3: S3Client, bucket: string, address: ReportAddress, report: Report, renderings: readonly Rendering[]): Promise<void> {
  const hasFixPack = renderings.some((rendering) => rendering.extension === FIX_PACK_EXTENSION && rendering.body !== null);
  const record = portfolioRecordOf(address.name, report, hasFixPack);
  await putObject(s3, { bucket, key: address.portfolioRowKey, body: serializePortfolioRecord(record), contentType: 'application/json' });
}
