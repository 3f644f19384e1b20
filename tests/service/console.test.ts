import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractsResponse, UploadRequest } from '../../lib/console/api.js';
import { contractReportKeys } from '../../lib/console/contracts.js';
import { DEFAULT_UPLOAD_LIMITS, planUploads } from '../../lib/console/uploads.js';
import { ocrJobKey } from '../../lib/ocr-jobs.js';
import { clauseTypesOf, reviewReasons, rowOf } from '../../lib/portfolio/rows.js';
import { encodeS3Key } from '../../lib/s3-events.js';
import type { LocalPipeline } from '../../local/pipeline.js';
import { type ConsoleLayout, createConsoleS3Client, listContracts, presignUpload } from '../../service/console.js';
import { fixtureBytes } from '../helpers/fixtures.js';
import { notification, readReport, startPipeline } from '../helpers/pipeline.js';

const OWNER = 'team-a';
const LAYOUT: ConsoleLayout = { contractsPrefix: 'contracts/', reportsPrefix: 'reports/', ocrJobsPrefix: 'ocr-jobs/' };
/** Bytes of a ZIP archive named .pdf: the analyzer refuses it with an `unsupported_type` report. */
const ZIP_BYTES = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new TextEncoder().encode('not a contract at all')]);

let pipeline: LocalPipeline;
let dispose: () => Promise<void>;
let signer: S3Client;

/** Links as the local server would make them, so a test can tell which file each one points at. */
const linkFor = (key: string) => `http://console.test/files/${encodeURIComponent(key)}`;

async function exists(key: string): Promise<boolean> {
  try {
    await pipeline.s3.send(new HeadObjectCommand({ Bucket: pipeline.bucket, Key: key }));
    return true;
  } catch {
    return false;
  }
}

/** Uploads through a presigned URL with fetch, as the browser does. */
async function uploadThroughConsole(owner: string, name: string, body: Uint8Array): Promise<string> {
  const request = UploadRequest.parse({ files: [{ name, size: body.length }] });
  const { uploads } = await planUploads(request, owner, DEFAULT_UPLOAD_LIMITS, (key, contentType, size) =>
    presignUpload(signer, pipeline.bucket, key, contentType, size, 60),
  );
  const upload = uploads[0]!;
  if (!upload.ok) throw new Error(upload.message);
  const response = await fetch(upload.url, { method: upload.method, headers: upload.headers, body });
  expect(response.status).toBe(200);
  return upload.key;
}

/** Delivers the object-created event of one key to the analyze handler and waits for its report. */
async function analyze(key: string): Promise<void> {
  pipeline.enqueue(notification(pipeline.bucket, encodeS3Key(key), pipeline.nextSequencer()));
  await pipeline.idle();
}

beforeAll(async () => {
  // Events are delivered by the tests, so a contract can stay queued.
  ({ pipeline, dispose } = await startPipeline({ deliverEvents: false }));
  signer = createConsoleS3Client({ S3_ENDPOINT: pipeline.endpoint, AWS_REGION: 'us-east-1' });
});

afterAll(async () => {
  signer?.destroy();
  await dispose?.();
});

describe('presignUpload', () => {
  it('gives a URL for exactly one key, with the content type and length signed, that stores the bytes as sent', async () => {
    const body = fixtureBytes('weak-fm.txt');
    const presigned = await presignUpload(signer, pipeline.bucket, 'contracts/team-z/weak fm ä.txt', 'text/plain; charset=utf-8', body.length, 60);
    const url = new URL(presigned.url);
    expect(url.pathname).toBe(`/${pipeline.bucket}/contracts/team-z/weak%20fm%20%C3%A4.txt`);
    expect(url.searchParams.get('X-Amz-SignedHeaders')!.split(';')).toEqual(expect.arrayContaining(['content-length', 'content-type', 'host']));
    expect(url.searchParams.get('X-Amz-Expires')).toBe('60');
    expect([...url.searchParams.keys()].some((name) => name.toLowerCase().startsWith('x-amz-checksum'))).toBe(false);
    expect(presigned.headers).toEqual({ 'Content-Type': 'text/plain; charset=utf-8' });

    const response = await fetch(presigned.url, { method: 'PUT', headers: presigned.headers, body });
    expect(response.status).toBe(200);
    const stored = await pipeline.s3.send(new GetObjectCommand({ Bucket: pipeline.bucket, Key: 'contracts/team-z/weak fm ä.txt' }));
    expect(Buffer.from(await stored.Body!.transformToByteArray()).equals(body)).toBe(true);
    expect(stored.ContentType).toBe('text/plain; charset=utf-8');
  });

  it('refuses a client that would sign a checksum of an empty body into the URL', async () => {
    const defaults = new S3Client({ region: 'us-east-1', endpoint: pipeline.endpoint, forcePathStyle: true });
    try {
      await expect(presignUpload(defaults, pipeline.bucket, 'contracts/team-z/a.pdf', 'application/pdf', 10)).rejects.toThrow(/createConsoleS3Client/);
    } finally {
      defaults.destroy();
    }
  });
});

describe('listContracts', () => {
  let keys: Record<'strong' | 'weak' | 'zip' | 'queued' | 'scan' | 'revised' | 'broken' | 'other', string>;

  beforeAll(async () => {
    keys = {
      strong: await uploadThroughConsole(OWNER, 'strong-fm.txt', fixtureBytes('strong-fm.txt')),
      weak: await uploadThroughConsole(OWNER, 'suppliers/weak-fm.txt', fixtureBytes('weak-fm.txt')),
      zip: await uploadThroughConsole(OWNER, 'archive.pdf', ZIP_BYTES),
      queued: await uploadThroughConsole(OWNER, 'no-fm.txt', fixtureBytes('no-fm.txt')),
      scan: await uploadThroughConsole(OWNER, 'scanned.pdf', fixtureBytes('scanned.pdf')),
      revised: await uploadThroughConsole(OWNER, 'revised.txt', fixtureBytes('weak-fm.txt')),
      broken: await uploadThroughConsole(OWNER, 'broken.txt', fixtureBytes('no-fm.txt')),
      other: await uploadThroughConsole('team-b', 'strong-fm.txt', fixtureBytes('strong-fm.txt')),
    };
    for (const key of [keys.strong, keys.weak, keys.zip, keys.revised, keys.other]) await analyze(key);
    // A newer upload of the same name whose event has not been handled yet.
    await uploadThroughConsole(OWNER, 'revised.txt', fixtureBytes('strong-fm.txt'));
    // An OCR job running for the scan, recorded as the analyze function records it.
    const job = {
      jobId: 'job-1',
      object: { bucket: pipeline.bucket, key: keys.scan, size: 1, eTag: null, versionId: null, sequencer: null, eventName: 'ObjectCreated:Put' },
      pages: [1],
      startedAt: '2026-12-01T00:00:00.000Z',
    };
    await pipeline.s3.send(new PutObjectCommand({ Bucket: pipeline.bucket, Key: ocrJobKey('ocr-jobs/', 'job-1'), Body: JSON.stringify(job) }));
    // A report that is not a report.
    await pipeline.s3.send(new PutObjectCommand({ Bucket: pipeline.bucket, Key: 'reports/team-a/broken.txt.json', Body: '{"schemaVersion":' }));
  });

  async function list(owner = OWNER): Promise<ContractsResponse> {
    return ContractsResponse.parse(await listContracts(pipeline.s3, pipeline.bucket, LAYOUT, owner, linkFor, new Date('2026-12-04T10:00:00.000Z')));
  }

  it('lists only the owner’s contracts, named by their path under the owner’s folder', async () => {
    const response = await list();
    expect(response.generatedAt).toBe('2026-12-04T10:00:00.000Z');
    expect(response.contracts.map((contract) => contract.key).sort()).toEqual(
      [keys.strong, keys.weak, keys.zip, keys.queued, keys.scan, keys.revised, keys.broken].sort(),
    );
    expect(response.contracts.find((contract) => contract.key === keys.weak)!.name).toBe('suppliers/weak-fm.txt');
    const theirs = await list('team-b');
    expect(theirs.contracts.map((contract) => contract.key)).toEqual([keys.other]);
    expect(theirs.contracts[0]!.status).toBe('done');
    expect((await list('team-c')).contracts).toEqual([]);
  });

  it('refuses an owner that is not one folder name', async () => {
    await expect(listContracts(pipeline.s3, pipeline.bucket, LAYOUT, '..', linkFor)).rejects.toThrow(/owner/);
    await expect(listContracts(pipeline.s3, pipeline.bucket, LAYOUT, 'team-a/../team-b', linkFor)).rejects.toThrow(/owner/);
  });

  it('takes status, verdicts, severity, exposure and review of an analysed contract from its report, as the portfolio does', async () => {
    const { contracts } = await list();
    for (const key of [keys.strong, keys.weak]) {
      const summary = contracts.find((contract) => contract.key === key)!;
      const reportKeys = contractReportKeys(key, LAYOUT)!;
      const report = (await readReport(pipeline, reportKeys.report))!;
      expect(report.status).toBe('ok');
      const entry = { file: summary.name, report, reviewHref: null };
      const clauseTypes = clauseTypesOf([entry]);
      const row = rowOf(entry, clauseTypes);
      expect(summary.status).toBe('done');
      expect(summary.error).toBeNull();
      expect(summary.verdicts).toEqual({ forceMajeure: report.summary.verdicts['force-majeure'], exportControl: report.summary.verdicts['export-control'] });
      expect(summary.severity).toBe(report.summary.overallSeverity);
      expect(summary.exposure).toBe(report.exposure!.level);
      expect(summary.review).toEqual({ needed: row.reviewNeeded, reasons: reviewReasons(row, clauseTypes) });
      expect(summary.size).toBe(fixtureBytes(key.endsWith('weak-fm.txt') ? 'weak-fm.txt' : 'strong-fm.txt').length);
      expect(Date.parse(summary.uploadedAt)).not.toBeNaN();
      for (const [link, file] of [
        [summary.links.report, reportKeys.report],
        [summary.links.reviewPage, reportKeys.reviewPage],
        [summary.links.fixPack, reportKeys.fixPack],
      ] as const) {
        expect(link).toBe((await exists(file)) ? linkFor(file) : null);
      }
      expect(summary.links.report).not.toBeNull();
      expect(summary.links.reviewPage).not.toBeNull();
    }
    // The weak force-majeure clause is one a fix pack mends.
    const weak = contracts.find((contract) => contract.key === keys.weak)!;
    expect(weak.verdicts.forceMajeure).toBe('weak');
    expect(weak.links.fixPack).toBe(linkFor('reports/team-a/suppliers/weak-fm.txt.fixes.docx'));
  });

  it('shows an error report as an error with its code and message', async () => {
    const summary = (await list()).contracts.find((contract) => contract.key === keys.zip)!;
    const report = (await readReport(pipeline, 'reports/team-a/archive.pdf.json'))!;
    expect(report.status).toBe('error');
    expect(summary).toMatchObject({
      status: 'error',
      error: { code: report.error!.code, message: report.error!.message },
      verdicts: { forceMajeure: null, exportControl: null },
    });
    expect(summary.error!.code).toBe('unsupported_type');
    expect(summary.severity).toBeNull();
    expect(summary.review).toBeNull();
    expect(summary.links.report).toBe(linkFor('reports/team-a/archive.pdf.json'));
  });

  it('shows a contract without a report, or with only the report of an earlier upload, as queued', async () => {
    const { contracts } = await list();
    for (const key of [keys.queued, keys.revised]) {
      const summary = contracts.find((contract) => contract.key === key)!;
      expect(summary).toMatchObject({ status: 'queued', error: null, severity: null, exposure: null, review: null });
      expect(summary.links).toEqual({ report: null, reviewPage: null, fixPack: null });
    }
    // The earlier upload's report is there; it is just not this upload's.
    expect(await readReport(pipeline, 'reports/team-a/revised.txt.json')).not.toBeNull();
  });

  it('shows a scan whose OCR job runs as analyzing, and an unreadable report as an error', async () => {
    const { contracts } = await list();
    expect(contracts.find((contract) => contract.key === keys.scan)!.status).toBe('analyzing');
    expect(contracts.find((contract) => contract.key === keys.broken)).toMatchObject({ status: 'error', error: { code: 'internal' } });
    // Without a jobs prefix nothing is read from it.
    const withoutJobs = await listContracts(pipeline.s3, pipeline.bucket, { ...LAYOUT, ocrJobsPrefix: null }, OWNER, linkFor);
    expect(withoutJobs.contracts.find((contract) => contract.key === keys.scan)!.status).toBe('queued');
  });

  it('lists the newest upload first', async () => {
    const { contracts } = await list();
    const times = contracts.map((contract) => contract.uploadedAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('once the newer upload is analysed, the contract is done again with that upload’s verdicts', async () => {
    await analyze(keys.revised);
    const summary = (await list()).contracts.find((contract) => contract.key === keys.revised)!;
    const report = (await readReport(pipeline, 'reports/team-a/revised.txt.json'))!;
    expect(summary.status).toBe('done');
    expect(summary.verdicts.forceMajeure).toBe(report.summary.verdicts['force-majeure']);
    expect(report.document.sha256).not.toBeNull();
  });
});
