/** Typography, colours and badges shared by the review page and the portfolio. System fonts only: nothing is fetched. */
export const BASE_CSS = `
:root {
  --ink: #1d2433; --muted: #5b6476; --line: #d9dee7; --paper: #ffffff; --wash: #f5f7fa;
  --accent: #1f4e8c;
  --missing: #b42318; --missing-bg: #fdecea; --missing-line: #f4b4ad;
  --weak: #8a4b00; --weak-bg: #fff4db; --weak-line: #f2c66d;
  --adequate: #0b6b3a; --adequate-bg: #e5f6ec; --adequate-line: #9fd8b5;
  --mark: #fff1a8; --mark-line: #d9b600;
  --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "DejaVu Sans", sans-serif;
  --serif: Georgia, Cambria, "Times New Roman", "DejaVu Serif", serif;
  --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace;
}
* { box-sizing: border-box; }
[hidden] { display: none !important; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--wash); color: var(--ink); font: 15px/1.55 var(--sans); }
main { max-width: 1120px; margin: 0 auto; padding: 24px 28px 48px; }
h1, h2, h3, h4 { line-height: 1.25; margin: 0; }
h1 { font-size: 26px; font-weight: 650; word-break: break-word; }
h2 { font-size: 20px; font-weight: 650; }
h3 { font-size: 15px; font-weight: 650; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); margin: 22px 0 8px; }
p { margin: 0 0 8px; }
a { color: var(--accent); }
code, .mono { font-family: var(--mono); font-size: 13px; }
.muted { color: var(--muted); }
.small { font-size: 13px; }
.card { background: var(--paper); border: 1px solid var(--line); border-radius: 10px; padding: 18px 22px; margin: 0 0 18px; }
.eyebrow { font-size: 12px; font-weight: 650; letter-spacing: .08em; text-transform: uppercase; color: var(--accent); margin-bottom: 6px; }
.badge { display: inline-block; padding: 1px 9px; border-radius: 999px; border: 1px solid; font-size: 13px; font-weight: 650; white-space: nowrap; line-height: 1.5; vertical-align: middle; }
.badge-symbol { font-weight: 800; }
.verdict-missing, .severity-high { color: var(--missing); background: var(--missing-bg); border-color: var(--missing-line); }
.verdict-weak, .severity-medium { color: var(--weak); background: var(--weak-bg); border-color: var(--weak-line); }
.verdict-adequate, .severity-low { color: var(--adequate); background: var(--adequate-bg); border-color: var(--adequate-line); }
.severity-none { color: var(--muted); background: var(--wash); border-color: var(--line); }
.regime-in_force { color: var(--missing); background: var(--missing-bg); border-color: var(--missing-line); }
.regime-suspended { color: var(--weak); background: var(--weak-bg); border-color: var(--weak-line); }
.regime-lifted, .regime-not_yet_in_force { color: var(--muted); background: var(--wash); border-color: var(--line); }
.status-error { color: var(--missing); background: var(--missing-bg); border-color: var(--missing-line); }
.status-ok { color: var(--muted); background: var(--wash); border-color: var(--line); }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 8px 10px; border-bottom: 1px solid var(--line); }
th { font-size: 12px; font-weight: 650; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
button { font: inherit; }
footer { margin-top: 28px; color: var(--muted); font-size: 12px; }
@media print {
  body { background: #fff; font-size: 11pt; }
  main { max-width: none; padding: 0; }
  .card { border: none; border-top: 1px solid #999; border-radius: 0; padding: 10px 0; }
  .badge { border-width: 1.5px; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .no-print, button { display: none !important; }
  a { color: inherit; text-decoration: none; }
  h2, h3 { break-after: avoid; }
  tr { break-inside: avoid; }
}
`;
