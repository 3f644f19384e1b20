import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { rejectionReport } from '../../../lib/analyze.js';
import { ClausewatchError } from '../../../lib/errors.js';
import { renderPortfolioPage } from '../../../lib/portfolio/page.js';
import { buildPortfolio } from '../../../lib/portfolio/rows.js';
import { analyzeFixture, FIXED_NOW } from '../../helpers/fixtures.js';

const SCRIPT_PAYLOAD = '<script>alert(1)</script>';
const ATTRIBUTE_PAYLOAD = '"><img src=x onerror=alert(1)>';
const OPTIONS = { generatedAt: '2026-11-30T12:00:00.000Z', sourceLabel: 'reports/' };

describe('portfolio page', () => {
  it('shows counts by verdict per clause type and one linked row per contract', async () => {
    const strong = (await analyzeFixture('strong-fm.txt')).report;
    const weak = (await analyzeFixture('weak-fm.txt')).report;
    const page = renderPortfolioPage(
      buildPortfolio([
        { file: 'acme/strong.txt', report: strong, reviewHref: 'pages/acme/strong.txt.html' },
        { file: 'weak.txt', report: weak, reviewHref: '../reports/weak%20terms.txt.html' },
      ]),
      OPTIONS,
    );
    expect(page).toContain('<strong data-count="contracts">2</strong>');
    expect(page).toContain('<dd data-count="verdict-1-weak">1</dd>');
    expect(page).toContain('<dd data-count="verdict-1-adequate">1</dd>');
    expect(page).toContain('<dd data-count="verdict-2-missing">1</dd>');
    expect(page).toContain('<a href="pages/acme/strong.txt.html">acme/strong.txt</a>');
    expect(page).toContain('<a href="../reports/weak%20terms.txt.html">weak.txt</a>');
    expect(page).toMatch(
      /<tr data-status="ok" data-severity="medium" data-exposure="none" data-review="needed" data-verdict-1="weak" data-verdict-2="missing">/,
    );
    // Sorting and filtering come from the one inline script, allowed by its hash.
    const script = page.match(/<script>([\s\S]*?)<\/script>/)![1]!;
    expect(page).toContain(`sha256-${createHash('sha256').update(script).digest('base64')}`);
    expect(page).toMatch(/<th scope="col" data-sort="rank">Overall risk<\/th>/);
    expect(page).toContain('id="controls" hidden');
  });

  it('escapes file names, error messages and skipped names, and links nowhere but relative paths', async () => {
    const error = rejectionReport({ name: SCRIPT_PAYLOAD, bytes: 1 }, new ClausewatchError('internal', ATTRIBUTE_PAYLOAD), {
      library: { id: 'lib', version: '1' },
      now: FIXED_NOW,
    });
    const weak = (await analyzeFixture('weak-fm.txt')).report;
    const page = renderPortfolioPage(
      buildPortfolio([
        { file: `${SCRIPT_PAYLOAD}.pdf`, report: error, reviewHref: 'javascript:alert(1)' },
        { file: ATTRIBUTE_PAYLOAD, report: weak, reviewHref: '//evil.example/x.html' },
      ]),
      { ...OPTIONS, sourceLabel: ATTRIBUTE_PAYLOAD, skipped: [{ file: `${SCRIPT_PAYLOAD}.json`, reason: 'not JSON' }] },
    );
    expect(page).not.toContain(SCRIPT_PAYLOAD);
    expect(page).not.toContain(ATTRIBUTE_PAYLOAD);
    expect(page).not.toMatch(/<img/i);
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;.pdf');
    expect(page).not.toContain('javascript:');
    expect(page).not.toContain('evil.example');
    expect(page.match(/<script/g)).toHaveLength(1);
  });
});

describe('portfolio page: exposure', () => {
  it('has an exposure column that sorts by rank (high > medium > low > none), a filter and a tile', async () => {
    const magnets = (await analyzeFixture('rare-earth-magnets.txt')).report;
    const software = (await analyzeFixture('software-licence.txt')).report;
    const strong = (await analyzeFixture('strong-fm.txt')).report;
    const page = renderPortfolioPage(
      buildPortfolio([
        { file: 'magnets.txt', report: magnets, reviewHref: null },
        { file: 'software.txt', report: software, reviewHref: null },
        { file: 'strong.txt', report: strong, reviewHref: null },
      ]),
      OPTIONS,
    );
    expect(page).toContain('<th scope="col" data-sort="rank">Exposure</th>');
    expect(page).toMatch(
      /<td class="nowrap exposure" data-value="4"><span class="badge severity-high" data-exposure="high">High<\/span><span class="exposure-detail">Rare-earth permanent magnets, .* from China<\/span><\/td>/,
    );
    expect(page).toMatch(/<td class="nowrap exposure" data-value="2"><span class="badge severity-low" data-exposure="low">Low<\/span><\/td>/);
    expect(page).toMatch(/<td class="nowrap exposure" data-value="1"><span class="badge severity-none" data-exposure="none">None<\/span><\/td>/);
    expect(page).toMatch(/<tr data-status="ok" data-severity="high" data-exposure="high"/);
    expect(page).toContain('<select data-filter="exposure" id="filter-exposure">');
    expect(page).toContain('<dd data-count="exposure-high">1</dd>');
    expect(page).toContain('<dd data-count="exposure-none">1</dd>');
  });
});
