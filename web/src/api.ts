/** Calls to the console API, with the bearer token when sign-in is on. */
import type { ContractsResponse, RuntimeConfig, UploadLimits, UploadsResponse } from './types.js';

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export interface ApiClient {
  config: RuntimeConfig;
  url(path: string): string;
  headers(): Record<string, string>;
}

export function apiClient(config: RuntimeConfig, token: string | null): ApiClient {
  const base = config.apiBase.replace(/\/+$/, '');
  return {
    config,
    url: (path) => `${base}${path}`,
    headers: (): Record<string, string> => (token ? { Authorization: `Bearer ${token}` } : {}),
  };
}

/** What a refused API call says: the API's own message when it sent one, else the status. */
export async function refusalMessage(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { message?: string };
    if (typeof body.message === 'string') return body.message;
  } catch {
    // Not JSON: the status says enough.
  }
  return `${response.status} ${response.statusText}`;
}

async function call<T>(client: ApiClient, path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(client.url(path), { ...init, headers: { ...client.headers(), ...(init.headers as Record<string, string> | undefined) } });
  if (!response.ok) throw new ApiError(await refusalMessage(response), response.status);
  return (await response.json()) as T;
}

export async function loadRuntimeConfig(): Promise<RuntimeConfig> {
  const response = await fetch('config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`config.json: ${response.status}`);
  return (await response.json()) as RuntimeConfig;
}

export function fetchLimits(client: ApiClient): Promise<UploadLimits> {
  return call<UploadLimits>(client, '/api/config');
}

export function fetchContracts(client: ApiClient): Promise<ContractsResponse> {
  return call<ContractsResponse>(client, '/api/contracts');
}

export function requestUploads(client: ApiClient, files: ReadonlyArray<{ name: string; size: number; type: string }>): Promise<UploadsResponse> {
  return call<UploadsResponse>(client, '/api/uploads', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ files: files.map((file) => ({ name: file.name, size: file.size, ...(file.type ? { type: file.type } : {}) })) }),
  });
}
