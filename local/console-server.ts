import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { PutBucketCorsCommand } from '@aws-sdk/client-s3';
import { type ContractsResponse, UploadRequest } from '../lib/console/api.js';
import { compareSummaries } from '../lib/console/contracts.js';
import { DEFAULT_UPLOAD_LIMITS, planUploads } from '../lib/console/uploads.js';
import { describeIssues } from '../lib/library/validate.js';
import { FIX_PACK_CONTENT_TYPE, FIX_PACK_EXTENSION } from '../lib/render/rider.js';
import { consoleLimits, createConsoleS3Client, listContracts, presignUpload } from '../service/console.js';
import { attachment, buildPortfolioFile, type PortfolioFormat, storedPagePolicy } from '../service/console-portfolio.js';
import { getObject } from '../service/storage.js';
import type { LocalPipeline } from './pipeline.js';

export interface ConsoleServerOptions {
  /** Port on 127.0.0.1; 0 picks a free one. */
  port: number;
  /** The running local pipeline: its S3 server, bucket and prefixes. */
  pipeline: LocalPipeline;
  /** The built web app (index.html, app.js, app.css); found beside the sources or the compiled files by default. */
  staticDirectory?: string;
  /** The largest upload in bytes: the pipeline's MAX_BYTES when it sets one (default: the analyzer's default). */
  maxBytes?: number;
}

export interface ConsoleServer {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  close(): Promise<void>;
}

/** The folder of the one person using the console locally: their uploads go to `contracts/local/`. */
export const LOCAL_OWNER = 'local';
/** The folder `npm start` uploads the example contracts to (`contracts/examples/`), listed too. */
export const EXAMPLES_OWNER = 'examples';

/** The web app's files and their types; nothing else is served from disk. */
const STATIC_FILES: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/index.html': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8' },
  '/app.css': { file: 'app.css', type: 'text/css; charset=utf-8' },
};

/** Largest request body the API reads (a list of file names and sizes). */
const MAX_REQUEST_BYTES = 256 * 1024;

/** Files beside a report that the browser may fetch, with how they are served. */
const REPORT_FILES: ReadonlyArray<{ extension: string; type: string; download: boolean }> = [
  { extension: FIX_PACK_EXTENSION, type: FIX_PACK_CONTENT_TYPE, download: true },
  { extension: '.html', type: 'text/html; charset=utf-8', download: false },
  { extension: '.json', type: 'application/json; charset=utf-8', download: false },
];

/** web/dist from local/ (sources run by tsx or vitest) or from dist/local/ (compiled). */
export function defaultStaticDirectory(): string {
  const candidates = ['../web/dist/', '../../web/dist/'].map((relative) => fileURLToPath(new URL(relative, import.meta.url)));
  return candidates.find((candidate) => existsSync(`${candidate}index.html`)) ?? candidates[0]!;
}

/** The console's own policy: its scripts and styles only, API calls to itself, uploads to the local S3 server. */
export function consolePolicy(s3Endpoint: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self' ${s3Endpoint}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

// Shared with the AWS console function (service/console-portfolio.ts); exported here as before.
export { attachment, storedPagePolicy };

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function send(response: ServerResponse, status: number, body: string | Uint8Array, headers: Record<string, string>): void {
  response.writeHead(status, {
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cache-Control': 'no-store',
    'Content-Length': String(Buffer.byteLength(body)),
    ...headers,
  });
  response.end(body);
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  send(response, status, JSON.stringify(value), { 'Content-Type': 'application/json; charset=utf-8' });
}

async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  if (!/^application\/json\b/i.test(request.headers['content-type'] ?? '')) throw new HttpError(415, 'bad_request', 'Send the request as application/json.');
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    length += chunk.length;
    if (length > MAX_REQUEST_BYTES) throw new HttpError(413, 'bad_request', 'The request is too large.');
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'bad_request', 'The request body is not JSON.');
  }
}

/**
 * The web console on loopback: the app's static files, `/config.json`, the console API (the same
 * lib/console functions as the AWS API, against the local S3 server), the files beside each
 * report and the portfolio downloads.
 */
export async function startConsoleServer(options: ConsoleServerOptions): Promise<ConsoleServer> {
  const { pipeline } = options;
  const staticDirectory = options.staticDirectory ?? defaultStaticDirectory();
  if (!existsSync(`${staticDirectory}index.html`) && !existsSync(`${staticDirectory}/index.html`))
    throw new Error(`The web console is not built (no index.html in ${staticDirectory}): run npm run build.`);
  const layout = { contractsPrefix: pipeline.contractsPrefix, reportsPrefix: pipeline.reportsPrefix };
  // OCR runs in the pipeline itself (tesseract.js), so no job records mark a contract as analysing.
  const consoleLayout = { ...layout, ocrJobsPrefix: null };
  const limits = consoleLimits({ MAX_BYTES: options.maxBytes ?? DEFAULT_UPLOAD_LIMITS.maxBytes });
  // Signs upload URLs for the local S3 server with the pipeline's local credentials.
  const consoleS3 = createConsoleS3Client({ S3_ENDPOINT: pipeline.endpoint, AWS_REGION: 'us-east-1' });
  let origin = '';

  /** Requests must name this server: a page on another site that resolves its own name to 127.0.0.1 gets nothing. */
  function checkHost(request: IncomingMessage): void {
    const host = request.headers.host ?? '';
    const port = origin.slice(origin.lastIndexOf(':') + 1);
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) throw new HttpError(421, 'bad_request', 'Unknown host.');
    // A browser sends Origin with every POST: one from another site must not start uploads.
    const requestOrigin = request.headers.origin;
    if (
      request.method !== 'GET' &&
      request.method !== 'HEAD' &&
      requestOrigin !== undefined &&
      requestOrigin !== origin &&
      requestOrigin !== `http://localhost:${port}`
    )
      throw new HttpError(403, 'forbidden', 'Cross-origin requests are not accepted.');
  }

  async function serveStatic(response: ServerResponse, path: string): Promise<boolean> {
    const entry = STATIC_FILES[path];
    if (!entry) return false;
    const body = await readFile(`${staticDirectory.replace(/\/?$/, '/')}${entry.file}`);
    const headers: Record<string, string> = { 'Content-Type': entry.type };
    if (entry.file === 'index.html') headers['Content-Security-Policy'] = consolePolicy(pipeline.endpoint);
    send(response, 200, body, headers);
    return true;
  }

  /** `/reports/<name>.html|.fixes.docx|.json`: a file beside a report, read from the bucket. */
  async function serveReportFile(response: ServerResponse, encodedPath: string): Promise<void> {
    let relative: string;
    try {
      relative = decodeURIComponent(encodedPath);
    } catch {
      throw new HttpError(400, 'bad_request', 'Malformed path.');
    }
    const kind = REPORT_FILES.find((candidate) => relative.endsWith(candidate.extension));
    // Only a file under the reports prefix: no dot segments (a file-backed S3 server might resolve them).
    const outside = relative.startsWith('/') || relative.split(/[/\\]/).some((segment) => segment === '..' || segment === '.');
    if (!kind || relative === '' || outside) throw new HttpError(404, 'not_found', 'No such file.');
    const stored = await getObject(pipeline.s3, pipeline.bucket, `${layout.reportsPrefix}${relative}`);
    if (!stored) throw new HttpError(404, 'not_found', 'No such file: it may not be written yet.');
    const headers: Record<string, string> = { 'Content-Type': kind.type };
    if (kind.download) headers['Content-Disposition'] = attachment(relative.slice(relative.lastIndexOf('/') + 1));
    if (kind.extension === '.html') headers['Content-Security-Policy'] = storedPagePolicy(Buffer.from(stored.bytes).toString('utf8'));
    send(response, 200, stored.bytes, headers);
  }

  /** The browser URL of a file under the reports prefix (`reports/a b.pdf.html` → `/reports/a%20b.pdf.html`). */
  function linkFor(key: string): string {
    return `/reports/${key.slice(layout.reportsPrefix.length).split('/').map(encodeURIComponent).join('/')}`;
  }

  /** The portfolio of the contracts the console lists (the local owner's and the examples): every one that has a report. */
  async function servePortfolio(response: ServerResponse, format: PortfolioFormat): Promise<void> {
    const file = await buildPortfolioFile(
      pipeline.s3,
      pipeline.bucket,
      layout,
      [{ owner: LOCAL_OWNER }, { owner: EXAMPLES_OWNER, namePrefix: `${EXAMPLES_OWNER}/` }],
      format,
      // Links relative to /api/portfolio.html.
      { reviewLink: (key) => `..${linkFor(key)}` },
    );
    if (!file) throw new HttpError(404, 'not_found', 'No contract has a report yet.');
    const headers: Record<string, string> = { 'Content-Type': file.contentType };
    if (file.contentSecurityPolicy) headers['Content-Security-Policy'] = file.contentSecurityPolicy;
    else headers['Content-Disposition'] = attachment(file.fileName);
    send(response, 200, file.body, headers);
  }

  /** The local owner's contracts and the examples, newest first; the examples named as `examples/…`. */
  async function listedContracts(): Promise<ContractsResponse> {
    const [own, examples] = await Promise.all(
      [LOCAL_OWNER, EXAMPLES_OWNER].map((owner) => listContracts(consoleS3, pipeline.bucket, consoleLayout, owner, linkFor)),
    );
    const named = examples!.contracts.map((contract) => ({ ...contract, name: `${EXAMPLES_OWNER}/${contract.name}` }));
    return { contracts: [...own!.contracts, ...named].sort(compareSummaries), generatedAt: own!.generatedAt };
  }

  async function requestUploads(request: IncomingMessage): Promise<unknown> {
    const parsed = UploadRequest.safeParse(await readJsonBody(request));
    if (!parsed.success) throw new HttpError(400, 'bad_request', `Invalid upload request: ${describeIssues(parsed.error.issues)}`);
    return planUploads(parsed.data, LOCAL_OWNER, limits, (key, contentType, size) => presignUpload(consoleS3, pipeline.bucket, key, contentType, size), layout);
  }

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    checkHost(request);
    const url = new URL(request.url ?? '/', origin);
    const path = url.pathname;
    if (request.method === 'GET' || request.method === 'HEAD') {
      if (await serveStatic(response, path)) return;
      // Browsers ask for an icon on every page; there is none.
      if (path === '/favicon.ico') return send(response, 204, '', {});
      if (path === '/config.json') return sendJson(response, 200, { apiBase: '', auth: null, portfolio: true });
      if (path === '/api/config') return sendJson(response, 200, limits);
      if (path === '/api/contracts') return sendJson(response, 200, await listedContracts());
      if (path.startsWith('/reports/')) return serveReportFile(response, path.slice('/reports/'.length));
      const portfolio = /^\/api\/portfolio\.(csv|xlsx|html)$/.exec(path);
      if (portfolio) return servePortfolio(response, portfolio[1] as PortfolioFormat);
    }
    if (request.method === 'POST' && path === '/api/uploads') return sendJson(response, 200, await requestUploads(request));
    if (path.startsWith('/api/')) throw new HttpError(404, 'not_found', `No API route ${request.method} ${path}.`);
    throw new HttpError(404, 'not_found', 'Not found.');
  }

  const server = createServer((request, response) => {
    route(request, response).catch((error: unknown) => {
      if (response.headersSent) return void response.destroy();
      if (error instanceof HttpError) return sendJson(response, error.status, { code: error.code, message: error.message });
      // The first path segment only: the rest of a /reports/ path is a file name.
      console.error(`Console: ${request.method} /${request.url?.split('/')[1]?.split('?')[0] ?? ''} failed: ${(error as Error).message}`);
      sendJson(response, 500, { code: 'internal', message: 'The console server failed; see its terminal.' });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE' ? Object.assign(new Error(`127.0.0.1:${options.port} (--console-port) is already in use`), { code: error.code }) : error,
      ),
    );
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The browser PUTs straight to the S3 server: it must allow this origin (as the bucket's CORS rules do in AWS).
  await pipeline.s3.send(
    new PutBucketCorsCommand({
      Bucket: pipeline.bucket,
      CORSConfiguration: {
        CORSRules: [
          {
            AllowedOrigins: [origin, origin.replace('127.0.0.1', 'localhost')],
            AllowedMethods: ['PUT'],
            AllowedHeaders: ['*'],
            ExposeHeaders: ['ETag'],
            MaxAgeSeconds: 600,
          },
        ],
      },
    }),
  );
  return {
    url: `${origin}/`,
    close: () =>
      new Promise<void>((resolve) => {
        consoleS3.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
