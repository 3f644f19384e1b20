import type { Severity } from '../report/schema.js';
import { EXPOSURE_COLOUR, EXPOSURE_NAME, SEVERITY_LABEL, VERDICT_LABEL } from '../render/format.js';
import { html, type Html } from '../render/html.js';
import { EXPOSURE_LEVELS, type Portfolio, verdictExposureCounts } from './rows.js';

/*
 * The portfolio's counts as a small inline SVG: per clause type, one bar per verdict, split by the
 * contracts' exposure level, each segment telling its severities on hover. Drawn with presentation
 * attributes only, so the page's Content-Security-Policy needs nothing more, and it prints.
 */

const WIDTH = 720;
const LABEL_WIDTH = 190;
const BAR_WIDTH = 440;
const ROW = 22;
const BAR = 14;
const LEGEND = 28;

export function portfolioChart(portfolio: Portfolio): Html | null {
  const { breakdown } = portfolio.counts;
  if (breakdown.length === 0) return null;
  const bars = verdictExposureCounts(portfolio);
  const scale = BAR_WIDTH / Math.max(1, ...bars.map((bar) => bar.total));

  const shapes: Html[] = [];
  const words: string[] = [];
  let y = LEGEND + 8;
  for (const [index, bar] of bars.entries()) {
    const type = bar.clauseType;
    if (index === 0 || bars[index - 1]!.clauseType !== type) {
      if (index > 0) y += 6;
      shapes.push(html`<text x="0" y="${y + 12}" font-weight="600" font-size="13" fill="#101828">${type.title}</text>`);
      y += ROW;
    }
    const { verdict } = bar;
    shapes.push(html`<text x="16" y="${y + 11}" font-size="12" fill="#344054">${VERDICT_LABEL[verdict].word}</text>`);
    let x = LABEL_WIDTH;
    for (const exposure of EXPOSURE_LEVELS) {
      const contracts = bar.counts[exposure];
      if (contracts === 0) continue;
      const severities = breakdown
        .filter((cell) => cell.clauseType === type.id && cell.verdict === verdict && cell.exposure === exposure)
        .map((cell) => `${SEVERITY_LABEL[cell.severity as Severity].toLowerCase()} ${cell.contracts}`)
        .join(', ');
      const label = `${type.title}, ${VERDICT_LABEL[verdict].word.toLowerCase()}, exposure ${EXPOSURE_NAME[exposure].toLowerCase()}: ${contracts} contract${contracts === 1 ? '' : 's'} (severity ${severities})`;
      const width = Math.max(2, contracts * scale);
      shapes.push(
        html`<rect x="${x.toFixed(1)}" y="${y}" width="${width.toFixed(1)}" height="${BAR}" fill="#${EXPOSURE_COLOUR[exposure]}" data-cell="${`${type.id}|${verdict}|${exposure}`}" data-contracts="${contracts}"><title>${label}</title></rect>`,
      );
      words.push(label);
      x += width;
    }
    shapes.push(html`<text x="${(x + 6).toFixed(1)}" y="${y + 11}" font-size="12" fill="#344054" data-total="${`${type.id}|${verdict}`}">${bar.total}</text>`);
    y += ROW;
  }
  y += 6;
  const legend = EXPOSURE_LEVELS.map((exposure, index) => {
    const x = LABEL_WIDTH + index * 104;
    return html`<rect x="${x}" y="6" width="12" height="12" fill="#${EXPOSURE_COLOUR[exposure]}"></rect><text x="${x + 17}" y="16" font-size="12" fill="#344054">${EXPOSURE_NAME[exposure]}</text>`;
  });
  return html`<figure class="chart">
<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="chart-title chart-desc" viewBox="0 0 ${WIDTH} ${y}" width="100%" font-family="system-ui, sans-serif">
<title id="chart-title">Contracts by verdict and exposure, per clause type</title>
<desc id="chart-desc">${words.join('; ')}</desc>
<text x="0" y="16" font-size="12" fill="#344054">Exposure:</text>
${legend}
${shapes}
</svg>
<figcaption>Each bar counts the contracts with that verdict, split by their exposure to export controls; hover a segment for its severities.</figcaption>
</figure>`;
}
