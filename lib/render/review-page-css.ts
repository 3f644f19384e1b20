/* The review page's own layout: masthead, facts, clause cards, checklist, wording, print rules (after the shared base and the exposure card). */

export const REVIEW_PAGE_CSS = `
.overall-exposure { text-align: right; }
.overall-exposure .badge { font-size: 16px; padding: 3px 14px; }
.overall-exposure a { text-decoration: none; }
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
.error-code { font-family: var(--mono); font-size: 14px; font-weight: 700; color: var(--missing); }
@media print {
  .excerpt { background: #fff; border-left-width: 3px; }
  .excerpt mark, .excerpt mark.overlap { background: none; border-bottom: 2px solid #000; }
  .excerpt mark.overlap { border-bottom: 3px double #000; }
  .ev-tag { border-color: #000; color: #000; background: none; }
  .wording-text { background: #fff; padding-right: 14px; }
  .rationale { display: none; }
}
`;
