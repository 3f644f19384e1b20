import type { ClauseLibrary } from '../lib/library/schema.js';
import { renderFixPack } from '../lib/render/fix-pack.js';
import { FIX_PACK_CONTENT_TYPE, FIX_PACK_EXTENSION } from '../lib/render/rider.js';
import { renderReviewPage } from '../lib/render/review-page.js';
import type { Report } from '../lib/report/schema.js';

/** A file written beside a JSON report; a null body removes one an earlier report left (a fix pack with nothing left to fix). */
export interface Rendering {
  extension: string;
  body: string | Uint8Array | null;
  contentType: string;
}

/** Which renderings to make: both by default; the CLI's --no-html and --no-docx leave one out. */
export interface RenderingChoice {
  reviewPage?: boolean;
  fixPack?: boolean;
}

/**
 * The files written beside each JSON report: its review page, `F.html`, and its fix pack,
 * `F.fixes.docx`, when a clause is weak or missing (else a removal of one an earlier report left).
 * The review page links the fix pack only when it is written.
 */
export async function reportRenderings(report: Report, library: ClauseLibrary | null = null, choice: RenderingChoice = {}): Promise<Rendering[]> {
  const fixPack = choice.fixPack === false ? null : await renderFixPack(report, library);
  const renderings: Rendering[] = [];
  if (choice.reviewPage !== false) {
    renderings.push({ extension: '.html', body: renderReviewPage(report, { fixPack: fixPack !== null }), contentType: 'text/html; charset=utf-8' });
  }
  if (choice.fixPack !== false) renderings.push({ extension: FIX_PACK_EXTENSION, body: fixPack, contentType: FIX_PACK_CONTENT_TYPE });
  return renderings;
}
