#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AthenaClient } from '@aws-sdk/client-athena';
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { portfolioCsv } from '../lib/portfolio/csv.js';
import { renderPortfolioPage } from '../lib/portfolio/page.js';
import { buildPortfolioFromSources, nameOfPortfolioRecordKey, PortfolioRecord, type PortfolioSource } from '../lib/portfolio/record.js';
import { buildPortfolio, type PortfolioEntry } from '../lib/portfolio/rows.js';
import { loadDefaultLibrary } from '../lib/library/load.js';
import { describeIssues } from '../lib/library/validate.js';
import { portfolioXlsx } from '../lib/portfolio/xlsx.js';
import { FIX_PACK_CONTENT_TYPE, FIX_PACK_EXTENSION } from '../lib/render/rider.js';
import { Report } from '../lib/report/schema.js';
import { reportRenderings } from '../service/renderings.js';
import { type AthenaApi, DEFAULT_ATHENA, type QueryOptions, queryPortfolioRecords } from './athena.js';
import { parseCommandLine } from './args.js';
import { failureLine, runCommand } from './main.js';
import { listObjects, mapLimited, parseS3Url, s3ClientFor, type S3Location } from './s3.js';

const USAGE = `Usage: npm run portfolio -- <reports folder | s3://bucket/prefix/> --out <dir> [--endpoint-url <url>] [--upload s3://bucket/prefix/]
       [--pages] [--from-reports] [--rows-prefix portfolio-rows/] [--reports-prefix reports/]
       npm run portfolio -- s3://bucket --athena --out <dir> [--workgroup X --database Y --table Z]

Reads every JSON report under the folder or S3 prefix (recursively) and writes portfolio.xlsx,
portfolio.csv, portfolio.html and portfolio.json to <dir>. Each contract links to its review page
and fix pack: the files beside its report in a folder, else ones rendered into <dir>/pages/. --upload copies the
portfolio (with its pages) to S3. --endpoint-url (or S3_ENDPOINT) selects an S3-compatible
server such as the local pipeline's; credentials come from the environment.
From a bucket it reads each contract's portfolio row (under --rows-prefix, default
PORTFOLIO_ROWS_PREFIX or portfolio-rows/) instead of its report, and the report only for a contract
without a row yet; rows carry no clause text, so the spreadsheet's notes point to the review page.
--pages copies each review page and fix pack from beside its report into <dir>/pages/ (without it
a portfolio from rows has no links); --from-reports reads every report as before.
--athena runs one query in Amazon Athena over the rows instead (names default to the stack's:
workgroup clausewatch-portfolio, database clausewatch, table portfolio_rows).
Exit status: 0 written, 1 no reports found or S3 failed, 2 usage error.`;

interface FoundReport {
  /** Path relative to the folder or prefix, with "/" separators. */
  relative: string;
  /** The report's own file, for folder sources. */
  localPath: string | null;
  content: string;
  record?: undefined;
}

interface Skipped {
  file: string;
  reason: string;
}

async function walkJson(dir: string, exclude: string, found: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.') && entry.name !== 'node_modules' && path.resolve(full) !== exclude) await walkJson(full, exclude, found);
    } else if (entry.isFile() && entry.name.toLowerCase().endsWith('.json')) {
      found.push(full);
    }
  }
}

async function readFolder(folder: string, outDir: string): Promise<FoundReport[]> {
  const files: string[] = [];
  // The portfolio's own output is not a report, even when written inside the reports folder.
  await walkJson(folder, path.resolve(outDir), files);
  files.sort();
  return Promise.all(
    files.map(async (file) => ({
      relative: path.relative(folder, file).split(path.sep).join('/'),
      localPath: file,
      content: await readFile(file, 'utf8'),
    })),
  );
}

/** The reports a listing names: JSON files, other than portfolio rows. */
async function listReports(client: S3Client, location: S3Location, rowsPrefix: string) {
  return (await listObjects(client, location.bucket, location.prefix)).filter(
    (object) => object.key.toLowerCase().endsWith('.json') && !object.key.startsWith(rowsPrefix),
  );
}

async function readBucket(client: S3Client, location: S3Location, rowsPrefix: string): Promise<FoundReport[]> {
  const objects = await listReports(client, location, rowsPrefix);
  return mapLimited(objects, 8, async (object) => {
    const output = await client.send(new GetObjectCommand({ Bucket: location.bucket, Key: object.key }));
    return { relative: object.key.slice(location.prefix.length), localPath: null, content: (await output.Body?.transformToString('utf-8')) ?? '' };
  });
}

/** A contract of a bucket portfolio: its stored row, or its report where it has no row yet. */
type BucketItem = { relative: string; reportKey: string; record: PortfolioRecord } | (FoundReport & { reportKey: string });

interface BucketRows {
  items: BucketItem[];
  /** Reports read because their contract has no row yet (made before rows existed). */
  withoutRow: number;
  /** Rows whose report is gone: not in the portfolio. */
  orphanRows: number;
}

/** Lists the reports and the rows (no report is read unless its row is missing), then reads the rows. */
async function readBucketRows(client: S3Client, location: S3Location, rowsPrefix: string, reportsPrefix: string): Promise<BucketRows> {
  const reports = await listReports(client, location, rowsPrefix);
  const rowKeys = new Map<string, string>();
  for (const object of await listObjects(client, location.bucket, rowsPrefix)) {
    const name = nameOfPortfolioRecordKey(object.key, rowsPrefix);
    if (name !== null) rowKeys.set(name, object.key);
  }
  let withoutRow = 0;
  const named = new Set<string>();
  const items = await mapLimited(reports, 8, async (object): Promise<BucketItem> => {
    const relative = object.key.slice(location.prefix.length);
    const name = object.key.startsWith(reportsPrefix) ? object.key.slice(reportsPrefix.length, -'.json'.length) : null;
    const rowKey = name === null ? undefined : rowKeys.get(name);
    if (name !== null) named.add(name);
    if (rowKey) {
      const parsed = PortfolioRecord.safeParse(JSON.parse(await readText(client, location.bucket, rowKey)));
      if (parsed.success) return { relative, reportKey: object.key, record: parsed.data };
    }
    if (name !== null) withoutRow++;
    return { relative, reportKey: object.key, localPath: null, content: await readText(client, location.bucket, object.key) };
  });
  const inScope = (name: string) => `${reportsPrefix}${name}.json`.startsWith(location.prefix);
  const orphanRows = [...rowKeys.keys()].filter((name) => inScope(name) && !named.has(name)).length;
  return { items, withoutRow, orphanRows };
}

async function readText(client: S3Client, bucket: string, key: string): Promise<string> {
  const output = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return (await output.Body?.transformToString('utf-8')) ?? '';
}

/** Copies a rendering beside a report in the bucket to the portfolio's pages folder; false when there is none. */
async function copyRendering(client: S3Client, bucket: string, key: string, target: string): Promise<boolean> {
  try {
    const output = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, await output.Body!.transformToByteArray());
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === 'NoSuchKey') return false;
    throw error;
  }
}

/** A report, or why the file is not one. */
function parseReport(content: string): { report: Report } | { reason: string } {
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch {
    return { reason: 'not JSON' };
  }
  const result = Report.safeParse(json);
  if (result.success) return { report: result.data };
  return { reason: `not a clausewatch report (${describeIssues(result.error.issues.slice(0, 1))})` };
}

/** A relative URL from the portfolio folder to a file, each segment percent-encoded (spaces, #, ? and unicode in names). */
function relativeHref(fromDir: string, target: string): string {
  return path.relative(fromDir, target).split(path.sep).map(encodeURIComponent).join('/');
}

/** `reports/acme/msa.pdf.json` → `reports/acme/msa.pdf.html`: a rendering beside a report. */
function reportRenderingKey(reportKey: string, extension: string): string {
  return `${reportKey.slice(0, -'.json'.length)}${extension}`;
}

function isInside(parent: string, child: string): boolean {
  const relative = path.relative(parent, child);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

export async function main(argv: string[], dependencies: { athena?: AthenaApi; athenaOptions?: QueryOptions } = {}): Promise<number> {
  const parsed = parseCommandLine(
    argv,
    {
      out: { type: 'string', short: 'o' },
      'endpoint-url': { type: 'string' },
      upload: { type: 'string' },
      pages: { type: 'boolean', default: false },
      'from-reports': { type: 'boolean', default: false },
      'rows-prefix': { type: 'string' },
      'reports-prefix': { type: 'string' },
      athena: { type: 'boolean', default: false },
      workgroup: { type: 'string' },
      database: { type: 'string' },
      table: { type: 'string' },
      quiet: { type: 'boolean', short: 'q', default: false },
    },
    USAGE,
  );
  if ('exit' in parsed) return parsed.exit;
  const { values, positionals } = parsed;
  if (positionals.length !== 1 || !values.out) {
    console.error(`${positionals.length !== 1 ? 'Give one reports folder or s3:// prefix.' : 'Missing --out <dir>.'}\n\n${USAGE}`);
    return 2;
  }
  const sourceArgument = positionals[0]!;
  const bucketSource = sourceArgument.startsWith('s3://') ? parseS3Url(sourceArgument) : null;
  const upload = values.upload === undefined ? null : parseS3Url(values.upload);
  const badUrl = sourceArgument.startsWith('s3://') && !bucketSource ? sourceArgument : values.upload !== undefined && !upload ? values.upload : null;
  if (badUrl !== null) {
    console.error(`Not an s3://bucket/prefix URL: ${badUrl}\n\n${USAGE}`);
    return 2;
  }
  if (!bucketSource && !existsSync(sourceArgument)) {
    console.error(`Not found: ${sourceArgument}`);
    return 2;
  }
  const outDir = path.resolve(values.out);
  // Wording the built-in library writes as a clause of its own, for fix packs of reports it graded.
  const builtInLibrary = loadDefaultLibrary();
  const pagesDir = path.join(outDir, 'pages');
  if (values.athena && !bucketSource) {
    console.error(`--athena reads the rows of a bucket: give s3://bucket.\n\n${USAGE}`);
    return 2;
  }
  const athenaTarget = {
    workgroup: values.workgroup ?? DEFAULT_ATHENA.workgroup,
    database: values.database ?? DEFAULT_ATHENA.database,
    table: values.table ?? DEFAULT_ATHENA.table,
  };
  const client = (bucketSource && !values.athena) || upload ? s3ClientFor(values['endpoint-url']) : null;
  const athena = values.athena ? (dependencies.athena ?? new AthenaClient({})) : null;

  const rowsPrefix = values['rows-prefix'] ?? process.env.PORTFOLIO_ROWS_PREFIX ?? 'portfolio-rows/';
  const reportsPrefix = values['reports-prefix'] ?? process.env.REPORTS_PREFIX ?? 'reports/';
  const fromRows = bucketSource !== null && !values['from-reports'] && !values.athena;

  try {
    const bucketRows = fromRows ? await readBucketRows(client!, bucketSource!, rowsPrefix, reportsPrefix) : null;
    const queried = athena ? await queryPortfolioRecords(athena, athenaTarget, dependencies.athenaOptions) : null;
    const found: Array<FoundReport | BucketItem> = queried
      ? []
      : bucketRows
        ? bucketRows.items
        : bucketSource
          ? await readBucket(client!, bucketSource, rowsPrefix)
          : await readFolder(sourceArgument, outDir);
    const sources: PortfolioSource[] = [];
    for (const record of queried ?? []) sources.push({ record, file: record.file, reviewHref: null, fixPackHref: null });
    const rowsRead = bucketRows ? bucketRows.items.filter((item) => item.record).length : 0;
    const entries: PortfolioEntry[] = [];
    const skipped: Skipped[] = [];
    const written: string[] = [];
    // Pages of a portfolio that leaves this machine (or comes from a bucket) live under <out>/pages/, so its links travel with it.
    const ownPages = bucketSource !== null || upload !== null;
    await mkdir(outDir, { recursive: true });
    for (const item of found) {
      if ('reportKey' in item && item.record) {
        const file = item.relative.replace(/\.json$/i, '');
        let reviewHref: string | null = null;
        let fixPackHref: string | null = null;
        const page = path.join(pagesDir, ...`${file}.html`.split('/'));
        if (values.pages && isInside(pagesDir, page)) {
          if (await copyRendering(client!, bucketSource!.bucket, reportRenderingKey(item.reportKey, '.html'), page)) {
            written.push(page);
            reviewHref = relativeHref(outDir, page);
          }
          const fixPack = page.replace(/\.html$/, FIX_PACK_EXTENSION);
          if (
            item.record.has_fix_pack &&
            (await copyRendering(client!, bucketSource!.bucket, reportRenderingKey(item.reportKey, FIX_PACK_EXTENSION), fixPack))
          ) {
            written.push(fixPack);
            fixPackHref = relativeHref(outDir, fixPack);
          }
        }
        sources.push({ record: item.record, file, reviewHref, fixPackHref });
        continue;
      }
      const parsedReport = parseReport(item.content);
      if ('reason' in parsedReport) {
        skipped.push({ file: item.relative, reason: parsedReport.reason });
        continue;
      }
      const file = item.relative.replace(/\.json$/i, '');
      const besideReport = item.localPath ? item.localPath.replace(/\.json$/i, '.html') : null;
      const fixPackBeside = item.localPath ? item.localPath.replace(/\.json$/i, FIX_PACK_EXTENSION) : null;
      let reviewHref: string | null = null;
      let fixPackHref: string | null = null;
      if (!ownPages && besideReport && existsSync(besideReport)) {
        reviewHref = relativeHref(outDir, besideReport);
        if (fixPackBeside && existsSync(fixPackBeside)) fixPackHref = relativeHref(outDir, fixPackBeside);
      } else {
        const page = path.join(pagesDir, ...`${file}.html`.split('/'));
        // Names come from keys and paths: a name with ".." must not write outside the pages folder.
        if (isInside(pagesDir, page)) {
          await mkdir(path.dirname(page), { recursive: true });
          const report = parsedReport.report;
          for (const rendering of await reportRenderings(report, report.library.id === builtInLibrary.id ? builtInLibrary : null)) {
            const target = page.replace(/\.html$/, rendering.extension);
            if (rendering.body === null) {
              await rm(target, { force: true });
              continue;
            }
            await writeFile(target, rendering.body);
            written.push(target);
            if (rendering.extension === FIX_PACK_EXTENSION) fixPackHref = relativeHref(outDir, target);
            else reviewHref = relativeHref(outDir, target);
          }
        }
      }
      entries.push({ file, report: parsedReport.report, reviewHref, fixPackHref });
      sources.push({ entry: { file, report: parsedReport.report, reviewHref, fixPackHref } });
    }
    if (sources.length === 0) {
      if (queried) {
        console.error(`The Athena query returned no portfolio rows (${athenaTarget.database}.${athenaTarget.table}).`);
        return 1;
      }
      console.error(`No clausewatch reports found in ${sourceArgument}${skipped.length > 0 ? ` (${skipped.length} other JSON file(s))` : ''}.`);
      return 1;
    }

    const portfolio = bucketRows || queried ? buildPortfolioFromSources(sources) : buildPortfolio(entries);
    const generatedAt = new Date().toISOString();
    const outputs = {
      'portfolio.csv': portfolioCsv(portfolio),
      'portfolio.html': renderPortfolioPage(portfolio, { generatedAt, sourceLabel: sourceArgument, skipped }),
      'portfolio.json': `${JSON.stringify({ generatedAt, source: sourceArgument, clauseTypes: portfolio.clauseTypes, counts: portfolio.counts, rows: portfolio.rows, skipped }, null, 2)}\n`,
    };
    const files: Record<string, string | Uint8Array> = {
      ...outputs,
      'portfolio.xlsx': await portfolioXlsx(portfolio, { generatedAt, sourceLabel: sourceArgument }),
    };
    for (const [name, body] of Object.entries(files)) {
      await writeFile(path.join(outDir, name), body);
      written.push(path.join(outDir, name));
    }

    if (upload) {
      await mapLimited(written, 8, async (file) => {
        const key = `${upload.prefix}${path.relative(outDir, file).split(path.sep).join('/')}`;
        await client!.send(new PutObjectCommand({ Bucket: upload.bucket, Key: key, Body: await readFile(file), ContentType: contentType(file) }));
      });
    }

    if (!values.quiet) {
      const { counts } = portfolio;
      console.log(`${counts.contracts} contract(s): ${counts.status.ok} analyzed, ${counts.status.error} with error reports.`);
      for (const type of portfolio.clauseTypes) {
        const verdicts = counts.verdicts[type.id]!;
        console.log(
          `  ${type.id}: ${verdicts.missing} missing, ${verdicts.weak} weak, ${verdicts.adequate} adequate${verdicts.notAssessed > 0 ? `, ${verdicts.notAssessed} not assessed` : ''}`,
        );
      }
      if (queried)
        console.log(
          `Read ${queried.length} portfolio row(s) with one Athena query (workgroup ${athenaTarget.workgroup}, table ${athenaTarget.database}.${athenaTarget.table}); no review pages linked.`,
        );
      if (bucketRows) {
        console.log(
          `Read ${rowsRead} portfolio row(s) from s3://${bucketSource!.bucket}/${rowsPrefix}${bucketRows.withoutRow > 0 ? `, and ${bucketRows.withoutRow} report(s) of contracts without a row yet (reports made before portfolio rows)` : ''}.`,
        );
        if (bucketRows.orphanRows > 0) console.log(`Left out ${bucketRows.orphanRows} row(s) whose report is gone.`);
        if (!values.pages) console.log('No review pages copied (add --pages to link them).');
      }
      if (skipped.length > 0)
        console.error(`Skipped ${skipped.length} JSON file(s) that are not reports:\n  ${skipped.map((item) => `${item.file}: ${item.reason}`).join('\n  ')}`);
      console.log(`Written: ${path.join(outDir, 'portfolio.html')} (and portfolio.xlsx, portfolio.csv, portfolio.json)`);
      if (upload) console.log(`Uploaded to s3://${upload.bucket}/${upload.prefix}portfolio.html`);
    }
    return 0;
  } catch (error) {
    console.error(failureLine(error));
    return 1;
  } finally {
    client?.destroy();
    if (athena && !dependencies.athena) (athena as AthenaClient).destroy();
  }
}

function contentType(file: string): string {
  if (file.endsWith('.html')) return 'text/html; charset=utf-8';
  if (file.endsWith('.csv')) return 'text/csv; charset=utf-8';
  if (file.endsWith('.xlsx')) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  if (file.endsWith(FIX_PACK_EXTENSION)) return FIX_PACK_CONTENT_TYPE;
  return 'application/json';
}

await runCommand(import.meta.url, main);
