import type { ConsoleApiEvent } from '../../functions/console-api/handler.js';

/** An API Gateway HTTP API (payload 2.0) request, as it reaches the function behind a JWT authorizer. */
export function apiEvent(
  method: string,
  path: string,
  claims: Record<string, string> | null,
  body?: unknown,
  options: { base64?: boolean; raw?: string } = {},
): ConsoleApiEvent {
  const text = options.raw ?? (body === undefined ? undefined : JSON.stringify(body));
  return {
    version: '2.0',
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString: '',
    headers: { 'content-type': 'application/json' },
    isBase64Encoded: options.base64 ?? false,
    body: text === undefined ? undefined : options.base64 ? Buffer.from(text).toString('base64') : text,
    requestContext: {
      accountId: '000000000000',
      apiId: 'api',
      domainName: 'console.test',
      domainPrefix: 'console',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' },
      requestId: 'r',
      routeKey: `${method} ${path}`,
      stage: '$default',
      time: '04/Dec/2026:10:00:00 +0000',
      timeEpoch: 0,
      authorizer: claims ? { principalId: '', integrationLatency: 0, jwt: { claims, scopes: null } } : undefined,
    },
  } as ConsoleApiEvent;
}
