import type { S3Client } from '@aws-sdk/client-s3';
import { contractReportKeys } from '../lib/console/contracts.js';
import { ownerPrefix } from '../lib/console/uploads.js';
import { mapLimited } from '../lib/map-limited.js';
import { portfolioCsv } from '../lib/portfolio/csv.js';
import { renderPortfolioPage } from '../lib/portfolio/page.js';
import { buildPortfolio, type PortfolioEntry } from '../lib/portfolio/rows.js';
import { portfolioXlsx } from '../lib/portfolio/xlsx.js';
import { contentSecurityPolicy } from '../lib/render/html.js';
import { Report } from '../lib/report/schema.js';
import type { StorageLayout } from '../lib/s3-events.js';
import type { LinkFor } from './console.js';
import { getObject, listObjects } from './storage.js';

/*
 * The console's portfolio downloads (CSV, XLSX, HTML page) of one or more owners' contracts,
 * built from the stored reports. Used by the local console server and the AWS console function.
 */

export const PORTFOLIO_FORMATS = ['csv', 'xlsx', 'html'] as const;
export type PortfolioFormat = (typeof PORTFOLIO_FORMATS)[number];

/** The most contracts one portfolio holds by default: about 2 MB of XLSX and 3 MB of HTML, inside Lambda's 6 MB response. */
export const DEFAULT_MAX_PORTFOLIO_CONTRACTS = 2000;

/** Reports read at once. */
const READ_CONCURRENCY = 8;

/** A folder with more contracts than one portfolio may hold. */
export class PortfolioTooLargeError extends Error {
  constructor(
    readonly contracts: number,
    readonly limit: number,
  ) {
    super(
      `The portfolio would hold ${contracts} contracts; it can hold at most ${limit}. Use the portfolio command (npm run portfolio) on the reports instead.`,
    );
    this.name = 'PortfolioTooLargeError';
  }
}

/** One owner's folder in a portfolio; `namePrefix` is put before each file name (`examples/`). */
export interface PortfolioSource {
  owner: string;
  namePrefix?: string;
}

export interface PortfolioOptions {
  /** The review page's link for the portfolio (a presigned GET in AWS, a relative URL locally). */
  reviewLink: LinkFor;
  /** The most contracts (with or without a report) the portfolio may hold; more throws PortfolioTooLargeError before any report is read. */
  maxContracts?: number;
  /** Origins of absolute review links the files may carry (the storage that signs them). */
  linkOrigins?: readonly string[];
  sourceLabel?: string;
  now?: Date;
}

/** A built download: its body and how to serve it. */
export interface PortfolioFile {
  body: string | Uint8Array;
  contentType: string;
  fileName: string;
  /** How many contracts it lists. */
  contracts: number;
  /** The HTML page's own policy (its one inline script by hash), for the Content-Security-Policy header. */
  contentSecurityPolicy: string | null;
}

/** A stored page's own policy, as a header: its one inline script admitted by hash, nothing fetched, never framed. */
export function storedPagePolicy(page: string): string {
  const scripts = [...page.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((match) => match[1]!);
  return `${contentSecurityPolicy(scripts.length === 1 ? scripts[0]! : null)}; frame-ancestors 'none'`;
}

/**
 * The portfolio entries of the owners' contracts: every contract with a readable report (a report
 * that cannot be read is shown as an error in the list and left out here).
 * @throws PortfolioTooLargeError when the folders hold more than `maxContracts` contracts
 */
export async function portfolioEntries(
  s3: S3Client,
  bucket: string,
  layout: StorageLayout,
  sources: readonly PortfolioSource[],
  options: Pick<PortfolioOptions, 'reviewLink' | 'maxContracts'>,
): Promise<PortfolioEntry[]> {
  const listed = await Promise.all(
    sources.map(async (source) => {
      const prefix = ownerPrefix(source.owner, layout);
      if (prefix === null) throw new Error('the owner is not a safe folder name');
      const reportsPrefix = `${layout.reportsPrefix}${prefix.slice(layout.contractsPrefix.length)}`;
      const [contracts, reportFiles] = await Promise.all([listObjects(s3, bucket, prefix), listObjects(s3, bucket, reportsPrefix)]);
      const existing = new Set(reportFiles.map((file) => file.key));
      return contracts
        .filter((object) => !object.key.endsWith('/'))
        .map((object) => ({ name: `${source.namePrefix ?? ''}${object.key.slice(prefix.length)}`, keys: contractReportKeys(object.key, layout)!, existing }));
    }),
  );
  const contracts = listed.flat();
  const limit = options.maxContracts ?? Number.POSITIVE_INFINITY;
  if (contracts.length > limit) throw new PortfolioTooLargeError(contracts.length, limit);
  const entries = await mapLimited(contracts, READ_CONCURRENCY, async ({ name, keys, existing }): Promise<PortfolioEntry | null> => {
    if (!existing.has(keys.report)) return null;
    const stored = await getObject(s3, bucket, keys.report);
    if (!stored) return null;
    let report: Report;
    try {
      report = Report.parse(JSON.parse(new TextDecoder().decode(stored.bytes)));
    } catch {
      return null;
    }
    return { file: name, report, reviewHref: existing.has(keys.reviewPage) ? await options.reviewLink(keys.reviewPage) : null };
  });
  return entries.filter((entry): entry is PortfolioEntry => entry !== null);
}

/**
 * The portfolio of the owners' contracts as one download; null when no contract has a report yet.
 * @throws PortfolioTooLargeError when the folders hold more than `maxContracts` contracts
 */
export async function buildPortfolioFile(
  s3: S3Client,
  bucket: string,
  layout: StorageLayout,
  sources: readonly PortfolioSource[],
  format: PortfolioFormat,
  options: PortfolioOptions,
): Promise<PortfolioFile | null> {
  const entries = await portfolioEntries(s3, bucket, layout, sources, options);
  if (entries.length === 0) return null;
  const portfolio = buildPortfolio(entries);
  const rendering = {
    generatedAt: (options.now ?? new Date()).toISOString(),
    sourceLabel: options.sourceLabel ?? 'clausewatch console',
    linkOrigins: options.linkOrigins ?? [],
  };
  switch (format) {
    case 'csv':
      return {
        body: portfolioCsv(portfolio),
        contentType: 'text/csv; charset=utf-8',
        fileName: 'portfolio.csv',
        contracts: entries.length,
        contentSecurityPolicy: null,
      };
    case 'xlsx':
      return {
        body: await portfolioXlsx(portfolio, rendering),
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        fileName: 'portfolio.xlsx',
        contracts: entries.length,
        contentSecurityPolicy: null,
      };
    case 'html': {
      const page = renderPortfolioPage(portfolio, rendering);
      return {
        body: page,
        contentType: 'text/html; charset=utf-8',
        fileName: 'portfolio.html',
        contracts: entries.length,
        contentSecurityPolicy: storedPagePolicy(page),
      };
    }
  }
}

/** `attachment; filename="…"` with an ASCII fallback and the UTF-8 name (RFC 6266). */
export function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
