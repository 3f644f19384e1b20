import { renderReviewPage } from '../../lib/render/review-page.js';
import type { Report } from '../../lib/report/schema.js';

export interface Rendering {
  extension: string;
  body: string;
  contentType: string;
}

/** The files written beside each JSON report: its review page, `reports/…/F.html`. */
export function reportRenderings(report: Report): Rendering[] {
  return [{ extension: '.html', body: renderReviewPage(report), contentType: 'text/html; charset=utf-8' }];
}
