import type { CountryRole, Evidence, Exposure, ExposureRegime } from '../report/schema.js';
import { EXPOSURE_LABEL, exposureBadge, formatEvidencePlace, regimeStatusBadge } from './format.js';
import { html, type Html } from './html.js';

/* The review page's exposure card: level, the materials named with their controls' status, countries, governing law. */

export const EXPOSURE_CSS = `
.overall-exposure { text-align: right; }
.overall-exposure .badge { font-size: 16px; padding: 3px 14px; }
.overall-exposure a { text-decoration: none; }
.exposure .regimes { list-style: none; margin: 0; padding: 0; }
.exposure .regimes li + li { margin-top: 8px; }
.exposure .regimes .badge { font-size: 12px; margin-right: 4px; }
.exposure .source { display: block; font-size: 12px; color: var(--muted); overflow-wrap: anywhere; }
.exposure .terms { font-size: 13px; color: var(--muted); margin-top: 2px; }
.exposure .evidence-item + .evidence-item { margin-top: 6px; }
.exposure td { font-size: 14px; }
.exposure .watchlist-line { margin-top: 12px; }
.masthead { display: flex; gap: 24px; align-items: flex-start; justify-content: space-between; flex-wrap: wrap; }
.masthead .title { flex: 1 1 520px; min-width: 0; }
.overall { text-align: right; }
.overall .badge { font-size: 16px; padding: 3px 14px; }
.overall-label { display: block; font-size: 12px; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); margin-bottom: 4px; }
.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(190px, 1fr)); gap: 10px 24px; margin: 16px 0 0; }
.facts div { min-width: 0; }
.facts dt { font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
.facts dd { margin: 0; font-weight: 550; overflow-wrap: anywhere; }
.facts .wide { grid-column: 1 / -1; }
.notes { margin: 14px 0 0; padding-left: 18px; color: var(--muted); font-size: 13px; }
.glance td, .glance th { padding: 10px; }
.glance td:first-child { font-weight: 600; }
.fix-pack { margin: 14px 0 0; }
.clause-head { display: flex; align-items: center; gap: 12px; flex-wrap: wrap; }
.clause-head h2 { margin-right: 4px; }
.clause-meta { margin: 8px 0 0; color: var(--muted); font-size: 14px; }
.review-needed { margin: 12px 0 0; padding: 10px 14px; border: 1px solid var(--weak-line); border-left: 4px solid var(--weak); background: var(--weak-bg); border-radius: 6px; }
.review-needed h3 { margin: 0 0 4px; font-size: 15px; color: var(--weak); }
.review-needed ul { margin: 0; padding-left: 18px; font-size: 14px; }
.review-needed .place { margin-left: 6px; }
.review-flag { color: var(--weak); font-weight: 650; white-space: nowrap; }
.found-by-model { display: inline-block; margin-left: 6px; font-size: 12px; color: var(--weak); }
.parts { margin: 6px 0 0; padding-left: 18px; font-size: 14px; color: var(--muted); }
.excerpt { font-family: var(--serif); font-size: 15.5px; line-height: 1.75; white-space: pre-wrap; overflow-wrap: anywhere; background: #fbfbf8; border: 1px solid var(--line); border-left: 4px solid var(--accent); border-radius: 6px; padding: 14px 18px; margin: 0; }
.excerpt mark { background: var(--mark); border-bottom: 2px solid var(--mark-line); padding: 1px 0; color: inherit; }
.excerpt mark.overlap { background: #ffe27a; }
.ev-tag { font-family: var(--sans); font-size: 11px; font-weight: 700; color: #6b5200; background: #fff7cc; border: 1px solid var(--mark-line); border-radius: 4px; padding: 0 5px; margin: 0 3px 0 1px; vertical-align: 2px; white-space: nowrap; }
.truncated { font-size: 13px; color: var(--muted); margin-top: 6px; }
.elsewhere { margin: 10px 0 0; padding-left: 18px; font-size: 14px; }
.checklist td { font-size: 14px; }
.checklist .state { white-space: nowrap; font-weight: 650; width: 110px; }
.state-present { color: var(--adequate); }
.state-absent { color: var(--missing); }
.checklist tr.gap td { background: #fff8f7; }
.element-title { font-weight: 650; }
.required { display: inline-block; margin-left: 6px; font-size: 11px; font-weight: 700; text-transform: uppercase; letter-spacing: .04em; color: var(--accent); border: 1px solid #b8c9e4; background: #eef3fb; border-radius: 4px; padding: 0 5px; vertical-align: 1px; }
.explanation { color: var(--muted); font-size: 13px; margin-top: 2px; }
.quote { font-family: var(--serif); font-style: italic; }
.place { display: block; font-size: 12px; color: var(--muted); margin-top: 2px; }
.recommendation { border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; margin: 0 0 12px; break-inside: avoid; }
.recommendation h4 { font-size: 15px; margin-bottom: 4px; }
.wording { position: relative; margin-top: 8px; }
.wording-label { font-size: 12px; font-weight: 650; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); margin-bottom: 4px; }
.wording-text { font-family: var(--serif); white-space: pre-wrap; overflow-wrap: anywhere; background: var(--wash); border: 1px dashed #aab3c2; border-radius: 6px; padding: 10px 14px; padding-right: 84px; margin: 0; user-select: all; }
.copy { position: absolute; top: 24px; right: 8px; border: 1px solid var(--accent); background: var(--paper); color: var(--accent); border-radius: 6px; padding: 2px 10px; font-size: 13px; font-weight: 600; cursor: pointer; }
.copy:hover, .copy:focus-visible { background: var(--accent); color: #fff; }
.searched dl { display: grid; grid-template-columns: repeat(auto-fill, minmax(180px, 1fr)); gap: 8px 24px; margin: 0 0 10px; }
.searched dt { font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
.searched dd { margin: 0; font-weight: 600; }
.headings { list-style: none; padding: 0; margin: 0 0 10px; display: flex; flex-wrap: wrap; gap: 6px; }
.headings li { font-size: 12.5px; background: var(--wash); border: 1px solid var(--line); border-radius: 4px; padding: 1px 7px; }
.rationale { margin-top: 16px; font-size: 13px; color: var(--muted); }
.rationale ul { margin: 6px 0 0; padding-left: 18px; }
.error-panel { border-left: 5px solid var(--missing); }
.elsewhere-intro { margin-top: 10px; }
.error-code-line { margin-top: 8px; }
`;

const COUNTRY_ROLE_LABEL: Record<CountryRole, string> = {
  origin: 'Origin',
  supply: 'Supply',
  party: 'Party',
  governingLaw: 'Governing law',
  destination: 'Destination',
  mentioned: 'Mentioned',
};

/** Whether a regime's dates were checked against a source: nobody should take an unverified date for a fact. */
function verifiedLine(regime: ExposureRegime): string {
  if (!regime.verified) return 'Not recorded whether the dates were checked.';
  return regime.verified.by === 'source'
    ? `Dates and status checked on ${regime.verified.checkedOn} against ${regime.verified.source}.`
    : `Unverified: dates and status as recalled (last reviewed ${regime.verified.checkedOn}); check them before relying on them.`;
}

function evidenceList(evidence: readonly Evidence[]): Html {
  if (evidence.length === 0) return html`<span class="muted">—</span>`;
  return html`${evidence.map(
    (item) => html`<div class="evidence-item"><span class="quote">“${item.quote}”</span><span class="place">${formatEvidencePlace(item)}</span></div>`,
  )}`;
}

/** The contract's exposure to export controls on critical materials: level, materials with their controls' status, countries, governing law. */
export function exposureSection(exposure: Exposure, analyzedAt: string): Html {
  const date = analyzedAt.slice(0, 10);
  const materials =
    exposure.materials.length === 0
      ? html`<p class="muted">No watchlisted material is named.</p>`
      : html`<table class="exposure-materials">
<thead><tr><th scope="col">Material</th><th scope="col">Controls (status on ${date})</th><th scope="col">Where the contract names it</th></tr></thead>
<tbody>${exposure.materials.map(
          (material) => html`<tr data-material="${material.id}">
<td><span class="element-title">${material.name}</span><div class="terms">as ${material.terms.map((term, index) => html`${index > 0 ? ', ' : ''}“${term}”`)}</div></td>
<td>${
            material.regimes.length === 0
              ? html`<span class="muted">No watchlisted control covers it as such.</span>`
              : html`<ul class="regimes">${material.regimes.map(
                  (regime) =>
                    html`<li data-regime="${regime.id}" data-status="${regime.status}">${regimeStatusBadge(regime.status)} <strong>${regime.jurisdiction}</strong> ${regime.title}<div class="explanation">${regime.statusNote}</div><span class="source">Source: ${regime.source}</span><span class="source">${verifiedLine(regime)}</span></li>`,
                )}</ul>`
          }</td>
<td>${evidenceList(material.evidence)}</td>
</tr>`,
        )}</tbody>
</table>`;
  const countries =
    exposure.countries.length === 0
      ? html`<p class="muted">No watchlisted country is named as origin, supply, party or governing law.</p>`
      : html`<table class="exposure-countries">
<thead><tr><th scope="col">Country</th><th scope="col">Role</th><th scope="col">Evidence</th></tr></thead>
<tbody>${exposure.countries.map(
          (country) => html`<tr data-country="${country.code}" data-role="${country.role}">
<td><span class="element-title">${country.name}</span>${country.controlsCriticalMaterials ? html`<div class="explanation">Controls exports of critical materials</div>` : null}</td>
<td>${COUNTRY_ROLE_LABEL[country.role]}</td>
<td>${evidenceList(country.evidence)}</td>
</tr>`,
        )}</tbody>
</table>`;
  const law = exposure.governingLaw;
  return html`<section class="card exposure" id="exposure" aria-labelledby="exposure-title" data-exposure="${exposure.level}">
<div class="clause-head"><h2 id="exposure-title">Exposure to export controls</h2>${exposureBadge(exposure.level)}</div>
<p class="clause-meta">${exposure.rationale}</p>
<h3>Controlled materials named</h3>
${materials}
<h3>Countries</h3>
${countries}
<h3>Governing law</h3>
${
  law
    ? html`<p class="governing-law"><span class="element-title">${law.jurisdiction}</span>: <span class="quote">“${law.evidence.quote}”</span><span class="place">${formatEvidencePlace(law.evidence)}</span></p>`
    : html`<p class="muted">No governing-law clause found.</p>`
}
<p class="small muted watchlist-line">Exposure ${EXPOSURE_LABEL[exposure.level].toLowerCase()}, from exposure watchlist ${exposure.watchlist.id} ${exposure.watchlist.version}; each control's status is judged on the analysis date (${date}).</p>
</section>`;
}
