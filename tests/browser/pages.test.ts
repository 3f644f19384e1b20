import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main as analyze } from '../../cli/analyze.js';
import { main as portfolio } from '../../cli/portfolio.js';
import { launchChromium, SCREENSHOTS, skipWithoutChromium } from '../helpers/browser.js';
import { FIXTURES } from '../helpers/fixtures.js';

const skip = skipWithoutChromium('the browser tests');

const HOSTILE_CONTRACT = `SUPPLY AGREEMENT

9. FORCE MAJEURE
9.1 Neither party shall be liable for any failure or delay in performance caused by events beyond its reasonable control, including acts or orders of any government <script>alert(1)</script>, embargoes, sanctions "><img src=x onerror=alert(1)> and export restrictions, fire and flood.
9.2 The affected party shall notify the other party in writing within five (5) days of the start of the event.
`;

describe.skipIf(skip)('review pages and the portfolio in Chromium', () => {
  let work: string;
  let reports: string;
  let out: string;
  let browser: Browser;
  let context: BrowserContext;
  let problems: string[];

  beforeAll(async () => {
    work = mkdtempSync(path.join(tmpdir(), 'clausewatch-browser-'));
    const input = path.join(work, 'in');
    mkdirSync(path.join(input, 'acme corp'), { recursive: true });
    for (const fixture of [
      'weak-fm.pdf',
      'strong-fm.pdf',
      'logistics-services.md',
      'scanned.pdf',
      'split-fm.docx',
      'excusable-delay.txt',
      'rare-earth-magnets.txt',
    ]) {
      copyFileSync(path.join(FIXTURES, fixture), path.join(input, fixture === 'strong-fm.pdf' ? path.join('acme corp', 'strong #1.pdf') : fixture));
    }
    writeFileSync(path.join(input, 'hostile.txt'), HOSTILE_CONTRACT);
    reports = path.join(work, 'reports');
    out = path.join(work, 'portfolio');
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await analyze([input, '--out', reports, '--quiet']);
    await portfolio([reports, '--out', out, '--quiet']);
    vi.restoreAllMocks();
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    rmSync(work, { recursive: true, force: true });
  });

  /** Opens a file; console errors (a CSP refusal among them), page errors and dialogs are collected as problems. */
  async function open(file: string, inContext: BrowserContext = context): Promise<Page> {
    const page = await inContext.newPage();
    problems = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('dialog', (dialog) => {
      problems.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    page.on('request', (request) => {
      if (!request.url().startsWith('file:')) problems.push(`request: ${request.url()}`);
    });
    await page.goto(pathToFileURL(file).href);
    return page;
  }

  it('shows a weak force-majeure contract: verdicts, absent elements, and wording with a working Copy button', async () => {
    const page = await open(path.join(reports, 'weak-fm.pdf.html'));
    const fm = page.locator('section.clause[data-clause-type="force-majeure"]');
    await expect(fm.locator('.clause-head .badge.verdict-weak').textContent()).resolves.toContain('Weak');
    expect(await fm.locator('.clause-head .badge.verdict-weak').isVisible()).toBe(true);
    expect(await page.locator('section.clause[data-clause-type="export-control"] .clause-head .badge.verdict-missing').isVisible()).toBe(true);
    // Overall medium: a missing export-control clause in a contract without exposure to export controls.
    expect(await page.locator('.overall .badge').textContent()).toBe('Medium');
    expect(await fm.locator('tr[data-element="termination"] .state').textContent()).toBe('✕ Absent');
    // The finding says what to check (a weak clause that states none of the elements is thin evidence).
    expect(await page.locator('section.clause[data-clause-type="force-majeure"] .review-needed').isVisible()).toBe(true);
    expect(await page.getByText('What was searched').isVisible()).toBe(true);

    const wording = fm.locator('.wording-text').first();
    expect(await wording.isVisible()).toBe(true);
    expect((await wording.textContent())!.length).toBeGreaterThan(40);
    const copy = fm.locator('button.copy').first();
    // The button is shown by the page's script: proof that the CSP hash lets it run.
    expect(await copy.isVisible()).toBe(true);
    await copy.click();
    await expect.poll(() => copy.textContent()).not.toBe('Copy');
    expect(problems).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'review-weak-fm.png'), fullPage: true });
    await page.close();
  });

  it('shows a strong contract with its evidence highlighted and labelled in the clause text', async () => {
    const page = await open(path.join(reports, 'acme corp', 'strong #1.pdf.html'));
    const fm = page.locator('section.clause[data-clause-type="force-majeure"]');
    expect(await fm.locator('.clause-head .badge.verdict-adequate').isVisible()).toBe(true);
    const marks = fm.locator('.excerpt mark');
    expect(await marks.count()).toBeGreaterThanOrEqual(8);
    expect(await marks.first().isVisible()).toBe(true);
    expect((await marks.first().textContent())!.trim().length).toBeGreaterThan(5);
    expect(await fm.locator('.excerpt .ev-tag', { hasText: 'Notice duty' }).isVisible()).toBe(true);
    const background = await marks
      .first()
      .evaluate(
        (element) => (globalThis as unknown as { getComputedStyle(target: unknown): { backgroundColor: string } }).getComputedStyle(element).backgroundColor,
      );
    expect(background).not.toBe('rgba(0, 0, 0, 0)');
    expect(problems).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'review-strong-fm.png'), fullPage: true });
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'review-strong-fm-print.png'), fullPage: true });
    await page.close();
  });

  it('shows hostile contract text as text: no script runs, no element is injected', async () => {
    const page = await open(path.join(reports, 'hostile.txt.html'));
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(1);
    const excerpt = await page.locator('section.clause[data-clause-type="force-majeure"] .excerpt').textContent();
    expect(excerpt).toContain('<script>alert(1)</script>');
    expect(excerpt).toContain('"><img src=x onerror=alert(1)>');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows the exposure of a magnet supply agreement: level, controls with their status, countries and evidence', async () => {
    const page = await open(path.join(reports, 'rare-earth-magnets.txt.html'));
    expect(await page.locator('.overall-exposure .badge').textContent()).toBe('High');
    const exposure = page.locator('section#exposure');
    expect(await exposure.isVisible()).toBe(true);
    expect(await exposure.getAttribute('data-exposure')).toBe('high');
    const magnets = exposure.locator('tr[data-material="rare-earth-magnets"]');
    expect(await magnets.locator('li[data-regime="cn-2025-medium-heavy-rare-earths"] .badge').textContent()).toBe('In force');
    expect(await magnets.locator('.quote').first().isVisible()).toBe(true);
    expect(await exposure.locator('tr[data-country="CN"][data-role="origin"]').isVisible()).toBe(true);
    expect(await exposure.locator('.governing-law').textContent()).toContain('German law');
    // The weak force-majeure clause is high here because of the exposure.
    expect(await page.locator('section.clause[data-clause-type="force-majeure"] .clause-head .badge.severity-high').isVisible()).toBe(true);
    expect(problems).toEqual([]);
    await exposure.screenshot({ path: path.join(SCREENSHOTS, 'review-exposure.png') });
    await page.close();
  });

  it('renders an error report plainly', async () => {
    const page = await open(path.join(reports, 'scanned.pdf.html'));
    expect(await page.locator('.error-code').textContent()).toBe('no_text_layer');
    expect(await page.locator('.error-panel').isVisible()).toBe(true);
    expect(problems).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'review-error.png'), fullPage: true });
    await page.close();
  });

  it('works with scripts disabled: the wording is there, the Copy button and the table controls are not', async () => {
    const noScript = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    try {
      const review = await open(path.join(reports, 'weak-fm.pdf.html'), noScript);
      expect(await review.locator('.wording-text').first().isVisible()).toBe(true);
      expect(await review.locator('button.copy').first().isVisible()).toBe(false);
      const overview = await open(path.join(out, 'portfolio.html'), noScript);
      expect(await overview.locator('#controls').isVisible()).toBe(false);
      expect(await overview.locator('#contracts tbody tr:visible').count()).toBe(8);
    } finally {
      await noScript.close();
    }
  });

  describe('portfolio page', () => {
    const visibleFiles = (page: Page) => page.locator('#contracts tbody tr:visible td.file a').allTextContents();
    const visibleRanks = (page: Page, column: number) =>
      page.locator(`#contracts tbody tr:visible td:nth-child(${column})`).evaluateAll((cells) => cells.map((cell) => Number(cell.getAttribute('data-value'))));

    it('shows the counts of every verdict per clause type', async () => {
      const data = JSON.parse(readFileSync(path.join(out, 'portfolio.json'), 'utf8')) as {
        counts: { contracts: number; verdicts: Record<string, { missing: number; weak: number; adequate: number }> };
      };
      const page = await open(path.join(out, 'portfolio.html'));
      expect(await page.locator('[data-count="contracts"]').textContent()).toBe('8');
      for (const verdict of ['missing', 'weak', 'adequate'] as const) {
        expect(await page.locator(`[data-count="verdict-1-${verdict}"]`).textContent()).toBe(String(data.counts.verdicts['force-majeure']![verdict]));
        expect(await page.locator(`[data-count="verdict-2-${verdict}"]`).textContent()).toBe(String(data.counts.verdicts['export-control']![verdict]));
      }
      expect(await page.locator('#contracts tbody tr:visible').count()).toBe(8);
      expect(problems).toEqual([]);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'portfolio.png'), fullPage: true });
      await page.close();
    });

    it('filters by text, status and verdict', async () => {
      const page = await open(path.join(out, 'portfolio.html'));
      await page.locator('#filter-text').fill('strong');
      expect(await visibleFiles(page)).toEqual(['acme corp/strong #1.pdf']);
      expect(await page.locator('#shown-count').textContent()).toBe('Showing 1 of 8');
      await page.locator('#filter-text').fill('no such contract');
      expect(await page.locator('#contracts tbody tr:visible').count()).toBe(0);
      expect(await page.locator('#no-match').isVisible()).toBe(true);
      await page.locator('#filter-text').fill('');
      await page.locator('#filter-status').selectOption('error');
      expect(await page.locator('#contracts tbody tr:visible td.file').allTextContents()).toEqual([expect.stringContaining('scanned.pdf')]);
      await page.locator('#filter-status').selectOption('');
      await page.locator('#filter-verdict-1').selectOption('weak');
      const data = JSON.parse(readFileSync(path.join(out, 'portfolio.json'), 'utf8')) as {
        rows: Array<{ file: string; verdicts: Record<string, string | null> }>;
      };
      const expected = data.rows.filter((row) => row.verdicts['force-majeure'] === 'weak').map((row) => row.file);
      expect(expected.length).toBeGreaterThan(1);
      expect(expected.length).toBeLessThan(8);
      expect((await visibleFiles(page)).sort()).toEqual(expected.sort());
      await page.screenshot({ path: path.join(SCREENSHOTS, 'portfolio-filtered.png'), fullPage: true });
      expect(problems).toEqual([]);
      await page.close();
    });

    it('sorts by a column when its header is clicked, severity by rank (high > medium > low)', async () => {
      const page = await open(path.join(out, 'portfolio.html'));
      const headers = await page.locator('#contracts thead th').allTextContents();
      const severityColumn = headers.findIndex((text) => text.includes('Overall risk')) + 1;
      await page.locator('#contracts thead th', { hasText: 'File' }).locator('button').click();
      const byName = await visibleFiles(page);
      expect(byName).toEqual([...byName].sort((a, b) => a.localeCompare(b, undefined, { numeric: true, sensitivity: 'base' })));
      const ranksByName = await visibleRanks(page, severityColumn);
      expect(ranksByName).not.toEqual([...ranksByName].sort((a, b) => b - a));

      const severity = page.locator('#contracts thead th', { hasText: 'Overall risk' });
      await severity.locator('button').click();
      expect(await severity.getAttribute('aria-sort')).toBe('descending');
      const descending = await visibleRanks(page, severityColumn);
      expect(descending).toEqual([...descending].sort((a, b) => b - a));
      expect(descending[0]).toBe(3);
      await severity.locator('button').click();
      const ascending = await visibleRanks(page, severityColumn);
      expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
      expect(problems).toEqual([]);
      await page.close();
    });

    it('sorts by exposure (high > medium > low > none) and filters by it', async () => {
      const page = await open(path.join(out, 'portfolio.html'));
      const headers = await page.locator('#contracts thead th').allTextContents();
      const exposureColumn = headers.findIndex((text) => text.includes('Exposure')) + 1;
      expect(exposureColumn).toBeGreaterThan(0);
      const exposure = page.locator('#contracts thead th', { hasText: 'Exposure' });
      await exposure.locator('button').click();
      expect(await exposure.getAttribute('aria-sort')).toBe('descending');
      const descending = await visibleRanks(page, exposureColumn);
      expect(descending).toEqual([...descending].sort((a, b) => b - a));
      expect(descending[0]).toBe(4);
      expect((await visibleFiles(page))[0]).toBe('rare-earth-magnets.txt');
      await exposure.locator('button').click();
      const ascending = await visibleRanks(page, exposureColumn);
      expect(ascending).toEqual([...ascending].sort((a, b) => a - b));

      await page.locator('#filter-exposure').selectOption('high');
      expect(await visibleFiles(page)).toEqual(['rare-earth-magnets.txt']);
      expect(problems).toEqual([]);
      await page.close();
    });

    it('links each contract to its review page next to its report', async () => {
      const page = await open(path.join(out, 'portfolio.html'));
      const hrefs = await page.locator('#contracts td.file a').evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('href') ?? ''));
      const links = hrefs.map((href) => new URL(href, page.url()).href);
      expect(links).toHaveLength(8);
      for (const link of links) expect(existsSync(fileURLToPath(link)), link).toBe(true);
      await page.locator('#contracts td.file a', { hasText: 'strong #1.pdf' }).click();
      await page.waitForLoadState();
      expect(fileURLToPath(page.url())).toBe(path.join(reports, 'acme corp', 'strong #1.pdf.html'));
      expect(await page.locator('h1').textContent()).toBe('acme corp/strong #1.pdf');
      await page.close();
    });
  });
});
