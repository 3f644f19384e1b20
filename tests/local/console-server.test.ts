import { execFileSync } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_UPLOAD_LIMITS } from '../../lib/console/uploads.js';
import { attachment, type ConsoleServer, EXAMPLES_OWNER, LOCAL_OWNER, startConsoleServer, storedPagePolicy } from '../../local/console-server.js';
import type { LocalPipeline } from '../../local/pipeline.js';
import { fixtureBytes } from '../helpers/fixtures.js';
import { startPipeline } from '../helpers/pipeline.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A request with headers fetch will not send as given (Host). */
function rawGet(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { headers }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', reject);
    request.end();
  });
}

describe('console server: the web console on loopback against the local S3 server', () => {
  let pipeline: LocalPipeline;
  let dispose: () => Promise<void>;
  let server: ConsoleServer;
  let origin: string;

  beforeAll(async () => {
    execFileSync(process.execPath, [`${ROOT}scripts/build-web.mjs`]);
    ({ pipeline, dispose } = await startPipeline());
    server = await startConsoleServer({ port: 0, pipeline });
    origin = server.url.replace(/\/$/, '');
  });
  afterAll(async () => {
    await server?.close();
    await dispose?.();
  });

  it('listens on 127.0.0.1 only and serves the app under a strict policy header', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await fetch(server.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const policy = page.headers.get('content-security-policy')!;
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("style-src 'self'");
    expect(policy).toContain(`connect-src 'self' ${pipeline.endpoint}`);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain('unsafe');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await page.text();
    // No inline script or style, nothing from another host.
    expect(html).not.toMatch(/<script>|<style|style="|https?:\/\//);
    const script = await fetch(`${origin}/app.js`);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await script.text()).length).toBeGreaterThan(1000);
    expect((await fetch(`${origin}/app.css`)).headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('gives the app a runtime configuration without sign-in', async () => {
    expect(await (await fetch(`${origin}/config.json`)).json()).toEqual({ apiBase: '', auth: null, portfolio: true });
  });

  it('answers only requests addressed to itself (no DNS rebinding)', async () => {
    const port = new URL(origin).port;
    expect(await rawGet(`${origin}/config.json`, { Host: `127.0.0.1:${port}` })).toBe(200);
    expect(await rawGet(`${origin}/config.json`, { Host: `localhost:${port}` })).toBe(200);
    expect(await rawGet(`${origin}/config.json`, { Host: `attacker.example:${port}` })).toBe(421);
  });

  it('serves the review page and the fix pack beside a report, with their types, policy and download name', async () => {
    await pipeline.upload(`${pipeline.contractsPrefix}acme corp/weak terms #2.pdf`, fixtureBytes('weak-fm.pdf'));
    await pipeline.idle();
    const review = await fetch(`${origin}/reports/acme%20corp/weak%20terms%20%232.pdf.html`);
    expect(review.status).toBe(200);
    expect(review.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const page = await review.text();
    expect(review.headers.get('content-security-policy')).toBe(storedPagePolicy(page));
    expect(review.headers.get('content-security-policy')).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'/);
    const fixPack = await fetch(`${origin}/reports/acme%20corp/weak%20terms%20%232.pdf.fixes.docx`);
    expect(fixPack.status).toBe(200);
    expect(fixPack.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(fixPack.headers.get('content-disposition')).toBe(attachment('weak terms #2.pdf.fixes.docx'));
    expect(
      Buffer.from(await fixPack.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    const report = await fetch(`${origin}/reports/acme%20corp/weak%20terms%20%232.pdf.json`);
    expect(((await report.json()) as { status: string }).status).toBe('ok');
  });

  it('serves nothing else from the bucket or the disk', async () => {
    await pipeline.upload(`${pipeline.contractsPrefix}secret.txt`, 'not for the browser');
    await pipeline.idle();
    for (const path of [
      '/reports/../contracts/secret.txt',
      '/reports/%2e%2e/contracts/secret.txt',
      '/reports/%2e%2e/%2e%2e/.local-s3/x.html',
      '/reports/a%5C..%5C..%5Cx.json',
      '/reports/secret.txt',
      '/reports/',
      '/reports/%E0%A4%A.html',
      '/package.json',
      '/../package.json',
      '/web/src/main.ts',
      '/api/nothing',
    ]) {
      const response = await fetch(`${origin}${path}`);
      expect([400, 404], path).toContain(response.status);
      expect(response.headers.get('content-type'), path).toBe('application/json; charset=utf-8');
    }
  });

  it('states the upload limits the server enforces', async () => {
    const limits = (await (await fetch(`${origin}/api/config`)).json()) as { maxBytes: number; extensions: string[]; maxFiles: number };
    expect(limits).toEqual(DEFAULT_UPLOAD_LIMITS);
    expect(limits.extensions).toEqual(expect.arrayContaining(['.pdf', '.docx', '.txt', '.md']));
  });

  it('grants presigned uploads into the local folder, which the browser can PUT to, and lists them as they are analysed', async () => {
    const contract = fixtureBytes('weak-fm.txt');
    const grants = await fetch(`${origin}/api/uploads`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: origin },
      body: JSON.stringify({
        files: [
          { name: 'suppliers/weak terms.txt', size: contract.length, type: 'text/plain' },
          { name: 'tool.exe', size: 10 },
          { name: '../escape.txt', size: 10 },
        ],
      }),
    });
    expect(grants.status).toBe(200);
    const { uploads } = (await grants.json()) as { uploads: Array<Record<string, any>> };
    expect(uploads.map((upload) => [upload.name, upload.ok, upload.code])).toEqual([
      ['suppliers/weak terms.txt', true, undefined],
      ['tool.exe', false, 'unsupported_type'],
      ['../escape.txt', false, 'bad_name'],
    ]);
    const grant = uploads[0]!;
    expect(grant.key).toBe(`${pipeline.contractsPrefix}${LOCAL_OWNER}/suppliers/weak terms.txt`);
    expect(grant.url.startsWith(`${pipeline.endpoint}/${pipeline.bucket}/`)).toBe(true);
    // The bucket lets the console's origin PUT (the browser's preflight).
    const preflight = await fetch(grant.url, {
      method: 'OPTIONS',
      headers: { Origin: origin, 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': 'content-type' },
    });
    expect(preflight.status).toBe(200);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('PUT');
    const put = await fetch(grant.url, { method: 'PUT', headers: { ...grant.headers, Origin: origin }, body: contract });
    expect(put.status).toBe(200);
    await pipeline.idle();

    const listing = (await (await fetch(`${origin}/api/contracts`)).json()) as { contracts: Array<Record<string, any>> };
    const listed = listing.contracts.find((entry) => entry.key === grant.key)!;
    expect(listed).toMatchObject({ name: 'suppliers/weak terms.txt', status: 'done', size: contract.length, verdicts: { forceMajeure: 'weak' } });
    expect(listed.links.reviewPage).toBe('/reports/local/suppliers/weak%20terms.txt.html');
    const review = await fetch(`${origin}${listed.links.reviewPage}`);
    expect(review.status).toBe(200);
    expect(await review.text()).toContain('weak terms.txt');
    // Contracts outside the local folder and the examples are not listed.
    expect(listing.contracts.some((entry) => entry.key.includes('acme corp'))).toBe(false);
  });

  it('lists the examples uploaded at start under their own folder name', async () => {
    await pipeline.upload(`${pipeline.contractsPrefix}${EXAMPLES_OWNER}/example terms.txt`, fixtureBytes('strong-fm.txt'));
    await pipeline.idle();
    const listing = (await (await fetch(`${origin}/api/contracts`)).json()) as { contracts: Array<Record<string, any>> };
    expect(listing.contracts.find((entry) => entry.key === `${pipeline.contractsPrefix}examples/example terms.txt`)).toMatchObject({
      name: 'examples/example terms.txt',
      status: 'done',
    });
  });

  it('refuses malformed, oversized and cross-origin upload requests', async () => {
    const post = (body: string, headers: Record<string, string>) => fetch(`${origin}/api/uploads`, { method: 'POST', headers, body });
    expect((await post('{"files":[{"name":"a.txt","size":1}]}', { 'Content-Type': 'text/plain' })).status).toBe(415);
    expect((await post('not json', { 'Content-Type': 'application/json' })).status).toBe(400);
    const invalid = await post('{"files":[]}', { 'Content-Type': 'application/json' });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { message: string }).message).toMatch(/Invalid upload request/);
    expect((await post(JSON.stringify({ files: [{ name: 'x'.repeat(300_000), size: 1 }] }), { 'Content-Type': 'application/json' })).status).toBe(413);
    const crossOrigin = await post('{"files":[{"name":"a.txt","size":1}]}', { 'Content-Type': 'application/json', Origin: 'http://attacker.example' });
    expect(crossOrigin.status).toBe(403);
  });

  it('builds the portfolio of the listed contracts as CSV, XLSX and an HTML page', async () => {
    const csv = await fetch(`${origin}/api/portfolio.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe(attachment('portfolio.csv'));
    const text = await csv.text();
    expect(text).toContain('suppliers/weak terms.txt');
    expect(text).toContain('examples/example terms.txt');
    expect(text).not.toContain('acme corp');
    const xlsx = await fetch(`${origin}/api/portfolio.xlsx`);
    expect(xlsx.headers.get('content-disposition')).toBe(attachment('portfolio.xlsx'));
    expect(
      Buffer.from(await xlsx.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    const page = await fetch(`${origin}/api/portfolio.html`);
    const html = await page.text();
    expect(page.headers.get('content-security-policy')).toBe(storedPagePolicy(html));
    // Its links lead from /api/portfolio.html to the review pages this server serves.
    expect(html).toContain('href="../reports/local/suppliers/weak%20terms.txt.html"');
    expect((await fetch(new URL('../reports/local/suppliers/weak%20terms.txt.html', `${origin}/api/portfolio.html`))).status).toBe(200);
  });

  it('names downloads safely whatever the file name', () => {
    expect(attachment('plain.csv')).toBe(`attachment; filename="plain.csv"; filename*=UTF-8''plain.csv`);
    expect(attachment('Åsa "q"\\.docx')).toBe(`attachment; filename="_sa _q__.docx"; filename*=UTF-8''%C3%85sa%20%22q%22%5C.docx`);
  });

  it('says clearly when the console port is taken', async () => {
    const port = Number(new URL(origin).port);
    await expect(startConsoleServer({ port, pipeline })).rejects.toMatchObject({ code: 'EADDRINUSE', message: expect.stringContaining('--console-port') });
  });
});
