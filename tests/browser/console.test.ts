import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleServer, startConsoleServer } from '../../local/console-server.js';
import type { LocalPipeline } from '../../local/pipeline.js';
import { launchChromium, SCREENSHOTS, skipWithoutChromium } from '../helpers/browser.js';
import { fixtureBytes } from '../helpers/fixtures.js';
import { truncatedPdf } from '../helpers/hostile.js';
import { startPipeline } from '../helpers/pipeline.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const skip = skipWithoutChromium('the console browser tests');

/** A short supply agreement written for this test: a force-majeure clause without notice or termination, an export-control covenant. */
const SUPPLY_AGREEMENT = `COMPONENT SUPPLY AGREEMENT

This Component Supply Agreement is made between Brightwater Instruments Ltd ("Buyer") and Kestrel Alloys GmbH ("Supplier").

1. SUPPLY
1.1 Supplier shall deliver the components listed in Schedule 1 in the quantities and on the dates set out in each purchase order.

2. FORCE MAJEURE
2.1 Neither party shall be liable for any delay or failure to perform its obligations under this Agreement to the extent caused by events beyond its reasonable control, including fire, flood, earthquake, war, epidemic, strikes and acts of government.

3. EXPORT CONTROL
3.1 Each party shall comply with all applicable export control and sanctions laws and regulations, including the Export Administration Regulations, and shall not export, re-export or transfer any item supplied under this Agreement without obtaining every required licence.

4. GOVERNING LAW
4.1 This Agreement is governed by the laws of England and Wales.
`;

/** A file name a hostile uploader might choose: markup, quotes and an event handler. */
const HOSTILE_NAME = `"'><img src=x onerror="window.__pwned=1;alert(1)">&amp;.txt`;

describe.skipIf(skip)('the web console in Chromium', () => {
  let pipeline: LocalPipeline;
  let dispose: () => Promise<void>;
  let server: ConsoleServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];
  const apiRequests: string[] = [];

  function watch(target: Page): void {
    target.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    target.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    target.on('dialog', (dialog) => {
      problems.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
  }

  beforeAll(async () => {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-web.mjs')], { stdio: 'inherit' });
    ({ pipeline, dispose } = await startPipeline());
    // As `npm start` does, an example is in the bucket before the console opens.
    await pipeline.upload(
      `${pipeline.contractsPrefix}examples/tessaro-packaging-supply-agreement.txt`,
      readFileSync(path.join(ROOT, 'examples/tessaro-packaging-supply-agreement.txt')),
    );
    await pipeline.idle();
    server = await startConsoleServer({ port: 0, pipeline });
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    page = await context.newPage();
    watch(page);
    page.on('request', (request) => {
      if (request.url().includes('/api/uploads')) apiRequests.push(request.postData() ?? '');
    });
    await page.goto(server.url);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await dispose?.();
  });

  const row = (name: string) => page.locator('#contract-rows tr', { has: page.locator('td.file .name', { hasText: name }) });

  it('lists the example uploaded at start, with its verdicts', async () => {
    const example = row('tessaro-packaging-supply-agreement.txt');
    await expect.poll(() => example.locator('td.status').getAttribute('data-status'), { timeout: 10_000 }).toBe('done');
    expect(await example.locator('td[data-verdict]').count()).toBe(2);
    expect(await page.locator('#limits-text').textContent()).toMatch(/PDF.*DOCX.*TXT.*MD.*up to/);
  });

  it('opens the file picker from the keyboard', async () => {
    // The picker's own dialog is kept closed: the test sees the button open it, not the operating system's window.
    await page.evaluate(
      `document.getElementById('file-input').addEventListener('click', (event) => { event.preventDefault(); window.__pickerOpened = true; }, { once: true })`,
    );
    await page.locator('#choose-files').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate('window.__pickerOpened === true')).toBe(true);
    expect(await page.locator('#file-input').getAttribute('multiple')).not.toBeNull();
    expect(await page.locator('#file-input').getAttribute('accept')).toBe('.pdf,.docx,.txt,.md');
  });

  it('refuses an unsupported file in the page, before anything is sent', async () => {
    const before = apiRequests.length;
    await page
      .locator('#file-input')
      .setInputFiles([{ name: 'purchase-order.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ not a contract') }]);
    const upload = page.locator('#uploads li', { hasText: 'purchase-order.exe' });
    await expect.poll(() => upload.getAttribute('class')).toBe('rejected');
    expect(await upload.locator('.message').textContent()).toMatch(/only PDF, DOCX, TXT or MD/);
    expect(apiRequests.length).toBe(before);
  });

  it('uploads a contract of its own, a PDF, a corrupt PDF and a hostile name, and shows each one analysed or failed', async () => {
    await page.locator('#file-input').setInputFiles([
      { name: 'brightwater-kestrel supply.txt', mimeType: 'text/plain', buffer: Buffer.from(SUPPLY_AGREEMENT) },
      { name: 'weak-fm.pdf', mimeType: 'application/pdf', buffer: fixtureBytes('weak-fm.pdf') },
      { name: 'broken scan.pdf', mimeType: 'application/pdf', buffer: Buffer.from(truncatedPdf()) },
      { name: HOSTILE_NAME, mimeType: 'text/plain', buffer: Buffer.from(SUPPLY_AGREEMENT) },
    ]);
    for (const name of ['brightwater-kestrel supply.txt', 'weak-fm.pdf', 'broken scan.pdf', HOSTILE_NAME]) {
      const upload = page.locator('#uploads li', { has: page.locator('.name', { hasText: name }) });
      await expect.poll(() => upload.getAttribute('class'), { timeout: 15_000 }).toBe('uploaded');
    }
    await expect.poll(() => row('brightwater-kestrel supply.txt').locator('td.status').getAttribute('data-status'), { timeout: 30_000 }).toBe('done');
    await expect.poll(() => row('weak-fm.pdf').locator('td.status').getAttribute('data-status'), { timeout: 30_000 }).toBe('done');
    await expect.poll(() => row('broken scan.pdf').locator('td.status').getAttribute('data-status'), { timeout: 30_000 }).toBe('error');

    const own = row('brightwater-kestrel supply.txt');
    expect(await own.locator('td[data-verdict]').first().getAttribute('data-verdict')).toBe('weak');
    expect(await own.locator('td[data-verdict]').nth(1).getAttribute('data-verdict')).toMatch(/weak|adequate/);
    expect(await row('weak-fm.pdf').locator('td[data-verdict]').first().getAttribute('data-verdict')).toBe('weak');
    expect(await row('weak-fm.pdf').locator('td[data-verdict]').nth(1).getAttribute('data-verdict')).toBe('missing');
    expect(await row('broken scan.pdf').locator('.error-detail code').textContent()).toBe('corrupt');
    // Status changes are announced to screen readers.
    expect(await page.locator('#announcer').textContent()).not.toBe('');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'console.png'), fullPage: true });
  });

  it('takes files dropped on the page', async () => {
    const dropped = await page.evaluateHandle(
      `(() => { const data = new DataTransfer(); data.items.add(new File([${JSON.stringify(SUPPLY_AGREEMENT)}], 'dropped terms.md', { type: 'text/markdown' })); return data; })()`,
    );
    await page.dispatchEvent('#drop-zone', 'dragenter', { dataTransfer: dropped });
    expect(await page.locator('#drop-zone').getAttribute('class')).toContain('dragging');
    await page.dispatchEvent('#drop-zone', 'drop', { dataTransfer: dropped });
    await expect.poll(() => row('dropped terms.md').locator('td.status').getAttribute('data-status'), { timeout: 30_000 }).toBe('done');
    expect(await page.locator('#drop-zone').getAttribute('class')).not.toContain('dragging');
  });

  it('keeps a hostile file name inert: shown as text, no element made from it, no script run', async () => {
    await expect.poll(() => row(HOSTILE_NAME).count(), { timeout: 30_000 }).toBe(1);
    expect(await row(HOSTILE_NAME).locator('td.file .name').textContent()).toBe(HOSTILE_NAME);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.evaluate('typeof window.__pwned')).toBe('undefined');
    expect(problems).toEqual([]);
  });

  it('fits 1280 px without horizontal scrolling', async () => {
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(1280);
  });

  it('filters by text and verdict and sorts by a column, with real buttons', async () => {
    await page.locator('#filter-text').fill('weak-fm');
    await expect.poll(() => page.locator('#contract-rows tr').count()).toBe(1);
    await page.locator('#filter-text').fill('');
    await page.locator('#filter-status').selectOption('error');
    await expect.poll(() => page.locator('#contract-rows tr').count()).toBe(1);
    expect(await page.locator('#shown-count').textContent()).toMatch(/Showing 1 of \d+/);
    await page.locator('#filter-status').selectOption('');
    await page.locator('#filter-fm').selectOption('weak');
    const fmVerdicts = await page
      .locator('#contract-rows tr')
      .evaluateAll((rows) => rows.map((tr) => tr.querySelector('td[data-verdict]')?.getAttribute('data-verdict')));
    expect(fmVerdicts.length).toBeGreaterThan(1);
    expect(new Set(fmVerdicts)).toEqual(new Set(['weak']));
    await page.locator('#filter-fm').selectOption('');

    // Sorting by export control puts the missing one first (riskiest first), then reverses.
    const header = page.locator('th[data-sort="exportControl"]');
    await header.locator('button.sort').focus();
    await page.keyboard.press('Enter');
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    const firstVerdict = () => page.locator('#contract-rows tr').first().locator('td[data-verdict]').nth(1).getAttribute('data-verdict');
    expect(await firstVerdict()).toBe('missing');
    await page.keyboard.press('Enter');
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    expect(await firstVerdict()).not.toBe('missing');
  });

  it('opens a review page in its own tab, under its own policy', async () => {
    const link = row('weak-fm.pdf').locator('a.review-link');
    expect(await link.getAttribute('target')).toBe('_blank');
    const [review] = await Promise.all([context.waitForEvent('page'), link.click()]);
    watch(review);
    await review.waitForLoadState('load');
    const headers = (await context.request.get(review.url())).headers();
    expect(headers['content-security-policy']).toMatch(/script-src 'sha256-/);
    expect(headers['content-type']).toBe('text/html; charset=utf-8');
    expect(await review.locator('section.clause[data-clause-type="force-majeure"] .clause-head .badge.verdict-weak').isVisible()).toBe(true);
    // The page's own script runs (its Copy button shows) under the header policy.
    expect(await review.locator('button.copy').first().isVisible()).toBe(true);
    await review.close();
    expect(problems).toEqual([]);
  });

  it('downloads the portfolio CSV with every analysed contract', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#download-csv').click()]);
    expect(download.suggestedFilename()).toBe('portfolio.csv');
    const csv = readFileSync((await download.path())!, 'utf8');
    for (const name of ['brightwater-kestrel supply.txt', 'weak-fm.pdf', 'broken scan.pdf', 'tessaro-packaging-supply-agreement.txt'])
      expect(csv).toContain(name);
  });

  it('offers the fix pack of a contract with gaps as a download', async () => {
    const link = row('weak-fm.pdf').locator('a.fix-pack-link');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/\.fixes\.docx$/);
    expect(
      readFileSync((await download.path())!)
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
  });
});

/** The hosted UI of the sign-in service, played by routes in the browser: what it checks is what Cognito checks for PKCE. */
describe.skipIf(skip)('the web console signs in with the authorization code and PKCE when the runtime config asks for it', () => {
  const DOMAIN = 'sign-in.clausewatch.test';
  let pipeline: LocalPipeline;
  let dispose: () => Promise<void>;
  let server: ConsoleServer;
  let browser: Browser;

  beforeAll(async () => {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-web.mjs')], { stdio: 'inherit' });
    ({ pipeline, dispose } = await startPipeline());
    server = await startConsoleServer({ port: 0, pipeline });
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await dispose?.();
  });

  it('sends the user to the hosted UI, exchanges the code with the verifier and calls the API with the ID token', async () => {
    // The local console's policy admits only itself; in AWS the policy names the sign-in domain.
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    const seen: { challenge?: string; state?: string; verifierMatched?: boolean; authorizations: string[] } = { authorizations: [] };
    const idToken = ['{"alg":"none"}', JSON.stringify({ sub: 'u-1', email: 'legal@example.com', token_use: 'id' }), '']
      .map((part) => Buffer.from(part).toString('base64url'))
      .join('.');
    await page.route('**/config.json', (route) =>
      route.fulfill({ json: { apiBase: '', auth: { domain: DOMAIN, clientId: 'console-client', redirectUri: server.url } } }),
    );
    await page.route(`https://${DOMAIN}/oauth2/authorize**`, (route) => {
      const query = new URL(route.request().url()).searchParams;
      expect(query.get('response_type')).toBe('code');
      expect(query.get('client_id')).toBe('console-client');
      expect(query.get('code_challenge_method')).toBe('S256');
      seen.challenge = query.get('code_challenge') ?? undefined;
      seen.state = query.get('state') ?? undefined;
      return route.fulfill({ status: 302, headers: { location: `${query.get('redirect_uri')}?code=one-time-code&state=${seen.state}` } });
    });
    await page.route(`https://${DOMAIN}/oauth2/token`, (route) => {
      const form = new URLSearchParams(route.request().postData() ?? '');
      const verifier = form.get('code_verifier') ?? '';
      seen.verifierMatched = createHash('sha256').update(verifier).digest('base64url') === seen.challenge && form.get('code') === 'one-time-code';
      return route.fulfill({
        json: { id_token: idToken, access_token: 'access', expires_in: 3600, token_type: 'Bearer' },
        headers: { 'access-control-allow-origin': '*' },
      });
    });
    await page.route('**/api/**', (route) => {
      seen.authorizations.push(route.request().headers().authorization ?? '');
      return route.continue();
    });

    await page.goto(server.url);
    await expect.poll(() => page.locator('#account-name').textContent(), { timeout: 10_000 }).toBe('legal@example.com');
    expect(seen.verifierMatched).toBe(true);
    // The one-time code is gone from the address bar.
    expect(page.url()).toBe(server.url);
    // The account name shows as soon as the token is read; the first API call may come a moment later.
    await expect.poll(() => seen.authorizations.length, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(new Set(seen.authorizations)).toEqual(new Set([`Bearer ${idToken}`]));
    expect(await page.locator('#portfolio-downloads').isHidden()).toBe(true);
    await context.close();
  });

  it('downloads the portfolio with the bearer token when the API offers it behind sign-in', async () => {
    await pipeline.upload(`${pipeline.contractsPrefix}local/kestrel supply.txt`, Buffer.from(SUPPLY_AGREEMENT));
    await pipeline.idle();
    const context = await browser.newContext({ bypassCSP: true, acceptDownloads: true });
    const page = await context.newPage();
    const idToken = ['{"alg":"none"}', JSON.stringify({ sub: 'u-2', email: 'procurement@example.com', token_use: 'id' }), '']
      .map((part) => Buffer.from(part).toString('base64url'))
      .join('.');
    await page.route('**/config.json', (route) =>
      route.fulfill({ json: { apiBase: '', auth: { domain: DOMAIN, clientId: 'console-client', redirectUri: server.url }, portfolio: true } }),
    );
    await page.route(`https://${DOMAIN}/oauth2/authorize**`, (route) => {
      const query = new URL(route.request().url()).searchParams;
      return route.fulfill({ status: 302, headers: { location: `${query.get('redirect_uri')}?code=one-time-code&state=${query.get('state')}` } });
    });
    await page.route(`https://${DOMAIN}/oauth2/token`, (route) =>
      route.fulfill({
        json: { id_token: idToken, access_token: 'access', expires_in: 3600, token_type: 'Bearer' },
        headers: { 'access-control-allow-origin': '*' },
      }),
    );
    // As API Gateway's authorizer would, the stand-in API refuses a portfolio request without the token.
    const portfolioAuthorizations: string[] = [];
    await page.route('**/api/portfolio.*', (route) => {
      const authorization = route.request().headers().authorization ?? '';
      portfolioAuthorizations.push(authorization);
      return authorization === `Bearer ${idToken}` ? route.continue() : route.fulfill({ status: 401, json: { message: 'Unauthorized' } });
    });

    await page.goto(server.url);
    await expect.poll(() => page.locator('#account-name').textContent(), { timeout: 10_000 }).toBe('procurement@example.com');
    expect(await page.locator('#portfolio-downloads').isVisible()).toBe(true);

    const [csv] = await Promise.all([page.waitForEvent('download'), page.locator('#download-csv').click()]);
    expect(csv.suggestedFilename()).toBe('portfolio.csv');
    expect(readFileSync((await csv.path())!, 'utf8')).toMatch(/^\uFEFF?file,.*\nkestrel supply\.txt,/s);

    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.locator('#download-xlsx').click()]);
    expect(xlsx.suggestedFilename()).toBe('portfolio.xlsx');
    expect(
      readFileSync((await xlsx.path())!)
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');

    // The page is saved, not opened under the console's policy: it carries its own.
    const [html] = await Promise.all([page.waitForEvent('download'), page.locator('#open-portfolio').click()]);
    expect(html.suggestedFilename()).toBe('portfolio.html');
    const saved = readFileSync((await html.path())!, 'utf8');
    expect(saved).toContain('kestrel supply.txt');
    expect(saved).toMatch(/<meta http-equiv="Content-Security-Policy"/);
    await expect.poll(() => page.locator('#announcer').textContent()).toBe('portfolio.html downloaded.');

    expect(portfolioAuthorizations).toEqual(Array(3).fill(`Bearer ${idToken}`));
    expect(context.pages()).toHaveLength(1);
    await context.close();
  });

  it('refuses an answer whose state this tab did not ask for', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    let tokenRequests = 0;
    await page.route('**/config.json', (route) =>
      route.fulfill({ json: { apiBase: '', auth: { domain: DOMAIN, clientId: 'console-client', redirectUri: server.url } } }),
    );
    await page.route(`https://${DOMAIN}/**`, (route) => {
      if (route.request().url().includes('/oauth2/token')) tokenRequests++;
      return route.fulfill({ status: 404 });
    });
    await page.goto(`${server.url}?code=stolen&state=forged`);
    await expect.poll(() => page.locator('#app-error').textContent()).toMatch(/does not match this tab/);
    expect(tokenRequests).toBe(0);
    await context.close();
  });
});
