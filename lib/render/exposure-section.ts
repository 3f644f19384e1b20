import type { CountryRole, Evidence, Exposure, ExposureRegime } from '../report/schema.js';
import { EXPOSURE_LABEL, exposureBadge, formatEvidencePlace, regimeStatusBadge } from './format.js';
import { html, type Html } from './html.js';

/* The review page's exposure card: level, the materials named with their controls' status, countries, governing law. */

export const EXPOSURE_CSS = `
.exposure .regimes { list-style: none; margin: 0; padding: 0; }
.exposure .regimes li + li { margin-top: 8px; }
.exposure .regimes .badge { font-size: 12px; margin-right: 4px; }
.exposure .source { display: block; font-size: 12px; color: var(--muted); overflow-wrap: anywhere; }
.exposure .terms { font-size: 13px; color: var(--muted); margin-top: 2px; }
.exposure .evidence-item + .evidence-item { margin-top: 6px; }
.exposure td { font-size: 14px; }
.exposure .watchlist-line { margin-top: 12px; }
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
