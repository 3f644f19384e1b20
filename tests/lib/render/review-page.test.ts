import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { rejectionReport } from '../../../lib/analyze.js';
import { ClausewatchError } from '../../../lib/errors.js';
import { renderReviewPage } from '../../../lib/render/review-page.js';
import { analyzeFixture, analyzeText, FIXED_NOW } from '../../helpers/fixtures.js';

const SCRIPT_PAYLOAD = '<script>alert(1)</script>';
const ATTRIBUTE_PAYLOAD = '"><img src=x onerror=alert(1)>';

const HOSTILE_CONTRACT = `SUPPLY AGREEMENT ${SCRIPT_PAYLOAD}

1. DEFINITIONS
1.1 "Goods" means the products listed in Schedule 1.

9. FORCE MAJEURE ${ATTRIBUTE_PAYLOAD}
9.1 Neither party shall be liable for any failure or delay in performance caused by events beyond its reasonable control, including acts or orders of any government ${SCRIPT_PAYLOAD}, embargoes, sanctions and export restrictions, fire and flood.
9.2 The affected party shall notify the other party in writing within five (5) days of the start of the event.
9.3 If the event continues for more than sixty (60) days, either party may terminate this Agreement by written notice.

10. GOVERNING LAW
10.1 This Agreement is governed by the laws of England.
`;

/** A contract without an export-control clause, so its headings appear as negative evidence. */
const HOSTILE_HEADINGS = `SUPPLY TERMS

Article 1 ${SCRIPT_PAYLOAD}
1.1 The Supplier shall deliver the Goods to the Buyer's warehouse.

Article 2 ${ATTRIBUTE_PAYLOAD}
2.1 The Buyer shall pay each invoice within thirty days.
`;

function scriptTags(page: string): number {
  return page.match(/<script/gi)?.length ?? 0;
}

describe('review page: contract text is untrusted', () => {
  it('renders script and attribute payloads in the name, headings, excerpt and quotes as text', async () => {
    const { report } = await analyzeText(HOSTILE_CONTRACT, `${ATTRIBUTE_PAYLOAD}.txt`);
    // The payload really reaches the report: in the excerpt and in an evidence quote.
    const fm = report.findings.find((finding) => finding.clauseType === 'force-majeure')!;
    expect(fm.excerpt).toContain(SCRIPT_PAYLOAD);
    expect(fm.elements.some((element) => element.evidence?.quote.includes(SCRIPT_PAYLOAD))).toBe(true);

    const page = renderReviewPage(report);
    expect(page).not.toContain(SCRIPT_PAYLOAD);
    expect(page).not.toContain(ATTRIBUTE_PAYLOAD);
    expect(page).not.toMatch(/<img/i);
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    // Only the page's own Copy script.
    expect(scriptTags(page)).toBe(1);
  });

  it('escapes payloads in the headings listed as negative evidence', async () => {
    const { report } = await analyzeText(HOSTILE_HEADINGS);
    const ec = report.findings.find((finding) => finding.clauseType === 'export-control')!;
    expect(ec.verdict).toBe('missing');
    expect(ec.searched?.headingsSearched.join(' ')).toContain(SCRIPT_PAYLOAD);
    const page = renderReviewPage(report);
    expect(page).not.toContain(SCRIPT_PAYLOAD);
    expect(page).not.toContain(ATTRIBUTE_PAYLOAD);
    expect(page).toContain('<li>Article 1 &lt;script&gt;alert(1)&lt;/script&gt;</li>');
  });

  it('escapes an error message and the document name of an error report', () => {
    const report = rejectionReport({ name: `${SCRIPT_PAYLOAD}.pdf`, bytes: 10 }, new ClausewatchError('internal', `failed near ${ATTRIBUTE_PAYLOAD}`), {
      library: { id: 'lib', version: '1' },
      now: FIXED_NOW,
    });
    const page = renderReviewPage(report);
    expect(page).not.toContain(SCRIPT_PAYLOAD);
    expect(page).not.toContain(ATTRIBUTE_PAYLOAD);
    expect(scriptTags(page)).toBe(0);
  });
});

describe('review page content', () => {
  it('shows the overall risk, each verdict as a word, and the excerpt with labelled highlights', async () => {
    const { report } = await analyzeFixture('logistics-services.md');
    const page = renderReviewPage(report);
    // A weak clause in a contract without exposure is low risk.
    expect(page).toMatch(/Overall risk<\/span><span class="badge severity-low">Low<\/span>/);
    expect(page).toMatch(/<span class="badge verdict-weak"><span class="badge-symbol" aria-hidden="true">!<\/span> Weak<\/span>/);
    expect(page).toMatch(/<span class="badge verdict-adequate">.*Adequate<\/span>/);
    const fm = report.findings.find((finding) => finding.clauseType === 'force-majeure')!;
    const notice = fm.elements.find((element) => element.id === 'notice')!;
    // The quote is marked as it is, under a label naming its element.
    expect(page).toContain(`<span class="ev-tag">${notice.title}</span>`);
    expect(page).toMatch(/<mark[^>]*data-elements="[^"]*\bnotice\b[^"]*"[^>]*>/);
    const marked = [...page.matchAll(/<mark[^>]*>([^<]*)<\/mark>/g)].map((match) => match[1]).join('');
    expect(marked).toContain(notice.evidence!.quote.slice(0, 20));
  });

  it('lists each element with present or absent, the required marker, explanation, evidence and its place', async () => {
    const { report } = await analyzeFixture('strong-fm.pdf');
    const page = renderReviewPage(report);
    const fm = report.findings.find((finding) => finding.clauseType === 'force-majeure')!;
    const notice = fm.elements.find((element) => element.id === 'notice')!;
    const row = page.match(/<tr class="[^"]*" data-element="notice">[\s\S]*?<\/tr>/)![0];
    expect(row).toContain('✓ Present');
    expect(row).toContain('>Required</span>');
    expect(row).toContain(notice.explanation);
    expect(row).toContain(`section ${notice.evidence!.section}, page ${notice.evidence!.page}`);
    expect(page).toContain('<dt>Pages</dt><dd>4</dd>');
  });

  it('lists evidence that lies outside the excerpt with its section', async () => {
    const { report } = await analyzeFixture('split-fm.txt');
    const page = renderReviewPage(report);
    expect(page).toContain('Evidence found outside the text shown');
    expect(page).toMatch(
      /<li><span class="element-title">Government action<\/span>: <span class="quote">“[^”]+”<\/span> <span class="muted small">\(section 1\.5\)<\/span><\/li>/,
    );
  });

  it('gives every gap its recommendation and suggested wording in a copyable block, with a script allowed by its hash', async () => {
    const { report } = await analyzeFixture('weak-fm.txt');
    const page = renderReviewPage(report);
    const fm = report.findings.find((finding) => finding.clauseType === 'force-majeure')!;
    const termination = fm.recommendations.find((recommendation) => recommendation.element === 'termination')!;
    expect(page).toContain(termination.text);
    expect(page).toMatch(/<p class="wording-text" id="wording-1-\d+">If a Force Majeure Event prevents/);
    expect(page).toMatch(/<button type="button" class="copy" data-copy="wording-1-\d+" hidden>Copy<\/button>/);
    const script = page.match(/<script>([\s\S]*?)<\/script>/)![1]!;
    const hash = createHash('sha256').update(script).digest('base64');
    expect(page).toContain(`script-src &#39;sha256-${hash}&#39;`);
  });

  it('shows the negative evidence of a missing clause', async () => {
    const { report } = await analyzeFixture('weak-fm.pdf');
    const ec = report.findings.find((finding) => finding.clauseType === 'export-control')!;
    const page = renderReviewPage(report);
    expect(page).toContain('What was searched');
    expect(page).toContain(`<dt>Sections searched</dt><dd>${ec.searched!.sectionsSearched}</dd>`);
    expect(page).toContain(`<dt>Pages with text</dt><dd>${ec.searched!.pagesWithText} of ${ec.searched!.pagesTotal}</dd>`);
    expect(page).toContain(`<li>${ec.searched!.headingsSearched[0]}</li>`);
    expect(page).toContain(ec.recommendations[0]!.suggestedWording.slice(0, 40));
  });

  it('renders an error report as its code, message and the known document facts', async () => {
    const { report } = await analyzeFixture('scanned.pdf');
    const page = renderReviewPage(report);
    expect(page).toContain('The contract could not be analyzed');
    expect(page).toContain('<span class="error-code">no_text_layer</span>');
    expect(page).toContain(report.error!.message);
    expect(page).toContain(report.document.sha256!);
    expect(page).not.toContain('At a glance');
  });

  it('loads nothing from anywhere and has a print style', async () => {
    const { report } = await analyzeFixture('strong-fm.pdf');
    const page = renderReviewPage(report);
    expect(page).not.toMatch(/<link|<img|<iframe|\bsrc=|@import|url\(|https?:\/\//i);
    expect(page).toContain('@media print');
  });
});

describe('review page: exposure to export controls', () => {
  it('shows the level, each material with its controls and their status, the countries and the governing law', async () => {
    const { report } = await analyzeFixture('rare-earth-magnets.txt');
    const page = renderReviewPage(report);
    expect(page).toContain(
      '<span class="overall-label">Exposure</span><a href="#exposure"><span class="badge severity-high" data-exposure="high">High</span></a>',
    );
    const section = page.match(/<section class="card exposure" id="exposure"[\s\S]*?<\/section>/)![0];
    expect(section).toContain('data-exposure="high"');
    expect(section).toContain(report.exposure!.rationale.replace(/'/g, '&#39;'));
    const magnets = section.match(/<tr data-material="rare-earth-magnets">[\s\S]*?<\/tr>/)![0];
    expect(magnets).toContain('Rare-earth permanent magnets');
    expect(magnets).toContain('“NdFeB”');
    expect(magnets).toMatch(
      /<li data-regime="cn-2025-medium-heavy-rare-earths" data-status="in_force"><span class="badge regime-in_force">In force<\/span> <strong>CN<\/strong>/,
    );
    expect(magnets).toContain('MOFCOM/GAC Announcement No. 18 of 2025');
    expect(magnets).toMatch(/<span class="quote">“1\.1 &quot;Magnets&quot; means sintered neodymium-iron-boron \(NdFeB\)/);
    expect(section).toMatch(/<tr data-country="CN" data-role="origin">[\s\S]*?Controls exports of critical materials/);
    expect(section).toMatch(/<tr data-country="DE" data-role="party">/);
    expect(section).toMatch(/<p class="governing-law"><span class="element-title">German law<\/span>: <span class="quote">“[^”]*governed by German law/);
  });

  it('shows a suspended control as suspended, with the day it ends', async () => {
    const { analyzeDocument } = await import('../../../lib/analyze.js');
    const { loadDefaultLibrary } = await import('../../../lib/library/load.js');
    const text = 'SUPPLY AGREEMENT\n\n1. PRODUCTS\n1.1 Supplier shall supply europium oxide refined in Ganzhou, China.\n';
    const { report } = await analyzeDocument(Buffer.from(text), { name: 'eu.txt', library: loadDefaultLibrary(), now: () => new Date('2026-03-01T00:00:00Z') });
    const page = renderReviewPage(report);
    expect(page).toMatch(/<li data-regime="cn-2025-10-rare-earth-expansion" data-status="suspended"><span class="badge regime-suspended">Suspended<\/span>/);
    expect(page).toContain('until 2026-11-10; in force again from 2026-11-11');
    expect(page).toContain('data-exposure="medium"');
  });

  it('escapes contract text in the exposure evidence', async () => {
    const text = `SUPPLY AGREEMENT

1. PRODUCTS
1.1 The NdFeB magnets ${SCRIPT_PAYLOAD} are manufactured in Ningbo, China ${ATTRIBUTE_PAYLOAD} and shipped FOB Ningbo.

2. GOVERNING LAW
This Agreement is governed by the laws of the People's Republic of China ${SCRIPT_PAYLOAD}.
`;
    const { report } = await analyzeText(text);
    expect(report.exposure!.level).toBe('high');
    const page = renderReviewPage(report);
    expect(page).not.toContain(SCRIPT_PAYLOAD);
    expect(page).not.toContain(ATTRIBUTE_PAYLOAD);
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    // Only the page's own Copy script.
    expect(scriptTags(page)).toBe(1);
  });

  it('has no exposure section for an error report', async () => {
    const { report } = await analyzeFixture('scanned.pdf');
    expect(report.exposure).toBeNull();
    expect(renderReviewPage(report)).not.toContain('id="exposure"');
  });
});
