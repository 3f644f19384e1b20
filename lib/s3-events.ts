import { z } from 'zod';
import { portfolioRecordKey } from './portfolio/record.js';

/** One object named by an S3 event, with the key decoded. */
export interface S3ObjectRef {
  bucket: string;
  key: string;
  size: number | null;
  eTag: string | null;
  versionId: string | null;
  /** Orders events for the same key; compare with `compareSequencers`. */
  sequencer: string | null;
  eventName: string;
}

/**
 * S3 event keys are form-encoded: `+` is a space, then percent-decoding. A malformed escape is
 * kept as it is, so an odd key still gets its report instead of failing the batch.
 */
export function decodeS3Key(encoded: string): string {
  const spaced = encoded.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

/** The inverse of `decodeS3Key`, as S3 encodes keys in event notifications. */
export function encodeS3Key(key: string): string {
  return encodeURIComponent(key).replace(/%20/g, '+').replace(/%2F/g, '/');
}

/** Sequencers are hex strings of varying length: compare them as numbers (-1, 0 or 1). */
export function compareSequencers(a: string, b: string): number {
  const length = Math.max(a.length, b.length);
  const left = a.toUpperCase().padStart(length, '0');
  const right = b.toUpperCase().padStart(length, '0');
  return left < right ? -1 : left > right ? 1 : 0;
}

const S3Record = z.object({
  eventName: z.string(),
  s3: z.object({
    bucket: z.object({ name: z.string() }),
    object: z.object({
      key: z.string(),
      size: z.number().optional(),
      eTag: z.string().optional(),
      versionId: z.string().optional(),
      sequencer: z.string().optional(),
    }),
  }),
});

const S3Notification = z.object({ Records: z.array(S3Record) });
const S3TestEvent = z.looseObject({ Event: z.literal('s3:TestEvent') });

export type ParsedMessage = { kind: 'objects'; objects: S3ObjectRef[] } | { kind: 'test-event' } | { kind: 'invalid'; reason: string };

/** Parses one SQS message body holding an S3 notification. */
export function parseS3Notification(body: string): ParsedMessage {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { kind: 'invalid', reason: 'the message body is not JSON' };
  }
  if (S3TestEvent.safeParse(json).success) return { kind: 'test-event' };
  const parsed = S3Notification.safeParse(json);
  if (!parsed.success) return { kind: 'invalid', reason: 'the message is not an S3 event notification' };
  return {
    kind: 'objects',
    objects: parsed.data.Records.filter((record) => record.eventName.startsWith('ObjectCreated')).map((record) => ({
      bucket: record.s3.bucket.name,
      key: decodeS3Key(record.s3.object.key),
      size: record.s3.object.size ?? null,
      eTag: record.s3.object.eTag ?? null,
      versionId: record.s3.object.versionId ?? null,
      sequencer: record.s3.object.sequencer ?? null,
      eventName: record.eventName,
    })),
  };
}

export interface StorageLayout {
  contractsPrefix: string;
  reportsPrefix: string;
  /** Where each report's portfolio row goes; `portfolio-rows/` when not given. */
  portfolioRowsPrefix?: string;
}

export const DEFAULT_LAYOUT: StorageLayout = { contractsPrefix: 'contracts/', reportsPrefix: 'reports/' };

/** `contracts/acme/msa.pdf` → `acme/msa.pdf`: the name the report shows and the report key keeps. */
export function contractName(key: string, layout: StorageLayout = DEFAULT_LAYOUT): string | null {
  if (!key.startsWith(layout.contractsPrefix) || key.length === layout.contractsPrefix.length || key.endsWith('/')) return null;
  return key.slice(layout.contractsPrefix.length);
}

/** `contracts/acme/msa.pdf` → `reports/acme/msa.pdf.json` (or another extension for other renderings). */
export function reportKey(key: string, layout: StorageLayout = DEFAULT_LAYOUT, extension = '.json'): string | null {
  const address = reportAddress(key, layout);
  return address === null ? null : renderingKey(address, extension);
}

/** Where everything about one uploaded contract goes, worked out once from its key. */
export interface ReportAddress {
  /** The uploaded object's key, `contracts/acme/msa.pdf`. */
  contractKey: string;
  /** The contract's name in its report, `acme/msa.pdf`. */
  name: string;
  /** The JSON report, `reports/acme/msa.pdf.json`. */
  reportKey: string;
  /** The report's portfolio row, `portfolio-rows/shard=3f/acme%2Fmsa.pdf.json` (see lib/portfolio/record.ts). */
  portfolioRowKey: string;
}

/** The address of a contract's report; null for a key outside the contracts prefix (or a folder). */
export function reportAddress(key: string, layout: StorageLayout = DEFAULT_LAYOUT): ReportAddress | null {
  const name = contractName(key, layout);
  if (name === null) return null;
  return { contractKey: key, name, reportKey: `${layout.reportsPrefix}${name}.json`, portfolioRowKey: portfolioRecordKey(name, layout.portfolioRowsPrefix) };
}

/** The key of a file beside the report (`.html`, `.fixes.docx`): the report key with another extension. */
export function renderingKey(address: ReportAddress, extension: string): string {
  return `${address.reportKey.slice(0, -'.json'.length)}${extension}`;
}

export type EventDecision = 'write' | 'older-event' | 'duplicate-event';

/**
 * Whether an event may (re)write the report of its key, given the sequencer recorded in the
 * stored report: a late, older event must never overwrite the report of a newer upload.
 */
export function decideEvent(incoming: string | null, stored: string | null | undefined): EventDecision {
  if (!incoming || !stored) return 'write';
  const order = compareSequencers(incoming, stored);
  return order < 0 ? 'older-event' : order === 0 ? 'duplicate-event' : 'write';
}
