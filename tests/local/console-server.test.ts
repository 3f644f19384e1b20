import { execFileSync } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachment, type ConsoleServer, startConsoleServer, storedPagePolicy } from '../../local/console-server.js';
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
    expect(await (await fetch(`${origin}/config.json`)).json()).toEqual({ apiBase: '', auth: null });
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
    expect(Buffer.from(await fixPack.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
    const report = await fetch(`${origin}/reports/acme%20corp/weak%20terms%20%232.pdf.json`);
    expect((await report.json()).status).toBe('ok');
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

  it('names downloads safely whatever the file name', () => {
    expect(attachment('plain.csv')).toBe(`attachment; filename="plain.csv"; filename*=UTF-8''plain.csv`);
    expect(attachment('Åsa "q"\\.docx')).toBe(`attachment; filename="_sa _q__.docx"; filename*=UTF-8''%C3%85sa%20%22q%22%5C.docx`);
  });

  it('says clearly when the console port is taken', async () => {
    const port = Number(new URL(origin).port);
    await expect(startConsoleServer({ port, pipeline })).rejects.toMatchObject({ code: 'EADDRINUSE', message: expect.stringContaining('--console-port') });
  });
});
