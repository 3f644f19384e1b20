import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAnalyzeHandler } from '../../functions/analyze/handler.js';
import { createDeadLetterHandler, INTERNAL_FAILURE_MESSAGE } from '../../functions/dead-letter/handler.js';
import { loadDefaultWatchlist } from '../../lib/exposure/load.js';
import { recordedLibraryVersion } from '../../lib/library/identity.js';
import { encodeS3Key } from '../../lib/s3-events.js';
import type { LocalPipeline } from '../../local/pipeline.js';
import { fixtureBytes } from '../helpers/fixtures.js';
import { notification, readPortfolioRow, readReport, sqsEvent, startPipeline } from '../helpers/pipeline.js';

const sqs = sqsEvent;

describe('analyze handler against a real local S3 server (events fed by the test)', () => {
  let pipeline: LocalPipeline;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ pipeline, dispose } = await startPipeline({ deliverEvents: false }));
  });
  afterAll(async () => dispose());

  const env = (extra: Record<string, string> = {}) => ({
    S3_ENDPOINT: pipeline.endpoint,
    AWS_REGION: 'us-east-1',
    LOG_LEVEL: 'error',
    ANALYZER_ISOLATION: 'inline',
    ...extra,
  });

  it('never lets a late, older event overwrite the report of a newer upload', async () => {
    const handler = pipeline.handlers.analyze;
    const key = 'contracts/order/msa v2.txt';
    await pipeline.upload(key, fixtureBytes('strong-fm.txt'));
    expect((await handler(sqs(notification(pipeline.bucket, encodeS3Key(key), '00B0')))).batchItemFailures).toEqual([]);
    const newer = await readReport(pipeline, 'reports/order/msa v2.txt.json');
    expect(newer?.source?.sequencer).toBe('00B0');

    // The event of the earlier upload arrives late.
    await pipeline.upload(key, fixtureBytes('weak-fm.txt'));
    await handler(sqs(notification(pipeline.bucket, encodeS3Key(key), '00A0')));
    const after = await readReport(pipeline, 'reports/order/msa v2.txt.json');
    expect(after?.source?.sequencer).toBe('00B0');
    expect(after?.analyzedAt).toBe(newer?.analyzedAt);

    // A genuinely newer event replaces it.
    await handler(sqs(notification(pipeline.bucket, encodeS3Key(key), '00C0')));
    const newest = await readReport(pipeline, 'reports/order/msa v2.txt.json');
    expect(newest?.source?.sequencer).toBe('00C0');
    expect(newest?.summary.verdicts['force-majeure']).toBe('weak');
    // The review page follows the report it renders.
    const page = await pipeline.s3.send(new GetObjectCommand({ Bucket: pipeline.bucket, Key: 'reports/order/msa v2.txt.html' }));
    expect(page.ContentType).toBe('text/html; charset=utf-8');
    expect(await page.Body!.transformToString()).toMatch(/<section class="card clause" id="clause-1" data-clause-type="force-majeure" data-verdict="weak">/);
  });

  it('writes a fix pack beside the report of a contract with gaps, and removes it when a new upload leaves nothing to fix', async () => {
    const handler = pipeline.handlers.analyze;
    const key = 'contracts/fixes/supply.txt';
    const fixPackKey = 'reports/fixes/supply.txt.fixes.docx';
    const fixPack = async () => {
      try {
        return await pipeline.s3.send(new GetObjectCommand({ Bucket: pipeline.bucket, Key: fixPackKey }));
      } catch {
        return null;
      }
    };
    await pipeline.upload(key, fixtureBytes('weak-fm.txt'));
    await handler(sqs(notification(pipeline.bucket, encodeS3Key(key), '0100')));
    const written = await fixPack();
    expect(written?.ContentType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(
      Buffer.from(await written!.Body!.transformToByteArray())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    // The contract's one portfolio row follows its report.
    expect(await readPortfolioRow(pipeline, 'fixes/supply.txt')).toMatchObject({ file: 'fixes/supply.txt', status: 'ok', has_fix_pack: true });
    expect((await readPortfolioRow(pipeline, 'fixes/supply.txt'))?.verdicts['force-majeure']).toBe('weak');

    await pipeline.upload(key, fixtureBytes('strong-fm.txt'));
    await handler(sqs(notification(pipeline.bucket, encodeS3Key(key), '0200')));
    expect((await readReport(pipeline, 'reports/fixes/supply.txt.json'))?.summary.verdicts).toEqual({
      'force-majeure': 'adequate',
      'export-control': 'adequate',
    });
    expect(await fixPack()).toBeNull();
    expect(await readPortfolioRow(pipeline, 'fixes/supply.txt')).toMatchObject({
      verdicts: { 'force-majeure': 'adequate', 'export-control': 'adequate' },
      has_fix_pack: false,
    });
  });

  it('sends CloudWatch metrics for each batch when metrics are on', async () => {
    const handler = createAnalyzeHandler(env({ METRICS: 'on', LOG_LEVEL: 'info' }));
    await pipeline.upload('contracts/metrics/msa.txt', fixtureBytes('weak-fm.txt'));
    const lines: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      await handler(sqs(notification(pipeline.bucket, 'contracts/metrics/msa.txt', '0100')));
    } finally {
      write.mockRestore();
    }
    const emf = lines
      .flatMap((chunk) => chunk.split('\n'))
      .filter((line) => line.includes('"_aws"'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(emf.find((line) => 'ReportsWritten' in line)).toMatchObject({ ReportsWritten: 1, DocumentsAnalyzed: 1, service: 'clausewatch-analyze' });
    // The log says which object and which report, and nothing of the contract's text.
    expect(lines.join('')).toContain('"reportKey":"reports/metrics/msa.txt.json"');
    expect(lines.join('')).not.toMatch(/Marlow|Quotations are valid/);
    expect(
      emf
        .filter((line) => 'Verdicts' in line)
        .map((line) => `${line.ClauseType}:${line.Verdict}`)
        .sort(),
    ).toEqual(['export-control:missing', 'force-majeure:weak']);
  });

  it('ignores the S3 test event and drops malformed messages without retrying them', async () => {
    const response = await pipeline.handlers.analyze(sqs(JSON.stringify({ Service: 'Amazon S3', Event: 's3:TestEvent' }), 'garbage'));
    expect(response.batchItemFailures).toEqual([]);
  });

  it('skips an object deleted before its event is handled', async () => {
    const response = await pipeline.handlers.analyze(sqs(notification(pipeline.bucket, 'contracts/gone.pdf', '01')));
    expect(response.batchItemFailures).toEqual([]);
    expect(await readReport(pipeline, 'reports/gone.pdf.json')).toBeNull();
  });

  it('reports an upload over the byte limit as too_large without analyzing it', async () => {
    const handler = createAnalyzeHandler(env({ MAX_BYTES: '1000' }));
    await pipeline.upload('contracts/big.txt', 'x'.repeat(5_000));
    await handler(sqs(notification(pipeline.bucket, 'contracts/big.txt', '01')));
    const report = await readReport(pipeline, 'reports/big.txt.json');
    expect(report?.error?.code).toBe('too_large');
    expect(report?.document.bytes).toBe(5_000);
    expect(report?.document.sha256).toBeNull();
  });

  it('uses a custom clause library stored in the bucket, and reports an invalid one', async () => {
    const library = JSON.parse(JSON.stringify((await import('../../lib/library/clause-library.json', { with: { type: 'json' } })).default));
    library.version = 'acme-2027.1';
    const put = (body: string) => pipeline.s3.send(new PutObjectCommand({ Bucket: pipeline.bucket, Key: 'config/clause-library.json', Body: body }));
    await put(JSON.stringify(library));
    await pipeline.upload('contracts/custom.txt', fixtureBytes('weak-fm.txt'));
    await createAnalyzeHandler(env())(sqs(notification(pipeline.bucket, 'contracts/custom.txt', '01')));
    const custom = await readReport(pipeline, 'reports/custom.txt.json');
    expect(custom?.library).toMatchObject({
      version: recordedLibraryVersion('acme-2027.1', loadDefaultWatchlist().version),
      source: `s3://${pipeline.bucket}/config/clause-library.json`,
    });

    await put('{"id": "broken"}');
    await createAnalyzeHandler(env())(sqs(notification(pipeline.bucket, 'contracts/custom.txt', '02')));
    const invalid = await readReport(pipeline, 'reports/custom.txt.json');
    expect(invalid?.error?.code).toBe('library_invalid');
    expect(invalid?.error?.message).toMatch(/version/);
    await pipeline.s3.send(new PutObjectCommand({ Bucket: pipeline.bucket, Key: 'config/clause-library.json', Body: JSON.stringify(library) }));
  });

  it('fails the message (for SQS to retry) when storage is unreachable', async () => {
    const handler = createAnalyzeHandler({ ...env(), S3_ENDPOINT: 'http://127.0.0.1:9' });
    const event = sqs(notification(pipeline.bucket, 'contracts/x.txt', '01'));
    const response = await handler(event);
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: event.Records[0]!.messageId }]);
  });

  it('turns a message that exhausted its retries into an internal error report', async () => {
    await pipeline.upload('contracts/poison.pdf', fixtureBytes('weak-fm.pdf'));
    const handler = createDeadLetterHandler(env());
    expect((await handler(sqs(notification(pipeline.bucket, 'contracts/poison.pdf', '05')))).batchItemFailures).toEqual([]);
    const report = await readReport(pipeline, 'reports/poison.pdf.json');
    expect(report?.status).toBe('error');
    expect(report?.error).toEqual({ code: 'internal', message: INTERNAL_FAILURE_MESSAGE });
    expect(report?.document.detectedType).toBe('pdf');
    expect(report?.document.sha256).toMatch(/^[0-9a-f]{64}$/);
    const page = await pipeline.s3.send(new GetObjectCommand({ Bucket: pipeline.bucket, Key: 'reports/poison.pdf.html' }));
    expect(await page.Body!.transformToString()).toContain('<span class="error-code">internal</span>');
    expect(await readPortfolioRow(pipeline, 'poison.pdf')).toMatchObject({ status: 'error', error_code: 'internal', verdicts: {} });
    // A dead letter never overwrites the report of the same upload that did get written.
    await pipeline.handlers.analyze(sqs(notification(pipeline.bucket, 'contracts/poison.pdf', '06')));
    await handler(sqs(notification(pipeline.bucket, 'contracts/poison.pdf', '06')));
    expect((await readReport(pipeline, 'reports/poison.pdf.json'))?.status).toBe('ok');
  });
});
