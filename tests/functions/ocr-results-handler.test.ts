import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { GetDocumentTextDetectionCommand, StartDocumentTextDetectionCommand } from '@aws-sdk/client-textract';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readRescanSummary } from '../../service/rescan.js';
import { createAnalyzeHandler } from '../../functions/analyze/handler.js';
import { createDeadLetterHandler } from '../../functions/dead-letter/handler.js';
import { createOcrResultsHandler } from '../../functions/ocr-results/handler.js';
import { encodeS3Key } from '../../lib/s3-events.js';
import type { LocalPipeline } from '../../local/pipeline.js';
import type { TextractApi } from '../../service/textract.js';
import { fixtureBytes } from '../helpers/fixtures.js';
import { notification, readPortfolioRow, readReport, sqsEvent, startPipeline } from '../helpers/pipeline.js';

/*
 * A scan read by Amazon Textract, end to end through the real handlers and a real local S3
 * server: the analyze function starts a job and writes no report; the completion notice makes
 * the OCR-results function write it. Textract itself is the one stand-in (AWS cannot run here):
 * it answers with responses in the API's shape, recorded for the weak-fm scan fixture.
 */

const RECORDED = fileURLToPath(new URL('../fixtures/textract/', import.meta.url));
const recorded = (name: string): Array<Record<string, unknown>> => {
  const value = JSON.parse(readFileSync(`${RECORDED}${name}`, 'utf8'));
  return Array.isArray(value) ? value : [value];
};
const scan = (name: string) => new Uint8Array(readFileSync(fileURLToPath(new URL(`../fixtures/scans/${name}`, import.meta.url))));

const TOPIC = 'arn:aws:sns:us-east-1:111122223333:ocr-done';
const ROLE = 'arn:aws:iam::111122223333:role/textract-publish';

/** Textract as the SDK client sees it: one job per idempotency token, results paged by NextToken. */
class FakeTextract implements TextractApi {
  readonly started: StartDocumentTextDetectionCommand['input'][] = [];
  readonly jobs = new Map<string, string>();
  results: Array<Record<string, unknown>> = recorded('weak-fm-scan.json');
  startError: Error | null = null;
  /** Every job is still running (GetDocumentTextDetection answers IN_PROGRESS). */
  running = false;

  send = (async (command: unknown) => {
    if (command instanceof StartDocumentTextDetectionCommand) {
      if (this.startError) throw this.startError;
      this.started.push(command.input);
      const token = command.input.ClientRequestToken!;
      if (!this.jobs.has(token)) this.jobs.set(token, `job-${this.jobs.size + 1}`);
      return { JobId: this.jobs.get(token) };
    }
    if (command instanceof GetDocumentTextDetectionCommand) {
      if (this.running) return { JobStatus: 'IN_PROGRESS', Blocks: [] };
      const index = command.input.NextToken ? this.results.findIndex((page) => page.NextToken === command.input.NextToken) + 1 : 0;
      return this.results[index];
    }
    throw new Error(`unexpected command ${String(command)}`);
  }) as TextractApi['send'];
}

const serviceError = (name: string) => Object.assign(new Error(name), { name, $metadata: { httpStatusCode: 400 } });

describe('a scan read by Amazon Textract (OCR=textract)', () => {
  let pipeline: LocalPipeline;
  let dispose: () => Promise<void>;
  let textract: FakeTextract;
  const env = (extra: Record<string, string> = {}) => ({
    S3_ENDPOINT: pipeline.endpoint,
    AWS_REGION: 'us-east-1',
    LOG_LEVEL: 'error',
    ANALYZER_ISOLATION: 'inline',
    OCR: 'textract',
    TEXTRACT_TOPIC_ARN: TOPIC,
    TEXTRACT_ROLE_ARN: ROLE,
    ...extra,
  });
  const handlers = (extra: Record<string, string> = {}) => ({
    analyze: createAnalyzeHandler(env(extra), { textract }),
    results: createOcrResultsHandler(env(extra), { textract }),
    deadLetter: createDeadLetterHandler(env(extra)),
  });
  const notice = (jobId: string, status: 'SUCCEEDED' | 'FAILED' | 'ERROR', key: string) =>
    JSON.stringify({
      JobId: jobId,
      Status: status,
      API: 'StartDocumentTextDetection',
      JobTag: 'clausewatch',
      Timestamp: 1_700_000_000_000,
      DocumentLocation: { S3ObjectName: key, S3Bucket: pipeline.bucket },
    });
  const jobRecords = async () =>
    ((await pipeline.s3.send(new ListObjectsV2Command({ Bucket: pipeline.bucket, Prefix: 'ocr-jobs/' }))).Contents ?? []).map((object) => object.Key);
  const upload = async (key: string, bytes: Uint8Array, sequencer: string, analyze = handlers().analyze) => {
    await pipeline.upload(key, bytes);
    return analyze(sqsEvent(notification(pipeline.bucket, encodeS3Key(key), sequencer)));
  };

  const keptTexts = async () =>
    ((await pipeline.s3.send(new ListObjectsV2Command({ Bucket: pipeline.bucket, Prefix: 'ocr-text/' }))).Contents ?? []).map((object) => object.Key!);

  beforeAll(async () => {
    ({ pipeline, dispose } = await startPipeline({ deliverEvents: false }));
  });
  afterAll(async () => dispose());
  // Each test starts with no kept OCR text: the scans are the same bytes.
  afterEach(async () => {
    for (const key of await keptTexts()) await pipeline.s3.send(new DeleteObjectCommand({ Bucket: pipeline.bucket, Key: key }));
  });

  it('starts one job for the upload and writes no report until the job has finished; then writes it once', async () => {
    textract = new FakeTextract();
    const { analyze, results } = handlers();
    const key = 'contracts/scans/weak terms.pdf';
    const message = sqsEvent(notification(pipeline.bucket, encodeS3Key(key), '0A10'));
    await pipeline.upload(key, scan('weak-fm-scan.pdf'));
    expect((await analyze(message)).batchItemFailures).toEqual([]);
    // A retried message starts no second job: the same idempotency token gets the same job.
    expect((await analyze(message)).batchItemFailures).toEqual([]);
    expect(textract.started).toHaveLength(2);
    expect(new Set(textract.started.map((input) => input.ClientRequestToken)).size).toBe(1);
    expect(textract.started[0]).toMatchObject({
      DocumentLocation: { S3Object: { Bucket: pipeline.bucket, Name: key } },
      NotificationChannel: { SNSTopicArn: TOPIC, RoleArn: ROLE },
    });
    expect(textract.started[0]!.ClientRequestToken).toMatch(/^[a-f0-9]{64}$/);
    expect(await readReport(pipeline, 'reports/scans/weak terms.pdf.json')).toBeNull();
    expect(await jobRecords()).toEqual(['ocr-jobs/job-1.json']);
    const record = JSON.parse(
      await (await pipeline.s3.send(new GetObjectCommand({ Bucket: pipeline.bucket, Key: 'ocr-jobs/job-1.json' }))).Body!.transformToString(),
    );
    expect(record).toMatchObject({ jobId: 'job-1', pages: [1], object: { key, sequencer: '0A10' } });

    expect((await results(sqsEvent(notice('job-1', 'SUCCEEDED', key)))).batchItemFailures).toEqual([]);
    const report = await readReport(pipeline, 'reports/scans/weak terms.pdf.json');
    expect(report?.status).toBe('ok');
    expect(report?.source?.sequencer).toBe('0A10');
    expect(report?.document.ocr?.engine).toBe('textract');
    expect(report?.document.ocr?.pages).toEqual([expect.objectContaining({ page: 1, read: true })]);
    expect(await readPortfolioRow(pipeline, 'scans/weak terms.pdf')).toMatchObject({ status: 'ok', analyzed_at: report?.analyzedAt });
    expect(report?.summary.verdicts['force-majeure']).toBe('weak');
    // The clause was found on the page Textract read.
    const forceMajeure = report!.findings.find((finding) => finding.clauseType === 'force-majeure');
    expect(forceMajeure?.present).toBe(true);
    expect(forceMajeure?.location?.page).toBe(1);
    expect(await jobRecords()).toEqual([]);

    // A repeated notice finds no record and changes nothing.
    const analyzedAt = report?.analyzedAt;
    expect((await results(sqsEvent(notice('job-1', 'SUCCEEDED', key)))).batchItemFailures).toEqual([]);
    expect((await readReport(pipeline, 'reports/scans/weak terms.pdf.json'))?.analyzedAt).toBe(analyzedAt);
  });

  it('re-grades a scan named by a rescan message with its kept OCR text, without a new job, and refuses one whose text is gone', async () => {
    textract = new FakeTextract();
    const { analyze, results } = handlers();
    const key = 'contracts/rescan/scan.pdf';
    await upload(key, scan('weak-fm-scan.pdf'), '3A10', analyze);
    await results(sqsEvent(notice('job-1', 'SUCCEEDED', key)));
    const first = (await readReport(pipeline, 'reports/rescan/scan.pdf.json'))!;
    const stale = { ...first, library: { ...first.library, version: `${first.library.version.split('+')[0]}+wl.2000.01.01` } };
    await pipeline.s3.send(new PutObjectCommand({ Bucket: pipeline.bucket, Key: 'reports/rescan/scan.pdf.json', Body: JSON.stringify(stale) }));
    const eTag = (await pipeline.s3.send(new HeadObjectCommand({ Bucket: pipeline.bucket, Key: key }))).ETag;
    const rescanMessage = JSON.stringify({ kind: 'clausewatch.rescan', rescanId: 'r-scan', bucket: pipeline.bucket, key, eTag, versionId: null });
    expect((await analyze(sqsEvent(rescanMessage))).batchItemFailures).toEqual([]);
    expect(textract.started).toHaveLength(1);
    const rescanned = (await readReport(pipeline, 'reports/rescan/scan.pdf.json'))!;
    expect(rescanned.library.version).toBe(first.library.version);
    expect(rescanned.document.ocr?.engine).toBe('textract');
    expect(rescanned.summary.verdicts['force-majeure']).toBe('weak');
    expect(rescanned.source?.sequencer).toBe('3A10');

    // Without its kept text, the rescan records an error instead of a report of a scan without text.
    for (const kept of await keptTexts()) await pipeline.s3.send(new DeleteObjectCommand({ Bucket: pipeline.bucket, Key: kept }));
    await pipeline.s3.send(new PutObjectCommand({ Bucket: pipeline.bucket, Key: 'reports/rescan/scan.pdf.json', Body: JSON.stringify(stale) }));
    expect((await analyze(sqsEvent(rescanMessage.replace('r-scan', 'r-scan-2')))).batchItemFailures).toEqual([]);
    expect((await readReport(pipeline, 'reports/rescan/scan.pdf.json'))?.library.version).toBe(stale.library.version);
    expect(await readRescanSummary(pipeline.s3, pipeline.bucket, 'r-scan-2')).toMatchObject({ scanned: 1, errors: 1 });
  });

  it('keeps the text a job read, so the same bytes (a rescan, another name) are analysed without a new job', async () => {
    textract = new FakeTextract();
    const { analyze, results } = handlers();
    await upload('contracts/kept/original.pdf', scan('weak-fm-scan.pdf'), '2A10', analyze);
    await results(sqsEvent(notice('job-1', 'SUCCEEDED', 'contracts/kept/original.pdf')));
    const original = await readReport(pipeline, 'reports/kept/original.pdf.json');
    expect(await keptTexts()).toEqual([`ocr-text/${original?.document.sha256}.json`]);

    await upload('contracts/kept/copy.pdf', scan('weak-fm-scan.pdf'), '2A20', analyze);
    expect(textract.started).toHaveLength(1);
    const copy = await readReport(pipeline, 'reports/kept/copy.pdf.json');
    expect(copy?.status).toBe('ok');
    expect(copy?.document.ocr?.engine).toBe('textract');
    expect(copy?.summary.verdicts).toEqual(original?.summary.verdicts);
    expect(await jobRecords()).toEqual([]);
  });

  it('writes an ocr_failed report when the job fails, or when its results say so', async () => {
    textract = new FakeTextract();
    const { results } = handlers();
    await upload('contracts/scans/failed.pdf', scan('weak-fm-scan.pdf'), '0B10', handlers().analyze);
    await results(sqsEvent(notice('job-1', 'FAILED', 'contracts/scans/failed.pdf')));
    const failed = await readReport(pipeline, 'reports/scans/failed.pdf.json');
    expect(failed?.error?.code).toBe('ocr_failed');
    expect(failed?.document.sha256).toMatch(/^[a-f0-9]{64}$/);

    textract = new FakeTextract();
    textract.results = recorded('failed.json');
    await upload('contracts/scans/unreadable.pdf', scan('weak-fm-scan.pdf'), '0B20', handlers().analyze);
    await handlers().results(sqsEvent(notice('job-1', 'SUCCEEDED', 'contracts/scans/unreadable.pdf')));
    const unreadable = await readReport(pipeline, 'reports/scans/unreadable.pdf.json');
    expect(unreadable?.error).toEqual({ code: 'ocr_failed', message: expect.stringMatching(/UNSUPPORTED_DOCUMENT/) });
    expect(await jobRecords()).toEqual([]);
  });

  it('reports a document the service refuses at once, and retries when the service is throttled', async () => {
    textract = new FakeTextract();
    textract.startError = serviceError('UnsupportedDocumentException');
    await upload('contracts/scans/refused.pdf', scan('weak-fm-scan.pdf'), '0C10', handlers().analyze);
    const refused = await readReport(pipeline, 'reports/scans/refused.pdf.json');
    expect(refused?.error?.code).toBe('ocr_failed');
    expect(refused?.document.pagesWithoutText).toEqual([1]);

    textract.startError = serviceError('ProvisionedThroughputExceededException');
    const throttled = await upload('contracts/scans/throttled.pdf', scan('weak-fm-scan.pdf'), '0C20', handlers().analyze);
    expect(throttled.batchItemFailures).toHaveLength(1);
    expect(await readReport(pipeline, 'reports/scans/throttled.pdf.json')).toBeNull();
    expect(await jobRecords()).toEqual([]);
  });

  it('gives a scan over the OCR page budget a too_many_pages report without starting a job', async () => {
    textract = new FakeTextract();
    await upload('contracts/scans/long.pdf', scan('strong-fm-scan.pdf'), '0D10', handlers({ OCR_MAX_PAGES: '3' }).analyze);
    expect((await readReport(pipeline, 'reports/scans/long.pdf.json'))?.error?.code).toBe('too_many_pages');
    expect(textract.started).toEqual([]);
  });

  it('keeps the report of a newer upload when the job for an older one finishes after it', async () => {
    textract = new FakeTextract();
    const { analyze, results } = handlers();
    const key = 'contracts/scans/replaced.pdf';
    await upload(key, scan('weak-fm-scan.pdf'), '0E10', analyze);
    await upload(key, fixtureBytes('strong-fm.txt'), '0E20', analyze);
    const newer = await readReport(pipeline, 'reports/scans/replaced.pdf.json');
    expect(newer?.source?.sequencer).toBe('0E20');
    await results(sqsEvent(notice('job-1', 'SUCCEEDED', key)));
    expect((await readReport(pipeline, 'reports/scans/replaced.pdf.json'))?.analyzedAt).toBe(newer?.analyzedAt);
    expect(await jobRecords()).toEqual([]);
  });

  it('turns a notice that failed every attempt into an internal report for its upload (dead-letter queue)', async () => {
    textract = new FakeTextract();
    const { analyze, deadLetter } = handlers();
    await upload('contracts/scans/stuck.pdf', scan('weak-fm-scan.pdf'), '0F10', analyze);
    expect((await deadLetter(sqsEvent(notice('job-1', 'SUCCEEDED', 'contracts/scans/stuck.pdf')))).batchItemFailures).toEqual([]);
    const report = await readReport(pipeline, 'reports/scans/stuck.pdf.json');
    expect(report?.error?.code).toBe('internal');
    expect(report?.source?.sequencer).toBe('0F10');
    expect(await jobRecords()).toEqual([]);
  });

  it('drops a message that is no completion notice without failing the batch', async () => {
    textract = new FakeTextract();
    expect((await handlers().results(sqsEvent('{"hello":1}', 'not json'))).batchItemFailures).toEqual([]);
  });

  describe('the hourly check of jobs whose notice is overdue', () => {
    const SCHEDULED = { source: 'aws.events', 'detail-type': 'Scheduled Event' };
    const HOUR = 60 * 60 * 1000;
    /** Makes the job's record look started `hours` ago. */
    const age = async (jobId: string, hours: number) => {
      const key = `ocr-jobs/${jobId}.json`;
      const record = JSON.parse(await (await pipeline.s3.send(new GetObjectCommand({ Bucket: pipeline.bucket, Key: key }))).Body!.transformToString());
      record.startedAt = new Date(Date.now() - hours * HOUR).toISOString();
      await pipeline.s3.send(new PutObjectCommand({ Bucket: pipeline.bucket, Key: key, Body: JSON.stringify(record), ContentType: 'application/json' }));
    };

    it('finishes a job whose notice never came, leaves a young or merely slow one, and gives up after a day', async () => {
      textract = new FakeTextract();
      const { analyze, results } = handlers({ BUCKET_NAME: 'contracts-test' });
      await upload('contracts/sweep/lost-notice.pdf', scan('weak-fm-scan.pdf'), '1A10', analyze);
      await upload('contracts/sweep/young.pdf', scan('weak-fm-scan.pdf'), '1A20', analyze);
      await age('job-1', 2);

      expect((await results(SCHEDULED)).batchItemFailures).toEqual([]);
      expect((await readReport(pipeline, 'reports/sweep/lost-notice.pdf.json'))?.document.ocr?.engine).toBe('textract');
      expect(await readReport(pipeline, 'reports/sweep/young.pdf.json')).toBeNull();
      expect(await jobRecords()).toEqual(['ocr-jobs/job-2.json']);

      // Still running after two hours: left alone; after a day: given up with a report.
      textract.running = true;
      await age('job-2', 2);
      await results(SCHEDULED);
      expect(await jobRecords()).toEqual(['ocr-jobs/job-2.json']);
      await age('job-2', 25);
      await results(SCHEDULED);
      const givenUp = await readReport(pipeline, 'reports/sweep/young.pdf.json');
      expect(givenUp?.error).toEqual({ code: 'ocr_failed', message: expect.stringMatching(/did not finish within 24 hours/) });
      expect(await jobRecords()).toEqual([]);
    });
  });
});
