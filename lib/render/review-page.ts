import type { ErrorCode } from '../errors.js';
import { describeType } from '../extract/detect.js';
import type { ClausePart, ElementResult, Finding, Report, SearchRecord } from '../report/schema.js';
import {
  exposureBadge,
  formatBytes,
  formatNumber,
  formatEvidencePlace,
  formatPlace,
  formatTimestamp,
  languageName,
  SEVERITY_LABEL,
  severityBadge,
  VERDICT_LABEL,
  verdictBadge,
} from './format.js';
import { FIX_PACK_EXTENSION, hasFixPack } from './rider.js';
import { excerptRuns, placeEvidence, type ExcerptRun } from './highlight.js';
import { html, htmlDocument, type Html } from './html.js';
import { BASE_CSS } from './style.js';
import { COPY_SCRIPT } from './copy-script.js';
import { REVIEW_PAGE_CSS } from './review-page-css.js';
import { EXPOSURE_CSS, exposureSection } from './exposure-section.js';

/** What each error code means for the person holding the contract, and what to do. */
const ERROR_HELP: Record<ErrorCode, string> = {
  empty: 'The file has no content, or the Word or text file holds no text. Upload the signed contract again.',
  unsupported_type:
    'clausewatch reads PDF, Word (DOCX), plain-text and Markdown files. Save or export the contract in one of these formats and upload it again.',
  encrypted: 'The PDF is protected by an open password. Upload a copy without the password.',
  corrupt: 'The file is damaged and could not be read. Export it again from the original document.',
  no_text_layer:
    'No page could be read: the PDF is a scan without a text layer and OCR was off or found no readable text (a blank or poor scan). Scan it again at 300 dpi, or export the original document as PDF, and upload it again.',
  too_large: 'The file is over the size limit. Split it, or remove attachments that are not part of the contract.',
  too_many_pages:
    'The PDF has more pages than the limit, or more scanned pages than OCR reads in one document. Upload the contract without its annexes, or split it.',
  timeout: 'The analysis took longer than allowed. Upload the file again; if it fails again, the operations team can raise the limit.',
  ocr_failed:
    'The OCR service could not read the scanned pages. Upload the file again; if it fails again, scan it again or export the original document as PDF.',
  library_invalid: 'The clause library in use failed validation, so nothing was checked. Fix the library (the message names the field) and analyze again.',
  internal: 'Something unexpected failed. The message says what; upload the file again to retry.',
};

const TYPE_LABEL: Partial<Record<Report['document']['detectedType'], string>> = {
  pdf: 'PDF',
  docx: 'Word (DOCX)',
  text: 'Plain text',
  markdown: 'Markdown',
};

const ROLE_LABEL: Record<ClausePart['role'], string> = {
  primary: 'Clause',
  related: 'Related clause',
  definition: 'Definition',
  reference: 'Reference',
};

function fact(label: string, value: Html | string, wide = false): Html {
  return html`<div class="${wide ? 'wide' : ''}"><dt>${label}</dt><dd>${value}</dd></div>`;
}

function documentFacts(report: Report): Html {
  const document = report.document;
  const pages =
    document.pages === null
      ? 'not paged'
      : `${formatNumber(document.pages)}${document.pagesWithoutText.length > 0 ? ` (${document.pagesWithoutText.length} without text)` : ''}`;
  const ocrRead = document.ocr?.pages.filter((page) => page.read) ?? [];
  const source = report.source ? `s3://${report.source.bucket}/${report.source.key}` : null;
  const parties = document.parties.length > 0 ? document.parties.map((party) => `${party.name} (${party.role})`).join('; ') : 'not found in the preamble';
  return html`<dl class="facts">
${fact('Parties', parties, true)}
${fact('File type', TYPE_LABEL[document.detectedType] ?? describeType(document.detectedType))}
${fact('Size', formatBytes(document.bytes))}
${fact('Pages', pages)}
${ocrRead.length > 0 ? fact('Read by OCR', `${ocrRead.length} page${ocrRead.length === 1 ? '' : 's'} (${document.ocr!.engine}); quotes from them are marked`) : null}
${fact('Characters read', formatNumber(document.characters))}
${fact('Language', languageName(document.language))}
${report.status === 'ok' ? fact('Top-level sections', formatNumber(report.summary.sections)) : null}
${fact('Analyzed', formatTimestamp(report.analyzedAt))}
${fact('Clause library', `${report.library.id} ${report.library.version}`)}
${fact('Library source', report.library.source)}
${fact('Analyzer', `${report.analyzer.name} ${report.analyzer.version}`)}
${source ? fact('Stored object', html`<span class="mono">${source}</span>`, true) : null}
${fact('SHA-256', html`<span class="mono">${document.sha256 ?? 'not computed'}</span>`, true)}
</dl>
${document.extractionNotes.length > 0 ? html`<ul class="notes">${document.extractionNotes.map((note) => html`<li>${note}</li>`)}</ul>` : null}`;
}

function masthead(report: Report): Html {
  const overall = report.status === 'error' ? html`<span class="badge status-error">Not analyzed</span>` : severityBadge(report.summary.overallSeverity);
  const exposure =
    report.status === 'ok' && report.exposure
      ? html`<div class="overall-exposure"><span class="overall-label">Exposure</span><a href="#exposure">${exposureBadge(report.exposure.level)}</a></div>`
      : null;
  return html`<header class="card">
<div class="masthead">
<div class="title"><div class="eyebrow">clausewatch · contract review</div><h1>${report.document.name}</h1></div>
<div class="overall"><span class="overall-label">Overall risk</span>${overall}</div>${exposure}
</div>
${documentFacts(report)}
</header>`;
}

function clauseAnchor(index: number): string {
  return `clause-${index + 1}`;
}

function atAGlance(report: Report, fixPack: boolean): Html {
  const rows = report.findings.map((finding, index) => {
    const missingRequired = finding.elements.filter((element) => element.required && !element.present);
    const gaps =
      finding.verdict === 'missing' ? 'No clause found' : missingRequired.length > 0 ? missingRequired.map((element) => element.title).join('; ') : 'None';
    return html`<tr>
<td><a href="#${clauseAnchor(index)}">${finding.title}</a></td>
<td>${verdictBadge(finding.verdict)}</td>
<td>${severityBadge(finding.severity)}</td>
<td>${gaps}</td>
<td>${finding.review.needed ? html`<a class="review-flag" href="#${clauseAnchor(index)}-review">Check</a>` : html`<span class="muted">—</span>`}</td>
</tr>`;
  });
  return html`<section class="card" aria-labelledby="glance-title">
<h2 id="glance-title">At a glance</h2>
<table class="glance">
<thead><tr><th scope="col">Clause</th><th scope="col">Verdict</th><th scope="col">Severity</th><th scope="col">Required elements missing</th><th scope="col">Review</th></tr></thead>
<tbody>${rows}</tbody>
</table>
${fixPack ? fixPackNote(report) : null}
</section>`;
}

function excerptRunHtml(run: ExcerptRun): Html {
  const tags = run.beginning.map((highlight) => html`<span class="ev-tag">${highlight.element.title}</span>`);
  if (run.covering.length === 0) return html`${tags}${run.text}`;
  const titles = run.covering.map((highlight) => highlight.element.title).join(', ');
  const ids = run.covering.map((highlight) => highlight.element.id).join(' ');
  return html`${tags}<mark class="${run.covering.length > 1 ? 'overlap' : ''}" data-elements="${ids}" title="Evidence: ${titles}">${run.text}</mark>`;
}

function clauseText(finding: Finding): Html {
  if (finding.excerpt === null || finding.location === null) return html``;
  const placement = placeEvidence(finding);
  const runs = excerptRuns(finding.excerpt, placement.inside);
  const clauseLength = finding.location.end - finding.location.start;
  const shortened = clauseLength > finding.excerpt.length;
  const elsewhere = placement.outside.map((element) => {
    const evidence = element.evidence!;
    return html`<li><span class="element-title">${element.title}</span>: <span class="quote">“${evidence.quote}”</span> <span class="muted small">(${formatEvidencePlace(evidence)})</span></li>`;
  });
  return html`<h3>Clause text</h3>
<blockquote class="excerpt">${runs.map(excerptRunHtml)}</blockquote>
${shortened ? html`<p class="truncated">Shortened: the first ${formatNumber(finding.excerpt.length)} of ${formatNumber(clauseLength)} characters of the clause are shown.</p>` : null}
${
  elsewhere.length > 0 ? html`<p class="small muted elsewhere-intro">Evidence found outside the text shown:</p><ul class="elsewhere">${elsewhere}</ul>` : null
}`;
}

function partsList(finding: Finding): Html {
  if (finding.parts.length <= 1) return html``;
  return html`<ul class="parts">${finding.parts.map(
    (part) => html`<li>${ROLE_LABEL[part.role]}: ${part.heading ? `“${part.heading}”, ` : ''}${formatPlace(part.section, part.page)}</li>`,
  )}</ul>`;
}

function checklistRow(element: ElementResult): Html {
  const evidence = element.evidence;
  return html`<tr class="${!element.present && element.required ? 'gap' : ''}" data-element="${element.id}">
<td class="state ${element.present ? 'state-present' : 'state-absent'}">${element.present ? '✓ Present' : '✕ Absent'}</td>
<td><span class="element-title">${element.title}</span>${element.required ? html`<span class="required" title="The verdict policy requires this element for an adequate clause">Required</span>` : null}${
    element.foundBy === 'model'
      ? html`<span class="found-by-model" title="Not matched by the library's rules; check the quote">found by the sentence classifier</span>`
      : null
  }
<div class="explanation">${element.explanation}</div></td>
<td>${
    evidence
      ? html`<span class="quote">“${evidence.quote}”</span><span class="place">${formatEvidencePlace(evidence)}</span>`
      : html`<span class="muted">—</span>`
  }</td>
</tr>`;
}

function checklist(finding: Finding): Html {
  if (finding.elements.length === 0) return html``;
  return html`<h3>Elements</h3>
<table class="checklist">
<thead><tr><th scope="col">Status</th><th scope="col">Element</th><th scope="col">Evidence</th></tr></thead>
<tbody>${finding.elements.map(checklistRow)}</tbody>
</table>`;
}

function recommendations(finding: Finding, findingIndex: number): Html {
  if (finding.recommendations.length === 0) return html``;
  const titles = new Map(finding.elements.map((element) => [element.id, element]));
  const items = finding.recommendations.map((recommendation, index) => {
    const element = recommendation.element === null ? null : titles.get(recommendation.element);
    const heading = recommendation.element === null ? `Add a clause: ${finding.title}` : (element?.title ?? recommendation.element);
    const wordingId = `wording-${findingIndex + 1}-${index + 1}`;
    return html`<div class="recommendation">
<h4>${heading}${element?.required ? html`<span class="required">Required</span>` : null}</h4>
<p>${recommendation.text}</p>
<div class="wording">
<div class="wording-label">Suggested wording</div>
<p class="wording-text" id="${wordingId}">${recommendation.suggestedWording}</p>
<button type="button" class="copy" data-copy="${wordingId}" hidden>Copy</button>
</div>
</div>`;
  });
  return html`<h3>Recommendations</h3>${items}`;
}

function searchedRecord(searched: SearchRecord): Html {
  const pages = searched.pagesTotal === null ? 'not paged' : `${formatNumber(searched.pagesWithText ?? 0)} of ${formatNumber(searched.pagesTotal)}`;
  const nearMisses =
    searched.nearMisses.length === 0
      ? html`<p class="small">No near misses: no section came close to the threshold.</p>`
      : html`<table class="near-misses">
<thead><tr><th scope="col">Where</th><th scope="col">Score</th><th scope="col">Why it was not taken</th></tr></thead>
<tbody>${searched.nearMisses.map(
          (miss) =>
            html`<tr><td>${miss.heading ? html`“${miss.heading}”<span class="place">${formatPlace(miss.section, miss.page)}</span>` : formatPlace(miss.section, miss.page)}</td><td>${miss.score.toFixed(1)}</td><td>${miss.reason}</td></tr>`,
        )}</tbody>
</table>`;
  return html`<div class="searched">
<h3>What was searched</h3>
<dl>
<div><dt>Sections searched</dt><dd>${formatNumber(searched.sectionsSearched)}</dd></div>
<div><dt>Characters searched</dt><dd>${formatNumber(searched.charactersSearched)}</dd></div>
<div><dt>Pages with text</dt><dd>${pages}</dd></div>
<div><dt>Near misses</dt><dd>${formatNumber(searched.nearMisses.length)}</dd></div>
</dl>
${
  searched.headingsSearched.length > 0
    ? html`<p class="small muted">Headings searched:</p><ul class="headings">${searched.headingsSearched.map((heading) => html`<li>${heading}</li>`)}</ul>`
    : html`<p class="small muted">The document has no headings.</p>`
}
<p class="small muted">Near misses:</p>
${nearMisses}
</div>`;
}

function reviewBox(finding: Finding, index: number): Html {
  if (!finding.review.needed) return html``;
  return html`<div class="review-needed" role="note" id="${clauseAnchor(index)}-review">
<h3>Check before relying on this finding</h3>
<ul>${finding.review.reasons.map(
    (reason) =>
      html`<li>${reason.message}${reason.location ? html`<span class="place">${formatPlace(reason.location.section, reason.location.page)}</span>` : null}</li>`,
  )}</ul>
</div>`;
}

function clauseSection(finding: Finding, index: number): Html {
  const location = finding.location;
  const where = location
    ? `Found in ${location.heading ? `“${location.heading}”, ` : ''}${formatPlace(location.section, location.page)}.`
    : 'No clause of this type was found in the document.';
  return html`<section class="card clause" id="${clauseAnchor(index)}" data-clause-type="${finding.clauseType}" data-verdict="${finding.verdict}">
<div class="clause-head"><h2>${finding.title}</h2>${verdictBadge(finding.verdict)}${severityBadge(finding.severity)}</div>
<p class="clause-meta">${where} ${finding.severityReason} Confidence ${Math.round(finding.confidence * 100)}%.</p>
${reviewBox(finding, index)}
${partsList(finding)}
${clauseText(finding)}
${finding.verdict === 'missing' && finding.searched ? searchedRecord(finding.searched) : null}
${checklist(finding)}
${recommendations(finding, index)}
${
  finding.rationale.length > 0
    ? html`<details class="rationale"><summary>Why the clause was located and graded this way</summary><ul>${finding.rationale.map((line) => html`<li>${line}</li>`)}</ul></details>`
    : null
}
</section>`;
}

function errorPanel(report: Report): Html {
  const error = report.error!;
  return html`<section class="card error-panel" aria-labelledby="error-title">
<h2 id="error-title">The contract could not be analyzed</h2>
<p class="error-code-line"><span class="error-code">${error.code}</span></p>
<p>${error.message}</p>
<p class="muted"><strong>What to do:</strong> ${ERROR_HELP[error.code]}</p>
</section>`;
}

function pageTitle(report: Report): string {
  if (report.status === 'error') return `${report.document.name}: not analyzed (${report.error?.code ?? 'error'}) · clausewatch`;
  const verdicts = report.findings.map((finding) => `${finding.title} ${VERDICT_LABEL[finding.verdict].word.toLowerCase()}`).join(', ');
  const severity = report.summary.overallSeverity ? `${SEVERITY_LABEL[report.summary.overallSeverity]} risk` : 'Not rated';
  return `${report.document.name}: ${severity}${verdicts ? ` (${verdicts})` : ''} · clausewatch`;
}

/**
 * The review page of one report: a self-contained HTML file for legal review, rendered from the
 * report alone. Every piece of document text is escaped; the page loads nothing and works with
 * scripts disabled (the one script only adds Copy buttons).
 */
export interface ReviewPageOptions {
  /** Whether the fix pack is written beside the page (by default: whenever the report has a gap to fix). */
  fixPack?: boolean;
}

/** The fix pack's file name, beside the review page (both are named after the contract's file). */
function fixPackFileName(report: Report): string {
  return `${report.document.name.split(/[\\/]/).pop() ?? report.document.name}${FIX_PACK_EXTENSION}`;
}

function fixPackNote(report: Report): Html {
  const file = fixPackFileName(report);
  return html`<p class="fix-pack">Draft amendment with the recommended wording as tracked changes, and a cover memo: <a href="./${encodeURIComponent(file)}" download>${file}</a> (Word).</p>`;
}

export function renderReviewPage(report: Report, options: ReviewPageOptions = {}): string {
  const fixPack = report.status === 'ok' && (options.fixPack ?? hasFixPack(report));
  const body =
    report.status === 'error'
      ? html`${masthead(report)}${errorPanel(report)}`
      : html`${masthead(report)}${report.findings.length > 0 ? atAGlance(report, fixPack) : null}${
          report.exposure ? exposureSection(report.exposure, report.analyzedAt) : null
        }${report.findings.map(clauseSection)}`;
  return htmlDocument({
    title: pageTitle(report),
    css: BASE_CSS + EXPOSURE_CSS + REVIEW_PAGE_CSS,
    script: report.status === 'ok' && report.findings.some((finding) => finding.recommendations.length > 0) ? COPY_SCRIPT : null,
    body: html`<main>
${body}
<footer>Rendered from the clausewatch report (schema ${report.schemaVersion}); the JSON report beside this page is the record. Verdicts follow the clause library's policy and are not legal advice.</footer>
</main>`,
  });
}
