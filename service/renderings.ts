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

/**
 * The files written beside each JSON report: its review page, `reports/…/F.html`, and its fix pack,
 * `reports/…/F.fixes.docx`, when a clause is weak or missing.
 */
export async function reportRenderings(report: Report, library: ClauseLibrary | null = null): Promise<Rendering[]> {
  return [
    { extension: '.html', body: renderReviewPage(report), contentType: 'text/html; charset=utf-8' },
    { extension: FIX_PACK_EXTENSION, body: await renderFixPack(report, library), contentType: FIX_PACK_CONTENT_TYPE },
  ];
}
