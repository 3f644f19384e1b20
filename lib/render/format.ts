import type { Evidence, ExposureLevel, RegimeStatus, Severity, Verdict } from '../report/schema.js';
import { html, type Html } from './html.js';

/** Verdicts in words and with a symbol, so they read without colour (print, colour blindness). */
export const VERDICT_LABEL: Record<Verdict, { word: string; symbol: string }> = {
  missing: { word: 'Missing', symbol: '✕' },
  weak: { word: 'Weak', symbol: '!' },
  adequate: { word: 'Adequate', symbol: '✓' },
};

export const SEVERITY_LABEL: Record<Severity, string> = { high: 'High', medium: 'Medium', low: 'Low' };

/** Higher is riskier: the order of sorting and of "worst first". */
export const VERDICT_RANK: Record<Verdict, number> = { missing: 3, weak: 2, adequate: 1 };
export const SEVERITY_RANK: Record<Severity, number> = { high: 3, medium: 2, low: 1 };

export const EXPOSURE_LABEL: Record<ExposureLevel, string> = { high: 'High', medium: 'Medium', low: 'Low', none: 'None' };
/** Exposure as counted in a portfolio, where a report without an exposure section is "not assessed". */
export const EXPOSURE_NAME: Record<ExposureLevel | 'notAssessed', string> = { ...EXPOSURE_LABEL, notAssessed: 'Not assessed' };
/** Chart colours of the exposure levels (RGB hex), on the portfolio page and in the workbook alike. */
export const EXPOSURE_COLOUR: Record<ExposureLevel | 'notAssessed', string> = {
  high: 'B42318',
  medium: 'DC6803',
  low: '12B76A',
  none: '98A2B3',
  notAssessed: 'D0D5DD',
};
/** Cell tints of office files (RGB hex): red for missing and high, amber for weak and medium, green for adequate and low. */
export const VERDICT_TINT: Record<Verdict, string> = { missing: 'F8D7DA', weak: 'FFF3CD', adequate: 'D4EDDA' };
/** The tint of a table's header row in office files. */
export const HEADER_TINT = 'E7E9EE';
export const LEVEL_TINT: Record<Severity | ExposureLevel, string> = { high: 'F8D7DA', medium: 'FFF3CD', low: 'D4EDDA', none: 'F2F4F7' };
/** Exposure sorts high > medium > low > none; a report without an exposure section ranks 0. */
export const EXPOSURE_RANK: Record<ExposureLevel, number> = { high: 4, medium: 3, low: 2, none: 1 };

/** Exposure levels share the severity colours: high is red, medium amber, low green, none grey. */
export function exposureBadge(level: ExposureLevel | null): Html {
  if (level === null) return html`<span class="badge severity-none">Not assessed</span>`;
  const colour = level === 'none' ? 'none' : level;
  return html`<span class="badge severity-${colour}" data-exposure="${level}">${EXPOSURE_LABEL[level]}</span>`;
}

export const REGIME_STATUS_LABEL: Record<RegimeStatus, string> = {
  in_force: 'In force',
  suspended: 'Suspended',
  lifted: 'Lifted',
  not_yet_in_force: 'Not yet in force',
};

export function regimeStatusBadge(status: RegimeStatus): Html {
  return html`<span class="badge regime-${status}">${REGIME_STATUS_LABEL[status]}</span>`;
}

export function verdictBadge(verdict: Verdict): Html {
  const label = VERDICT_LABEL[verdict];
  return html`<span class="badge verdict-${verdict}"><span class="badge-symbol" aria-hidden="true">${label.symbol}</span> ${label.word}</span>`;
}

export function severityBadge(severity: Severity | null): Html {
  if (severity === null) return html`<span class="badge severity-none">Not rated</span>`;
  return html`<span class="badge severity-${severity}">${SEVERITY_LABEL[severity]}</span>`;
}

export function formatNumber(value: number): string {
  return value.toLocaleString('en-US');
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** "2026-11-30 12:00 UTC": the same on every machine, whatever its time zone. */
export function formatTimestamp(iso: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return match ? `${match[1]} ${match[2]} UTC` : iso;
}

/** "English (eng)" for an ISO 639-3 code; the code alone when the name is unknown. */
export function languageName(code: string | null): string {
  if (code === null) return 'not determined';
  try {
    const name = new Intl.DisplayNames(['en'], { type: 'language' }).of(code);
    return name && name !== code ? `${name} (${code})` : code;
  } catch {
    return code;
  }
}

/** "section 9.1, page 2" from what is known. */
export function formatPlace(section: string | null, page: number | null): string {
  const parts = [section ? `section ${section}` : null, page !== null ? `page ${page}` : null].filter((part) => part !== null);
  return parts.length > 0 ? parts.join(', ') : 'location not recorded';
}

/** Where a quote is, and that its page was read by OCR (a reader should compare it with the paper). */
export function formatEvidencePlace(evidence: Pick<Evidence, 'section' | 'page' | 'ocrConfidence'>): string {
  const place = formatPlace(evidence.section, evidence.page);
  return evidence.ocrConfidence === undefined ? place : `${place}; read by OCR, confidence ${Math.round(evidence.ocrConfidence)} of 100`;
}
