/** The console API's payloads, as the browser reads them. */
export type Verdict = 'missing' | 'weak' | 'adequate';
export type Level = 'high' | 'medium' | 'low';
export type ExposureLevel = Level | 'none';
export type ContractStatus = 'queued' | 'analyzing' | 'done' | 'error';
export type RejectionCode = 'unsupported_type' | 'too_large' | 'bad_name' | 'empty';

export type UploadGrant =
  | { name: string; ok: true; key: string; url: string; method: 'PUT'; headers: Record<string, string> }
  | { name: string; ok: false; code: RejectionCode; message: string };

export interface UploadsResponse {
  uploads: UploadGrant[];
}

export interface ContractSummary {
  key: string;
  name: string;
  uploadedAt: string;
  size: number;
  status: ContractStatus;
  error: { code: string; message: string } | null;
  verdicts: { forceMajeure: Verdict | null; exportControl: Verdict | null };
  severity: Level | null;
  exposure: ExposureLevel | null;
  review: { needed: boolean; reasons: string[] } | null;
  links: { report: string | null; reviewPage: string | null; fixPack: string | null };
}

export interface ContractsResponse {
  contracts: ContractSummary[];
  generatedAt: string;
}

/** What the server accepts, so the page can refuse a file before sending it (the server still checks). */
export interface UploadLimits {
  maxBytes: number;
  extensions: string[];
  maxFiles: number;
}

/** `/config.json`: where the API is and how to sign in (null: no sign-in, as locally). */
export interface RuntimeConfig {
  apiBase: string;
  auth: null | { domain: string; clientId: string; redirectUri: string };
}
