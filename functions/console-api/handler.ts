import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { UploadRequest } from '../../lib/console/api.js';
import { describeIssues } from '../../lib/library/validate.js';
import { FIX_PACK_EXTENSION } from '../../lib/render/rider.js';
import { isSafeOwner, planUploads } from '../../lib/console/uploads.js';
import { consoleLimits, createConsoleS3Client, listContracts, loadConsoleConfig, presignUpload } from '../../service/console.js';
import { attachment, buildPortfolioFile, PORTFOLIO_FORMATS, type PortfolioFormat, PortfolioTooLargeError } from '../../service/console-portfolio.js';
import { createFunctionContext } from '../../service/function-context.js';

export type ConsoleApiEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type ConsoleApiResult = APIGatewayProxyStructuredResultV2;
export type ConsoleApiHandler = (event: ConsoleApiEvent) => Promise<ConsoleApiResult>;

/** Largest request body read: a list of up to 50 file names and sizes needs a few kilobytes. */
const MAX_BODY_BYTES = 256 * 1024;

/** Lambda's limit on a synchronous response (6 MB), less room for the headers and JSON framing. */
export const MAX_RESPONSE_BYTES = 6 * 1024 * 1024 - 64 * 1024;

/** The Cognito claim naming the team whose folder a user shares; without it each user has a folder of their own (`sub`). */
export const TEAM_CLAIM = 'custom:team';

export type Caller = { ok: true; owner: string } | { ok: false; statusCode: 401 | 403; message: string };

/**
 * Whose folder the caller works in, from the claims API Gateway's JWT authorizer verified: the
 * `custom:team` claim when the user has one (set by an administrator; users cannot write it), else
 * the user's `sub`. Only ID tokens carry `custom:team`, so an access token is refused rather than
 * silently showing the user's own folder instead of the team's.
 */
export function callerOf(event: ConsoleApiEvent): Caller {
  const claims = event.requestContext.authorizer?.jwt?.claims;
  const sub = claims?.sub;
  if (!claims || typeof sub !== 'string' || sub === '') return { ok: false, statusCode: 401, message: 'Sign in to use the console.' };
  if (claims.token_use !== undefined && claims.token_use !== 'id') {
    return { ok: false, statusCode: 401, message: 'Send the ID token of your sign-in as the bearer token.' };
  }
  const team = claims[TEAM_CLAIM];
  return { ok: true, owner: typeof team === 'string' && team !== '' ? team : sub };
}

function json(statusCode: number, body: unknown): ConsoleApiResult {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' },
    body: JSON.stringify(body),
  };
}

const problem = (statusCode: number, message: string) => json(statusCode, { message });

function readBody(event: ConsoleApiEvent): { ok: true; value: unknown } | { ok: false; result: ConsoleApiResult } {
  const raw = event.body ? (event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body) : '';
  if (Buffer.byteLength(raw, 'utf8') > MAX_BODY_BYTES) return { ok: false, result: problem(413, 'The request is too large: name at most 50 files at a time.') };
  try {
    return { ok: true, value: JSON.parse(raw) };
  } catch {
    return { ok: false, result: problem(400, 'The request body is not JSON: send {"files":[{"name":…,"size":…}]}.') };
  }
}

/**
 * The console's API behind API Gateway (HTTP API, payload 2.0, JWT authorizer):
 * `GET /api/config`, `POST /api/uploads`, `GET /api/contracts` and `GET /api/portfolio.csv|xlsx|html`. Configuration is validated once;
 * each request is scoped to the caller's folder under the contracts prefix.
 */
export function createConsoleApiHandler(environment: NodeJS.ProcessEnv, deps: { s3?: S3Client } = {}): ConsoleApiHandler {
  const config = loadConsoleConfig(environment);
  const { logger, layout } = createFunctionContext(environment, 'clausewatch-console-api');
  const s3 = deps.s3 ?? createConsoleS3Client(config);
  const bucket = config.BUCKET_NAME;
  const limits = consoleLimits(config);
  const consoleLayout = { ...layout, ocrJobsPrefix: config.OCR === 'textract' ? config.OCR_JOBS_PREFIX : null };
  const linkFor = (key: string) =>
    getSignedUrl(
      s3,
      new GetObjectCommand({
        Bucket: bucket,
        Key: key,
        // A fix pack is a file to keep; reports and review pages open in the browser.
        ...(key.endsWith(FIX_PACK_EXTENSION) ? { ResponseContentDisposition: 'attachment' } : {}),
      }),
      { expiresIn: config.LINK_URL_SECONDS },
    );

  async function portfolio(owner: string, format: PortfolioFormat, route: string): Promise<ConsoleApiResult> {
    const file = await buildPortfolioFile(s3, bucket, layout, [{ owner }], format, {
      reviewLink: linkFor,
      maxContracts: config.MAX_PORTFOLIO_CONTRACTS,
      // The review links are presigned GETs on the bucket's own host: the files may link there.
      linkOrigins: [new URL(await linkFor(layout.reportsPrefix)).origin],
    });
    if (!file) return problem(404, 'No contract has a report yet: the portfolio lists analysed contracts.');
    const bytes = typeof file.body === 'string' ? Buffer.from(file.body, 'utf8') : Buffer.from(file.body);
    // Lambda answers at most 6 MB; base64 grows binary bodies by a third.
    const size = format === 'xlsx' ? Math.ceil(bytes.length / 3) * 4 : bytes.length;
    if (size > MAX_RESPONSE_BYTES) {
      return problem(
        413,
        `The portfolio is too large to download here (${Math.round(size / 1e6)} MB); use the portfolio command (npm run portfolio) on the reports.`,
      );
    }
    logger.info('portfolio built', { route, format, contracts: file.contracts, bytes: bytes.length });
    return {
      statusCode: 200,
      headers: {
        'content-type': file.contentType,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'content-disposition': attachment(file.fileName),
        ...(file.contentSecurityPolicy ? { 'content-security-policy': file.contentSecurityPolicy } : {}),
      },
      // API Gateway decodes a base64 body to the bytes it sends (payload 2.0).
      ...(format === 'xlsx' ? { body: bytes.toString('base64'), isBase64Encoded: true } : { body: bytes.toString('utf8'), isBase64Encoded: false }),
    };
  }

  return async (event) => {
    const method = event.requestContext.http.method.toUpperCase();
    const path = event.rawPath.replace(/\/+$/, '');
    const route = `${method} ${path}`;
    const caller = callerOf(event);
    if (!caller.ok) return problem(caller.statusCode, caller.message);
    if (!isSafeOwner(caller.owner)) {
      return problem(
        403,
        'Your account’s team name cannot be used as a folder name (letters, digits, ".", "_" and "-" only); ask an administrator to correct it.',
      );
    }
    try {
      switch (route) {
        case 'GET /api/config':
          return json(200, limits);
        case 'POST /api/uploads': {
          const body = readBody(event);
          if (!body.ok) return body.result;
          const request = UploadRequest.safeParse(body.value);
          if (!request.success) return problem(400, `Invalid upload request: ${describeIssues(request.error.issues)}`);
          const response = await planUploads(request.data, caller.owner, limits, (key, contentType, size) =>
            presignUpload(s3, bucket, key, contentType, size, config.UPLOAD_URL_SECONDS),
          );
          // Counts only: file names stay out of the logs.
          logger.info('upload URLs issued', { route, files: response.uploads.length, accepted: response.uploads.filter((upload) => upload.ok).length });
          return json(200, response);
        }
        case 'GET /api/contracts': {
          const response = await listContracts(s3, bucket, consoleLayout, caller.owner, linkFor);
          logger.info('contracts listed', { route, contracts: response.contracts.length });
          return json(200, response);
        }
        default: {
          const format = /^GET \/api\/portfolio\.([a-z]+)$/.exec(route)?.[1] as PortfolioFormat | undefined;
          if (format !== undefined && PORTFOLIO_FORMATS.includes(format)) return await portfolio(caller.owner, format, route);
          return problem(404, `No such console API route: ${route}.`);
        }
      }
    } catch (error) {
      if (error instanceof PortfolioTooLargeError) return problem(413, error.message);
      // The error's name and code only: S3's messages can name keys, and keys are file names.
      const { name, code } = (error ?? {}) as { name?: string; code?: string };
      logger.error('console request failed', { route, error: name ?? 'unknown', errorCode: code });
      return problem(500, 'The console could not answer; try again in a moment.');
    }
  };
}

let configured: ConsoleApiHandler | undefined;

/** API Gateway HTTP API (payload 2.0) request → JSON answer. */
export function handler(event: ConsoleApiEvent): Promise<ConsoleApiResult> {
  // Built on the first request of an execution environment (the cold start), validating the configuration.
  configured ??= createConsoleApiHandler(process.env);
  return configured(event);
}
