/** The console API's payloads: the types of the zod schemas the server answers with (lib/console/api.ts), types only. */
import type { ContractSummary, UploadResult } from '../../lib/console/api.js';

export type {
  ContractStatus,
  ContractSummary,
  ContractsResponse,
  UploadLimits,
  UploadRejectionCode as RejectionCode,
  UploadResponse as UploadsResponse,
  UploadResult as UploadGrant,
} from '../../lib/console/api.js';
export type { ExposureLevel, Severity as Level, Verdict } from '../../lib/vocabulary.js';

/** A granted upload: where to PUT the file. */
export type GrantedUpload = Extract<UploadResult, { ok: true }>;
export type ContractLinks = ContractSummary['links'];

/** `/config.json`: where the API is and how to sign in (null: no sign-in, as locally). */
export interface RuntimeConfig {
  apiBase: string;
  auth: null | { domain: string; clientId: string; redirectUri: string };
  /** Whether the API builds portfolio downloads (`/api/portfolio.csv|xlsx|html`); the links are hidden otherwise. */
  portfolio?: boolean;
}
