import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HANDLER_ENTRIES, handlerBuildOptions } from '../../infra/bundling.js';
import type { LocalPipeline } from '../../local/pipeline.js';
import { fixtureBytes } from '../helpers/fixtures.js';
import { runawayPdf } from '../helpers/hostile.js';
import { apiEvent } from '../helpers/http-api.js';
import { notification, readReport, sqsEvent, startPipeline } from '../helpers/pipeline.js';

/** The handler as CDK deploys it: one esbuild bundle, run in this process against the local S3 server. */
describe('bundled analyze handler', () => {
  let out: string;
  let pipeline: LocalPipeline;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    out = mkdtempSync(path.join(tmpdir(), 'clausewatch-bundle-'));
    await build(handlerBuildOptions(HANDLER_ENTRIES.analyze, path.join(out, 'index.mjs')));
    ({ pipeline, dispose } = await startPipeline({ deliverEvents: false }));
  }, 120_000);
  afterAll(async () => {
    await dispose();
    rmSync(out, { recursive: true, force: true });
  });

  it('extracts and analyzes a real PDF inside the bundle (pdf.js worker and DOMMatrix provided)', async () => {
    Object.assign(process.env, { S3_ENDPOINT: pipeline.endpoint, AWS_REGION: 'us-east-1', LOG_LEVEL: 'error', DOCUMENT_TIMEOUT_SECONDS: '4' });
    const bundled = (await import(pathToFileURL(path.join(out, 'index.mjs')).href)) as typeof import('../../functions/analyze/handler.js');
    await pipeline.upload('contracts/bundled.pdf', fixtureBytes('strong-fm.pdf'));
    const response = await bundled.handler(sqsEvent(notification(pipeline.bucket, 'contracts/bundled.pdf', '01')));
    expect(response.batchItemFailures).toEqual([]);
    const report = await readReport(pipeline, 'reports/bundled.pdf.json');
    expect(report?.status).toBe('ok');
    expect(report?.document.pages).toBe(4);
    expect(report?.summary.verdicts).toEqual({ 'force-majeure': 'adequate', 'export-control': 'adequate' });
    expect(statSync(path.join(out, 'index.mjs')).size).toBeLessThan(6 * 1024 * 1024);

    // The bundle contains its own analyzer worker: a runaway document is stopped at its deadline.
    // Four pages of a million text runs take pdf.js about 15 s here, far beyond the 4 s deadline
    // on any machine (one page took 3.8 s: on a fast machine it finished in time).
    await pipeline.upload('contracts/runaway.pdf', runawayPdf(1_000_000, 4));
    const stopped = await bundled.handler(sqsEvent(notification(pipeline.bucket, 'contracts/runaway.pdf', '02')));
    expect(stopped.batchItemFailures).toEqual([]);
    const runaway = await readReport(pipeline, 'reports/runaway.pdf.json');
    expect(runaway, 'the runaway document has its report').not.toBeNull();
    expect(runaway!.error?.code).toBe('timeout');
  }, 120_000);

  it('bundles the OCR-results handler, which reads a completion notice against the bucket', async () => {
    const outfile = path.join(out, 'ocr-results', 'index.mjs');
    await build(handlerBuildOptions(HANDLER_ENTRIES.ocrResults, outfile));
    expect(statSync(outfile).size).toBeLessThan(6 * 1024 * 1024);
    Object.assign(process.env, { S3_ENDPOINT: pipeline.endpoint, AWS_REGION: 'us-east-1', LOG_LEVEL: 'error' });
    const bundled = (await import(pathToFileURL(outfile).href)) as typeof import('../../functions/ocr-results/handler.js');
    const body = JSON.stringify({
      JobId: 'unknown-job',
      Status: 'SUCCEEDED',
      DocumentLocation: { S3ObjectName: 'contracts/x.pdf', S3Bucket: pipeline.bucket },
    });
    // No record of the job in the bucket: the notice is ignored, the batch succeeds.
    const response = await bundled.handler(sqsEvent(body));
    expect(response.batchItemFailures).toEqual([]);
  }, 120_000);

  it('bundles the console API handler, which issues an upload URL that stores the file', async () => {
    const outfile = path.join(out, 'console-api', 'index.mjs');
    await build(handlerBuildOptions(HANDLER_ENTRIES.consoleApi, outfile));
    expect(statSync(outfile).size).toBeLessThan(6 * 1024 * 1024);
    Object.assign(process.env, { S3_ENDPOINT: pipeline.endpoint, AWS_REGION: 'us-east-1', LOG_LEVEL: 'error', BUCKET_NAME: pipeline.bucket });
    const bundled = (await import(pathToFileURL(outfile).href)) as typeof import('../../functions/console-api/handler.js');
    expect((await bundled.handler(apiEvent('GET', '/api/contracts', null))).statusCode).toBe(401);
    const bytes = fixtureBytes('weak-fm.txt');
    const claims = { sub: 'bundle-user', token_use: 'id' };
    const planned = await bundled.handler(apiEvent('POST', '/api/uploads', claims, { files: [{ name: 'weak.txt', size: bytes.length }] }));
    expect(planned.statusCode).toBe(200);
    const upload = (JSON.parse(planned.body!) as { uploads: Array<{ ok: boolean; key: string; url: string; headers: Record<string, string> }> }).uploads[0]!;
    expect(upload).toMatchObject({ ok: true, key: 'contracts/bundle-user/weak.txt' });
    expect((await fetch(upload.url, { method: 'PUT', headers: upload.headers, body: bytes })).status).toBe(200);
    const listed = await bundled.handler(apiEvent('GET', '/api/contracts', claims));
    expect(JSON.parse(listed.body!).contracts).toMatchObject([{ key: 'contracts/bundle-user/weak.txt', status: 'queued', size: bytes.length }]);
  }, 120_000);
});
