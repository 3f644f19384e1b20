import { describe, expect, it } from 'vitest';
import { portfolioChart } from '../../../lib/portfolio/chart.js';
import { renderPortfolioPage } from '../../../lib/portfolio/page.js';
import { buildPortfolio, type PortfolioEntry } from '../../../lib/portfolio/rows.js';
import { analyzeFixture } from '../../helpers/fixtures.js';

async function entries(...names: string[]): Promise<PortfolioEntry[]> {
  return Promise.all(names.map(async (name, index) => ({ file: `${index}-${name}`, report: (await analyzeFixture(name)).report, reviewHref: null })));
}

describe('portfolio chart', () => {
  it('draws one segment per verdict and exposure level whose counts add up to the verdict counts', async () => {
    const portfolio = buildPortfolio(await entries('strong-fm.txt', 'weak-fm.txt', 'weak-fm.txt', 'rare-earth-magnets.txt', 'scanned.pdf'));
    const chart = portfolioChart(portfolio)!.toString();
    for (const type of portfolio.clauseTypes) {
      for (const verdict of ['missing', 'weak', 'adequate'] as const) {
        const drawn = [...chart.matchAll(new RegExp(`data-cell="${type.id}\\|${verdict}\\|[a-zA-Z]+" data-contracts="(\\d+)"`, 'g'))].reduce(
          (sum, match) => sum + Number(match[1]),
          0,
        );
        expect(drawn, `${type.id} ${verdict}`).toBe(portfolio.counts.verdicts[type.id]![verdict]);
        expect(chart).toContain(`data-total="${type.id}|${verdict}">${portfolio.counts.verdicts[type.id]![verdict]}</text>`);
      }
    }
    // The magnet contract is exposed: its segment says so, with its severity.
    expect(chart).toMatch(/<title>Force majeure, weak, exposure high: 1 contract \(severity high 1\)<\/title>/);
    expect(chart).toContain('role="img"');
    expect(chart).not.toMatch(/<script|href=/);
  });

  it('counts every finding once in the breakdown, by clause type, verdict, severity and exposure', async () => {
    const portfolio = buildPortfolio(await entries('strong-fm.txt', 'weak-fm.txt', 'rare-earth-magnets.txt', 'scanned.pdf'));
    const findings = portfolio.rows.flatMap((row) => portfolio.clauseTypes.filter((type) => row.verdicts[type.id] !== null));
    expect(portfolio.counts.breakdown.reduce((sum, cell) => sum + cell.contracts, 0)).toBe(findings.length);
    expect(portfolio.counts.breakdown.every((cell) => cell.contracts > 0)).toBe(true);
  });

  it('is left out when there is nothing to count, and is on the portfolio page otherwise', async () => {
    const errorsOnly = buildPortfolio(await entries('scanned.pdf'));
    expect(portfolioChart(errorsOnly)).toBeNull();
    const page = renderPortfolioPage(buildPortfolio(await entries('weak-fm.txt')), { generatedAt: '2026-11-30T12:00:00.000Z', sourceLabel: 'reports/' });
    expect(page).toContain('<figure class="chart">');
  });
});
