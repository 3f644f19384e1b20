import { createHash } from 'node:crypto';

/**
 * Markup that is safe to emit as it is. Only `html` and `htmlDocument` make it, so document text
 * (untrusted: a contract can contain anything) can reach a page only through `escapeHtml`.
 */
export class Html {
  constructor(readonly value: string) {}

  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text as HTML text or as a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character]!);
}

export type Interpolation = Html | string | number | boolean | null | undefined | readonly Interpolation[];

function renderInterpolation(value: Interpolation): string {
  if (value === null || value === undefined || value === false || value === true) return '';
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(renderInterpolation).join('');
  return escapeHtml(String(value));
}

/** A template tag: every interpolated value is escaped unless it is `Html` already. Attribute values must be quoted. */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): Html {
  let result = strings[0] ?? '';
  values.forEach((value, index) => {
    result += renderInterpolation(value) + (strings[index + 1] ?? '');
  });
  return new Html(result);
}

/** The CSP source for an inline script: the hash of its exact text, so no other script can run. */
export function scriptHash(script: string): string {
  return `'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'`;
}

export function contentSecurityPolicy(script: string | null): string {
  return [
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    `script-src ${script === null ? "'none'" : scriptHash(script)}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export interface PageParts {
  title: string;
  css: string;
  body: Html;
  /** At most one inline script; the page must work without it. */
  script?: string | null;
}

/**
 * A complete, self-contained page: inline CSS, at most one inline script allowed by its hash,
 * nothing loaded from anywhere (it opens offline and from file://).
 */
export function htmlDocument(parts: PageParts): string {
  const script = parts.script ?? null;
  if (script !== null && /<\/script/i.test(script)) throw new Error('an inline script cannot contain "</script"');
  // The policy comes first in <head> so that it governs everything after it.
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(script))}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="clausewatch">
<title>${escapeHtml(parts.title)}</title>
<style>${parts.css}</style>
</head>
<body>
${parts.body.value}
${script === null ? '' : `<script>${script}</script>\n`}</body>
</html>
`;
}
