import type { ExposureLevel, Severity, Verdict } from '../report/schema.js';
import {
  EXPOSURE_LABEL,
  exposureBadge,
  formatNumber,
  formatTimestamp,
  SEVERITY_RANK,
  severityBadge,
  VERDICT_LABEL,
  VERDICT_RANK,
  verdictBadge,
} from '../render/format.js';
import { html, htmlDocument, type Html } from '../render/html.js';
import { BASE_CSS } from '../render/style.js';
import { describeReview, exposureRank, type Portfolio, type PortfolioRow, safeRelativeLink } from './rows.js';
import { portfolioChart } from './chart.js';

export interface PortfolioPageOptions {
  /** When the portfolio was built (ISO time), passed in so rendering stays pure. */
  generatedAt: string;
  /** Where the reports were read from, as the user gave it. */
  sourceLabel: string;
  /** Files that were read but are not reports. */
  skipped?: ReadonlyArray<{ file: string; reason: string }>;
  /** Origins whose absolute links the page may carry (presigned review pages); relative links only by default. */
  linkOrigins?: readonly string[];
}

const CSS = `
.chart { margin: 18px 0 0; }
.chart svg { max-width: 720px; height: auto; display: block; }
.chart figcaption { font-size: 12px; color: #475467; margin-top: 4px; }
main { max-width: 1440px; }
.tile .review-flag { color: var(--weak); font-weight: 650; }
.tiles { display: grid; grid-template-columns: repeat(auto-fill, minmax(250px, 1fr)); gap: 14px; margin-top: 18px; }
.tile { border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; background: #fcfcfd; }
.tile h2 { font-size: 14px; font-weight: 650; margin-bottom: 8px; }
.tile dl { margin: 0; display: grid; grid-template-columns: 1fr auto; gap: 4px 12px; font-size: 14px; align-items: center; }
.tile dd { margin: 0; font-weight: 700; font-variant-numeric: tabular-nums; text-align: right; }
.tile dt .badge { font-size: 12px; }
.bar { display: flex; height: 8px; border-radius: 4px; overflow: hidden; background: var(--line); margin-top: 10px; }
.bar span { display: block; height: 100%; }
.bar .missing { background: var(--missing); } .bar .weak { background: #d98c00; } .bar .adequate { background: var(--adequate); } .bar .none { background: #aab3c2; }
.summary-line { color: var(--muted); margin: 6px 0 0; }
.controls { display: flex; flex-wrap: wrap; gap: 10px 16px; align-items: flex-end; margin-bottom: 14px; }
.controls label { display: flex; flex-direction: column; font-size: 12px; font-weight: 650; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; gap: 3px; }
.controls input, .controls select { font: 14px var(--sans); padding: 5px 8px; border: 1px solid #b9c1cf; border-radius: 6px; background: #fff; color: var(--ink); text-transform: none; letter-spacing: 0; }
.controls input { width: 260px; }
.shown { margin-left: auto; color: var(--muted); font-size: 14px; }
.table-wrap { overflow-x: auto; }
#contracts td { font-size: 14px; }
#contracts td.file { font-weight: 600; overflow-wrap: anywhere; min-width: 220px; }
#contracts td.gaps { color: var(--muted); font-size: 13px; min-width: 240px; }
#contracts td.gaps div + div { margin-top: 3px; }
#contracts .review-flag { color: var(--weak); font-weight: 650; }
#contracts .exposure-detail { display: block; font-size: 12px; color: var(--muted); margin-top: 3px; white-space: normal; min-width: 140px; }
#contracts .gap-type { font-weight: 650; color: var(--ink); }
#contracts td.nowrap { white-space: nowrap; }
#contracts .time { display: block; font-size: 12px; color: var(--muted); }
#contracts td.status code { display: block; font-size: 12px; margin-top: 3px; color: var(--missing); }
#contracts tbody tr:hover td { background: #f8fafc; }
.error-note { display: block; font-size: 12px; color: var(--missing); font-weight: 400; }
th .sort { all: unset; cursor: pointer; display: inline-flex; gap: 4px; align-items: center; }
th .sort:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
th .sort::after { content: '↕'; color: #aab3c2; font-size: 12px; }
th[aria-sort="ascending"] .sort::after { content: '▲'; color: var(--accent); }
th[aria-sort="descending"] .sort::after { content: '▼'; color: var(--accent); }
.no-match { padding: 16px 10px; color: var(--muted); }
.skipped { font-size: 13px; }
.skipped ul { margin: 6px 0 0; padding-left: 18px; }
@media print {
  .controls { display: none !important; }
  .bar { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  #contracts td, #contracts th { padding: 4px 6px; font-size: 9pt; }
}
`;

/** Sorting (click a column header) and filtering; without it the page shows every contract, riskiest first. */
const TABLE_SCRIPT = `(function () {
  'use strict';
  var table = document.getElementById('contracts');
  var controls = document.getElementById('controls');
  if (!table || !controls) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  rows.forEach(function (row, index) { row.setAttribute('data-index', String(index)); });
  var search = document.getElementById('filter-text');
  var selects = Array.prototype.slice.call(controls.querySelectorAll('select[data-filter]'));
  var shown = document.getElementById('shown-count');
  var noMatch = document.getElementById('no-match');
  controls.hidden = false;

  function applyFilters() {
    var needle = search.value.trim().toLowerCase();
    var visible = 0;
    rows.forEach(function (row) {
      var keep = needle === '' || row.textContent.toLowerCase().indexOf(needle) !== -1;
      selects.forEach(function (select) {
        if (keep && select.value !== '') keep = row.getAttribute('data-' + select.getAttribute('data-filter')) === select.value;
      });
      row.hidden = !keep;
      if (keep) visible++;
    });
    shown.textContent = 'Showing ' + visible + ' of ' + rows.length;
    noMatch.hidden = visible !== 0;
  }
  search.addEventListener('input', applyFilters);
  selects.forEach(function (select) { select.addEventListener('change', applyFilters); });

  function cellValue(row, column) {
    var cell = row.cells[column];
    return cell ? (cell.getAttribute('data-value') || cell.textContent.trim()) : '';
  }
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  headers.forEach(function (header, column) {
    var kind = header.getAttribute('data-sort');
    if (!kind) return;
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'sort';
    while (header.firstChild) button.appendChild(header.firstChild);
    header.appendChild(button);
    button.addEventListener('click', function () {
      var current = header.getAttribute('aria-sort');
      // Risk columns start riskiest first; text and dates start ascending.
      var descending = current === 'descending' ? false : current === 'ascending' ? true : kind === 'rank';
      headers.forEach(function (other) { other.removeAttribute('aria-sort'); });
      header.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
      var sorted = rows.slice().sort(function (a, b) {
        var left = cellValue(a, column);
        var right = cellValue(b, column);
        var order = kind === 'rank' ? Number(left) - Number(right) : left.localeCompare(right, undefined, { numeric: true, sensitivity: 'base' });
        if (descending) order = -order;
        return order || Number(a.getAttribute('data-index')) - Number(b.getAttribute('data-index'));
      });
      sorted.forEach(function (row) { body.appendChild(row); });
    });
  });
  applyFilters();
})();`;

/** Only relative links to files the portfolio command placed: never a scheme (javascript:, http:). */

function verdictTile(portfolio: Portfolio, index: number): Html {
  const type = portfolio.clauseTypes[index]!;
  const counts = portfolio.counts.verdicts[type.id]!;
  const total = Math.max(1, portfolio.counts.contracts);
  const line = (verdict: Verdict) =>
    html`<dt>${verdictBadge(verdict)}</dt><dd data-count="${`verdict-${index + 1}-${verdict}`}">${formatNumber(counts[verdict])}</dd>`;
  const segment = (name: string, count: number) =>
    count > 0 ? html`<span class="${name}" style="width:${((count / total) * 100).toFixed(2)}%"></span>` : null;
  return html`<div class="tile" data-clause-type="${type.id}">
<h2>${type.title}</h2>
<dl>${line('missing')}${line('weak')}${line('adequate')}<dt class="muted small">Not assessed</dt><dd data-count="${`verdict-${index + 1}-none`}">${formatNumber(counts.notAssessed)}</dd></dl>
<div class="bar" aria-hidden="true">${segment('missing', counts.missing)}${segment('weak', counts.weak)}${segment('adequate', counts.adequate)}${segment('none', counts.notAssessed)}</div>
</div>`;
}

function exposureTile(portfolio: Portfolio): Html {
  const counts = portfolio.counts.exposure;
  const line = (level: ExposureLevel) => html`<dt>${exposureBadge(level)}</dt><dd data-count="exposure-${level}">${formatNumber(counts[level])}</dd>`;
  return html`<div class="tile" data-tile="exposure">
<h2>Exposure to export controls</h2>
<dl>${line('high')}${line('medium')}${line('low')}${line('none')}<dt class="muted small">Not assessed</dt><dd data-count="exposure-not-assessed">${formatNumber(counts.notAssessed)}</dd></dl>
</div>`;
}

function overviewTile(portfolio: Portfolio): Html {
  const { severity, status } = portfolio.counts;
  const line = (level: Severity) => html`<dt>${severityBadge(level)}</dt><dd data-count="severity-${level}">${formatNumber(severity[level])}</dd>`;
  return html`<div class="tile">
<h2>Overall risk</h2>
<dl>${line('high')}${line('medium')}${line('low')}<dt><span class="badge status-error">Not analyzed</span></dt><dd data-count="status-error">${formatNumber(status.error)}</dd><dt><span class="review-flag">To check</span></dt><dd data-count="review-needed">${formatNumber(portfolio.counts.reviewNeeded)}</dd></dl>
</div>`;
}

/** Date over time, to keep the column narrow. */
function analyzedDate(iso: string): Html {
  const formatted = formatTimestamp(iso);
  const space = formatted.indexOf(' ');
  return space < 0 ? html`${formatted}` : html`${formatted.slice(0, space)}<span class="time">${formatted.slice(space + 1)}</span>`;
}

function verdictCell(verdict: Verdict | null): Html {
  return verdict
    ? html`<td class="nowrap" data-value="${VERDICT_RANK[verdict]}">${verdictBadge(verdict)}</td>`
    : html`<td class="nowrap muted" data-value="0">—</td>`;
}

function contractRow(row: PortfolioRow, portfolio: Portfolio, showParties: boolean, linkOrigins: readonly string[]): Html {
  const href = safeRelativeLink(row.reviewHref, linkOrigins);
  const gaps = portfolio.clauseTypes.flatMap((type) => {
    const verdict = row.verdicts[type.id];
    const missing = verdict === 'missing' ? 'no clause' : (row.missingElements[type.id] ?? []).join(', ');
    return missing ? [html`<div><span class="gap-type">${type.id}</span> ${missing}</div>`] : [];
  });
  const verdictAttributes = portfolio.clauseTypes.map((type, index) => html` data-verdict-${index + 1}="${row.verdicts[type.id] ?? 'none'}"`);
  const exposureDetail = [row.exposureMaterials.slice(0, 3).join(', '), row.exposureCountries.length > 0 ? `from ${row.exposureCountries.join(', ')}` : '']
    .filter((part) => part !== '')
    .join(' ');
  const review = describeReview(row, portfolio.clauseTypes);
  return html`<tr data-status="${row.status}" data-severity="${row.overallSeverity ?? 'none'}" data-exposure="${row.exposure ?? 'not-assessed'}" data-review="${row.reviewNeeded ? 'needed' : 'none'}"${verdictAttributes}>
<td class="file">${href ? html`<a href="${href}">${row.file}</a>` : row.file}${row.errorMessage ? html`<span class="error-note">${row.errorMessage}</span>` : null}</td>
${showParties ? html`<td>${row.parties.join('; ') || '—'}</td>` : null}
<td class="nowrap status">${row.status === 'ok' ? html`<span class="badge status-ok">OK</span>` : html`<span class="badge status-error">Error</span><code>${row.errorCode ?? ''}</code>`}</td>
${portfolio.clauseTypes.map((type) => verdictCell(row.verdicts[type.id] ?? null))}
<td class="gaps">${gaps.length > 0 ? gaps : '—'}</td>
<td class="nowrap" data-value="${row.overallSeverity ? SEVERITY_RANK[row.overallSeverity] : 0}">${row.overallSeverity ? severityBadge(row.overallSeverity) : html`<span class="muted">—</span>`}</td>
<td class="review" data-value="${row.reviewNeeded ? 1 : 0}">${row.reviewNeeded ? html`<span class="review-flag">Check</span><span class="exposure-detail">${review}</span>` : html`<span class="muted">—</span>`}</td>
<td class="nowrap exposure" data-value="${exposureRank(row.exposure)}">${row.exposure ? exposureBadge(row.exposure) : html`<span class="muted">—</span>`}${
    exposureDetail ? html`<span class="exposure-detail">${exposureDetail}</span>` : null
  }</td>
<td class="nowrap" data-value="${row.analyzedAt}">${analyzedDate(row.analyzedAt)}</td>
<td class="nowrap small">${row.libraryVersion}</td>
</tr>`;
}

function controls(portfolio: Portfolio): Html {
  const verdictOptions = html`<option value="">Any</option>${(['missing', 'weak', 'adequate'] as const).map(
    (verdict) => html`<option value="${verdict}">${VERDICT_LABEL[verdict].word}</option>`,
  )}<option value="none">Not assessed</option>`;
  return html`<div class="controls no-print" id="controls" hidden>
<label>Filter<input type="search" id="filter-text" placeholder="File, error code, element…" autocomplete="off"></label>
<label>Status<select data-filter="status" id="filter-status"><option value="">Any</option><option value="ok">OK</option><option value="error">Error</option></select></label>
<label>Overall risk<select data-filter="severity" id="filter-severity"><option value="">Any</option><option value="high">High</option><option value="medium">Medium</option><option value="low">Low</option><option value="none">Not rated</option></select></label>
<label>Review<select data-filter="review" id="filter-review"><option value="">Any</option><option value="needed">To check</option><option value="none">Nothing to check</option></select></label>
<label>Exposure<select data-filter="exposure" id="filter-exposure"><option value="">Any</option>${(['high', 'medium', 'low', 'none'] as const).map(
    (level) => html`<option value="${level}">${EXPOSURE_LABEL[level]}</option>`,
  )}<option value="not-assessed">Not assessed</option></select></label>
${portfolio.clauseTypes.map(
  (type, index) => html`<label>${type.title}<select data-filter="verdict-${index + 1}" id="filter-verdict-${index + 1}">${verdictOptions}</select></label>`,
)}
<span class="shown" id="shown-count" aria-live="polite"></span>
</div>`;
}

/**
 * portfolio.html: counts by verdict per clause type, and every contract in a table that sorts
 * and filters in the browser, each row linking to its review page. Self-contained and offline.
 */
export function renderPortfolioPage(portfolio: Portfolio, options: PortfolioPageOptions): string {
  const showParties = portfolio.rows.some((row) => row.parties.length > 0);
  const libraries = [...new Set(portfolio.rows.map((row) => `${row.libraryId} ${row.libraryVersion}`))].sort();
  const skipped = options.skipped ?? [];
  const body = html`<main>
<header class="card">
<div class="eyebrow">clausewatch · contract portfolio</div>
<h1>Contract portfolio</h1>
<p class="summary-line"><strong data-count="contracts">${formatNumber(portfolio.counts.contracts)}</strong> contracts from <span class="mono">${options.sourceLabel}</span> · ${formatNumber(portfolio.counts.status.ok)} analyzed, ${formatNumber(portfolio.counts.status.error)} not analyzed · clause library ${libraries.join(', ') || '—'} · built ${formatTimestamp(options.generatedAt)}</p>
<div class="tiles">${overviewTile(portfolio)}${exposureTile(portfolio)}${portfolio.clauseTypes.map((_, index) => verdictTile(portfolio, index))}</div>
${portfolioChart(portfolio)}
</header>
<section class="card" aria-labelledby="contracts-title">
<h2 id="contracts-title" class="no-print" hidden>Contracts</h2>
${controls(portfolio)}
<div class="table-wrap">
<table id="contracts">
<thead><tr>
<th scope="col" data-sort="text">File</th>
${showParties ? html`<th scope="col" data-sort="text">Parties</th>` : null}
<th scope="col" data-sort="text">Status</th>
${portfolio.clauseTypes.map((type) => html`<th scope="col" data-sort="rank">${type.title}</th>`)}
<th scope="col" data-sort="text">Missing elements</th>
<th scope="col" data-sort="rank">Overall risk</th>
<th scope="col" data-sort="rank">Review</th>
<th scope="col" data-sort="rank">Exposure</th>
<th scope="col" data-sort="text">Analyzed</th>
<th scope="col" data-sort="text">Library</th>
</tr></thead>
<tbody>${portfolio.rows.map((row) => contractRow(row, portfolio, showParties, options.linkOrigins ?? []))}</tbody>
</table>
</div>
<p class="no-match" id="no-match" hidden>No contract matches the filters.</p>
</section>
${
  skipped.length > 0
    ? html`<section class="card skipped"><strong>${formatNumber(skipped.length)} file(s) skipped</strong> (not clausewatch reports):<ul>${skipped.map(
        (entry) => html`<li><span class="mono">${entry.file}</span>: ${entry.reason}</li>`,
      )}</ul></section>`
    : null
}
<footer>Verdicts follow each report's clause library. Click a file for its review page: the clause text, the evidence and suggested wording.</footer>
</main>`;
  return htmlDocument({ title: `Contract portfolio (${portfolio.counts.contracts}) · clausewatch`, css: BASE_CSS + CSS, script: TABLE_SCRIPT, body });
}
