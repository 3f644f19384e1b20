import { GetObjectCommand } from '@aws-sdk/client-s3';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleApiEvent, type ConsoleApiHandler, callerOf, createConsoleApiHandler } from '../../functions/console-api/handler.js';
import { ApiError, ContractsResponse, UploadLimits, UploadResponse } from '../../lib/console/api.js';
import { DEFAULT_LIMITS } from '../../lib/report/build.js';
import type { LocalPipeline } from '../../local/pipeline.js';
import { attachment } from '../../service/console-portfolio.js';
import { ConfigurationError } from '../../service/errors.js';
import { writtenWhile } from '../helpers/console.js';
import { fixtureBytes } from '../helpers/fixtures.js';
import { apiEvent } from '../helpers/http-api.js';
import { startPipeline } from '../helpers/pipeline.js';

let pipeline: LocalPipeline;
let dispose: () => Promise<void>;
let handle: ConsoleApiHandler;

const ALICE = { sub: '1f0c6b1e-aaaa-4bbb-8ccc-000000000001', token_use: 'id', 'cognito:username': 'alice' };
const BOB = { sub: '1f0c6b1e-aaaa-4bbb-8ccc-000000000002', token_use: 'id' };
const CAROL_OF_LEGAL = { sub: '1f0c6b1e-aaaa-4bbb-8ccc-000000000003', token_use: 'id', 'custom:team': 'legal-emea' };
const DAVE_OF_PROCUREMENT = { sub: '1f0c6b1e-aaaa-4bbb-8ccc-000000000004', token_use: 'id', 'custom:team': 'procurement' };

async function call(event: ConsoleApiEvent): Promise<{ status: number; body: unknown; headers: Record<string, unknown> }> {
  const result = await handle(event);
  return { status: result.statusCode ?? 0, body: JSON.parse(result.body ?? 'null'), headers: (result.headers ?? {}) as Record<string, unknown> };
}

async function uploadAs(claims: Record<string, string>, name: string, bytes: Uint8Array): Promise<string> {
  const { status, body } = await call(apiEvent('POST', '/api/uploads', claims, { files: [{ name, size: bytes.length, type: 'text/plain' }] }));
  expect(status).toBe(200);
  const upload = UploadResponse.parse(body).uploads[0]!;
  if (!upload.ok) throw new Error(upload.message);
  const response = await fetch(upload.url, { method: upload.method, headers: upload.headers, body: bytes });
  expect(response.status).toBe(200);
  return upload.key;
}

beforeAll(async () => {
  ({ pipeline, dispose } = await startPipeline());
  handle = createConsoleApiHandler({
    AWS_REGION: 'us-east-1',
    S3_ENDPOINT: pipeline.endpoint,
    BUCKET_NAME: pipeline.bucket,
    LOG_LEVEL: 'error',
    UPLOAD_URL_SECONDS: '120',
  });
});

afterAll(async () => {
  await dispose?.();
});

describe('console API handler', () => {
  it('answers 401 without verified claims, and for an access token', async () => {
    for (const event of [
      apiEvent('GET', '/api/contracts', null),
      apiEvent('POST', '/api/uploads', null, { files: [{ name: 'a.pdf', size: 1 }] }),
      apiEvent('GET', '/api/contracts', { token_use: 'id' }),
      apiEvent('GET', '/api/contracts', { sub: ALICE.sub, token_use: 'access' }),
    ]) {
      const { status, body } = await call(event);
      expect(status).toBe(401);
      expect(ApiError.parse(body).message).toMatch(/sign|token/i);
    }
  });

  it('answers 403 for a team name that is not a folder name', async () => {
    const { status, body } = await call(apiEvent('GET', '/api/contracts', { ...ALICE, 'custom:team': '../legal' }));
    expect(status).toBe(403);
    expect(ApiError.parse(body).message).toMatch(/team name/);
  });

  it('tells the page the analyzer’s limits', async () => {
    const { status, body, headers } = await call(apiEvent('GET', '/api/config', ALICE));
    expect(status).toBe(200);
    expect(UploadLimits.parse(body)).toEqual({ maxBytes: DEFAULT_LIMITS.maxBytes, extensions: ['.pdf', '.docx', '.txt', '.md'], maxFiles: 50 });
    expect(headers['cache-control']).toBe('no-store');
  });

  it('issues upload URLs inside the caller’s folder only', async () => {
    const { status, body } = await call(
      apiEvent('POST', '/api/uploads', ALICE, {
        files: [
          { name: 'msa.pdf', size: 2048, type: 'application/pdf' },
          { name: '../1f0c6b1e-aaaa-4bbb-8ccc-000000000002/msa.pdf', size: 2048 },
          { name: 'picture.png', size: 10 },
        ],
      }),
    );
    expect(status).toBe(200);
    const { uploads } = UploadResponse.parse(body);
    expect(uploads[0]).toMatchObject({ ok: true, key: `contracts/${ALICE.sub}/msa.pdf`, method: 'PUT', headers: { 'Content-Type': 'application/pdf' } });
    const url = new URL((uploads[0] as { url: string }).url);
    expect(decodeURIComponent(url.pathname)).toBe(`/${pipeline.bucket}/contracts/${ALICE.sub}/msa.pdf`);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('120');
    expect(uploads.slice(1).map((upload) => (upload.ok ? 'ok' : upload.code))).toEqual(['bad_name', 'unsupported_type']);
    // A team member's uploads go to the team's folder.
    const team = UploadResponse.parse((await call(apiEvent('POST', '/api/uploads', CAROL_OF_LEGAL, { files: [{ name: 'nda.docx', size: 10 }] }))).body);
    expect(team.uploads[0]).toMatchObject({ ok: true, key: 'contracts/legal-emea/nda.docx' });
  });

  it('answers 400 with a clear message for a request it cannot read', async () => {
    for (const [event, pattern] of [
      [apiEvent('POST', '/api/uploads', ALICE, undefined, { raw: '{"files": [' }), /not JSON/],
      [apiEvent('POST', '/api/uploads', ALICE, { files: [] }), /at least one file/],
      [apiEvent('POST', '/api/uploads', ALICE, { files: [{ name: 'a.pdf', size: -3 }] }), /files\[0\]\.size/],
      [apiEvent('POST', '/api/uploads', ALICE, { files: Array.from({ length: 51 }, (_, index) => ({ name: `${index}.pdf`, size: 1 })) }), /at most 50/],
      [apiEvent('POST', '/api/uploads', ALICE), /not JSON/],
    ] as const) {
      const { status, body } = await call(event);
      expect(status).toBe(400);
      expect(ApiError.parse(body).message).toMatch(pattern);
    }
    const tooLarge = await call(apiEvent('POST', '/api/uploads', ALICE, undefined, { raw: `{"files":[{"name":"${'a'.repeat(300_000)}.pdf","size":1}]}` }));
    expect(tooLarge.status).toBe(413);
  });

  it('reads a base64-encoded body as API Gateway sends binary-looking payloads', async () => {
    const { status, body } = await call(apiEvent('POST', '/api/uploads', BOB, { files: [{ name: 'b.txt', size: 5 }] }, { base64: true }));
    expect(status).toBe(200);
    expect(UploadResponse.parse(body).uploads[0]).toMatchObject({ ok: true, key: `contracts/${BOB.sub}/b.txt` });
  });

  it('answers 404 for an unknown route', async () => {
    expect((await call(apiEvent('DELETE', '/api/contracts', ALICE))).status).toBe(404);
    expect((await call(apiEvent('GET', '/api/reports', ALICE))).status).toBe(404);
  });

  it('lists only the caller’s contracts, with working links to their reports', async () => {
    const alices = await uploadAs(ALICE, 'weak-fm.txt', fixtureBytes('weak-fm.txt'));
    const bobs = await uploadAs(BOB, 'strong-fm.txt', fixtureBytes('strong-fm.txt'));
    await pipeline.idle();

    const listed = await call(apiEvent('GET', '/api/contracts', ALICE));
    expect(listed.status).toBe(200);
    const { contracts } = ContractsResponse.parse(listed.body);
    expect(contracts.map((contract) => contract.key)).toEqual([alices]);
    const mine = contracts[0]!;
    expect(mine).toMatchObject({ name: 'weak-fm.txt', status: 'done', verdicts: { forceMajeure: 'weak' } });

    // The links are presigned GETs of the report files.
    const report = await fetch(mine.links.report!);
    expect(report.status).toBe(200);
    expect(((await report.json()) as { document: { name: string } }).document.name).toBe(`${ALICE.sub}/weak-fm.txt`);
    const page = await fetch(mine.links.reviewPage!);
    expect(await page.text()).toContain('<html');
    const fixPack = await fetch(mine.links.fixPack!);
    expect(fixPack.headers.get('content-disposition')).toBe('attachment');
    const stored = await pipeline.s3.send(new GetObjectCommand({ Bucket: pipeline.bucket, Key: `reports/${ALICE.sub}/weak-fm.txt.fixes.docx` }));
    expect(Buffer.from(await fixPack.arrayBuffer()).equals(Buffer.from(await stored.Body!.transformToByteArray()))).toBe(true);

    const theirs = ContractsResponse.parse((await call(apiEvent('GET', '/api/contracts', BOB))).body);
    expect(theirs.contracts.map((contract) => contract.key)).toEqual([bobs]);
    const team = ContractsResponse.parse((await call(apiEvent('GET', '/api/contracts/', CAROL_OF_LEGAL))).body);
    expect(team.contracts).toEqual([]);
  });

  it('builds the caller’s portfolio as CSV, XLSX (base64) and an HTML page, with presigned review links, and nobody else’s contracts', async () => {
    // Alice's and Bob's contracts were analysed by the test above.
    const csv = await handle(apiEvent('GET', '/api/portfolio.csv', ALICE));
    expect(csv.statusCode).toBe(200);
    expect(csv.headers).toMatchObject({
      'content-type': 'text/csv; charset=utf-8',
      'cache-control': 'no-store',
      'content-disposition': attachment('portfolio.csv'),
    });
    expect(csv.isBase64Encoded).toBe(false);
    expect(csv.body).toContain('weak-fm.txt');
    expect(csv.body).not.toContain('strong-fm.txt');
    expect(csv.body!.trim().split('\n')).toHaveLength(2);

    const xlsx = await handle(apiEvent('GET', '/api/portfolio.xlsx', ALICE));
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers).toMatchObject({
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': attachment('portfolio.xlsx'),
    });
    expect(xlsx.isBase64Encoded).toBe(true);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(xlsx.body!, 'base64') as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Contracts')!;
    const files = [2, 3].map((index) => sheet.getRow(index).getCell(1).value).filter((value) => value !== null);
    expect(files).toHaveLength(1);
    const cell = files[0] as { text: string; hyperlink: string };
    expect(cell.text).toBe('weak-fm.txt');
    // The hyperlink is a presigned GET of the review page, on the storage's own host.
    expect(new URL(cell.hyperlink).origin).toBe(new URL(pipeline.endpoint).origin);
    expect(await (await fetch(cell.hyperlink)).text()).toContain('<html');

    const page = await handle(apiEvent('GET', '/api/portfolio.html', ALICE));
    expect(page.statusCode).toBe(200);
    expect(page.headers).toMatchObject({ 'content-type': 'text/html; charset=utf-8', 'content-disposition': attachment('portfolio.html') });
    const policy = String(page.headers!['content-security-policy']);
    expect(policy).toMatch(/default-src 'none'/);
    expect(policy).toMatch(/script-src 'sha256-[^']+'/);
    expect(policy).toMatch(/frame-ancestors 'none'/);
    expect(page.body).toContain('weak-fm.txt');
    expect(page.body).not.toContain('strong-fm.txt');
    const href = /<a href="([^"]+)"[^>]*>weak-fm\.txt<\/a>/.exec(page.body!)?.[1]?.replaceAll('&amp;', '&');
    expect(href).toBeDefined();
    const review = await fetch(href!);
    expect(review.status).toBe(200);
    expect(await review.text()).toContain('weak-fm.txt');

    // Bob's portfolio holds his contract only.
    const bobs = await handle(apiEvent('GET', '/api/portfolio.csv', BOB));
    expect(bobs.body).toContain('strong-fm.txt');
    expect(bobs.body).not.toContain('weak-fm.txt');
  });

  it('answers 401 for the portfolio without verified claims, and 404 while no contract has a report', async () => {
    for (const format of ['csv', 'xlsx', 'html']) {
      const { status, body } = await call(apiEvent('GET', `/api/portfolio.${format}`, null));
      expect(status).toBe(401);
      expect(ApiError.parse(body).message).toMatch(/sign in/i);
    }
    const empty = await call(apiEvent('GET', '/api/portfolio.csv', CAROL_OF_LEGAL));
    expect(empty.status).toBe(404);
    expect(ApiError.parse(empty.body).message).toMatch(/no contract has a report/i);
    expect((await call(apiEvent('GET', '/api/portfolio.pdf', ALICE))).status).toBe(404);
    expect((await call(apiEvent('POST', '/api/portfolio.csv', ALICE))).status).toBe(404);
  });

  it('refuses a portfolio of more contracts than MAX_PORTFOLIO_CONTRACTS with a clear 413', async () => {
    await uploadAs(DAVE_OF_PROCUREMENT, 'one.txt', fixtureBytes('weak-fm.txt'));
    await uploadAs(DAVE_OF_PROCUREMENT, 'two.txt', fixtureBytes('strong-fm.txt'));
    await pipeline.idle();
    const environment = { AWS_REGION: 'us-east-1', S3_ENDPOINT: pipeline.endpoint, BUCKET_NAME: pipeline.bucket, LOG_LEVEL: 'error' };
    const limited = createConsoleApiHandler({ ...environment, MAX_PORTFOLIO_CONTRACTS: '1' });
    for (const format of ['csv', 'xlsx', 'html']) {
      const answer = await limited(apiEvent('GET', `/api/portfolio.${format}`, DAVE_OF_PROCUREMENT));
      expect(answer.statusCode).toBe(413);
      expect(ApiError.parse(JSON.parse(answer.body!)).message).toMatch(/2 contracts; it can hold at most 1/);
    }
    // Within the limit the same folder is built.
    const within = await createConsoleApiHandler({ ...environment, MAX_PORTFOLIO_CONTRACTS: '2' })(apiEvent('GET', '/api/portfolio.csv', DAVE_OF_PROCUREMENT));
    expect(within.statusCode).toBe(200);
    expect(within.body).toMatch(/^one\.txt,/m);
    expect(within.body).toMatch(/^two\.txt,/m);
    expect(() => createConsoleApiHandler({ ...environment, MAX_PORTFOLIO_CONTRACTS: '0' })).toThrow(/MAX_PORTFOLIO_CONTRACTS/);
    expect(() => createConsoleApiHandler({ ...environment, MAX_PORTFOLIO_CONTRACTS: 'many' })).toThrow(/MAX_PORTFOLIO_CONTRACTS/);
  });

  it('logs routes and counts, never file names, even at debug level and on failure', async () => {
    const lines = await writtenWhile(async () => {
      const environment = { AWS_REGION: 'us-east-1', S3_ENDPOINT: pipeline.endpoint, BUCKET_NAME: pipeline.bucket, LOG_LEVEL: 'debug' };
      const verbose = createConsoleApiHandler(environment);
      const secret = 'Project Nightingale merger.txt';
      const planned = await verbose(
        apiEvent('POST', '/api/uploads', ALICE, {
          files: [
            { name: secret, size: 5 },
            { name: `${secret}.exe`, size: 5 },
          ],
        }),
      );
      const upload = UploadResponse.parse(JSON.parse(planned.body!)).uploads[0] as { url: string; headers: Record<string, string> };
      await fetch(upload.url, { method: 'PUT', headers: upload.headers, body: 'hello' });
      expect((await verbose(apiEvent('GET', '/api/contracts', ALICE))).statusCode).toBe(200);
      await pipeline.idle();
      expect((await verbose(apiEvent('GET', '/api/portfolio.html', ALICE))).statusCode).toBe(200);
      // A bucket that does not exist: the failure is logged by name and code only.
      const broken = createConsoleApiHandler({ ...environment, BUCKET_NAME: 'no-such-bucket' });
      const failed = await broken(apiEvent('GET', '/api/contracts', ALICE));
      expect(failed.statusCode).toBe(500);
      expect(ApiError.parse(JSON.parse(failed.body!)).message).toMatch(/try again/);
    });
    const text = lines.join('');
    expect(text).toContain('upload URLs issued');
    expect(text).toContain('contracts listed');
    expect(text).toContain('portfolio built');
    expect(text).toContain('console request failed');
    expect(text).toContain('NoSuchBucket');
    expect(text).not.toMatch(/Nightingale/);
  });

  it('fails at cold start with the bad setting named', () => {
    expect(() => createConsoleApiHandler({ AWS_REGION: 'us-east-1' })).toThrow(ConfigurationError);
    expect(() => createConsoleApiHandler({ AWS_REGION: 'us-east-1' })).toThrow(/BUCKET_NAME/);
    expect(() => createConsoleApiHandler({ BUCKET_NAME: 'bucket', UPLOAD_URL_SECONDS: '5' })).toThrow(/UPLOAD_URL_SECONDS/);
  });

  it('takes the team claim over the user’s own id', () => {
    expect(callerOf(apiEvent('GET', '/api/contracts', CAROL_OF_LEGAL))).toEqual({ ok: true, owner: 'legal-emea' });
    expect(callerOf(apiEvent('GET', '/api/contracts', { ...ALICE, 'custom:team': '' }))).toEqual({ ok: true, owner: ALICE.sub });
  });
});
