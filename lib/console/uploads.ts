import { CONTRACT_CONTENT_TYPES, CONTRACT_EXTENSIONS } from '../extract/detect.js';
import { DEFAULT_LIMITS } from '../report/build.js';
import type { StorageLayout } from '../s3-events.js';
import { MAX_FILES_PER_REQUEST, type UploadLimits, type UploadRejectionCode, type UploadRequest, type UploadResponse, type UploadResult } from './api.js';

/*
 * Where the console lets a person upload: every key is `<contracts prefix><owner>/<name>`, built
 * here from the signed-in owner and a checked name. The presigned URL is signed with the server's
 * own credentials, so this key is the only thing that keeps one owner out of another's folder.
 *
 * Overwriting: a name is used as it is, without a time or random prefix. Uploading `msa.pdf`
 * again replaces the contract and, once analysed, its report, as an upload through S3 does
 * anywhere in clausewatch; the bucket is versioned, so the earlier upload stays recoverable. A
 * prefix would keep both, but every re-upload of a revised draft would then add a row and a
 * report that nobody reads again. Two files of one request that map to the same key are refused.
 */

/** What the console accepts by default: the analyzer's byte limit and its formats. */
export const DEFAULT_UPLOAD_LIMITS: UploadLimits = {
  maxBytes: DEFAULT_LIMITS.maxBytes,
  extensions: [...CONTRACT_EXTENSIONS],
  maxFiles: MAX_FILES_PER_REQUEST,
};

/** Longest file name (path under the owner's folder), in UTF-8 bytes: what file systems allow for one name. */
export const MAX_NAME_BYTES = 255;

/** An owner is one folder name: a Cognito `sub` (UUID) or a team name such as `legal-emea`; never starting with `.` (so never `.` or `..`). */
const OWNER_PATTERN = /^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,127}$/;

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

/** Whether `owner` can be used as one folder name under the contracts prefix. */
export function isSafeOwner(owner: string): boolean {
  return OWNER_PATTERN.test(owner);
}

/** `contracts/<owner>/`, or null for an owner that is not a safe folder name. */
export function ownerPrefix(owner: string, layout: Pick<StorageLayout, 'contractsPrefix'>): string | null {
  return isSafeOwner(owner) ? `${layout.contractsPrefix}${owner}/` : null;
}

export type UploadKey = { ok: true; key: string; name: string; contentType: string } | { ok: false; code: UploadRejectionCode | 'bad_owner'; message: string };

/** The extension the analyzer reads, lower case with its dot, or null. */
export function contractExtension(name: string): string | null {
  const match = /\.[^./]+$/.exec(name);
  const extension = match ? match[0].toLowerCase() : null;
  return extension && CONTRACT_EXTENSIONS.has(extension) ? extension : null;
}

function badName(message: string): UploadKey {
  return { ok: false, code: 'bad_name', message };
}

/**
 * The key an upload of `fileName` by `owner` is stored under, or why it is refused. A name may
 * hold `/`-separated folders; it may not leave the owner's folder (`..`, `.`, a leading `/`, empty
 * segments, backslashes), hold control characters, or exceed 255 bytes. Names are stored in
 * Unicode NFC, so the same name typed on different systems is one key.
 */
export function uploadKeyFor(owner: string, fileName: string, layout: Pick<StorageLayout, 'contractsPrefix'>): UploadKey {
  const prefix = ownerPrefix(owner, layout);
  if (prefix === null) return { ok: false, code: 'bad_owner', message: 'The signed-in account has no usable folder name.' };
  const name = fileName.normalize('NFC');
  if (name.trim() === '') return badName('The file has no name.');
  if (CONTROL_CHARACTERS.test(name)) return badName('The file name contains control characters.');
  if (name.includes('\\')) return badName('The file name contains a backslash.');
  if (name.startsWith('/')) return badName('The file name starts with "/".');
  if (new TextEncoder().encode(name).length > MAX_NAME_BYTES) return badName(`The file name is longer than ${MAX_NAME_BYTES} bytes.`);
  const segments = name.split('/');
  if (segments.some((segment) => segment === '..' || segment === '.')) return badName('The file name contains "." or ".." as a folder.');
  if (segments.some((segment) => segment.trim() === '')) return badName('The file name contains an empty folder name.');
  const extension = contractExtension(name);
  if (extension === null) {
    return { ok: false, code: 'unsupported_type', message: `Only ${[...CONTRACT_EXTENSIONS].join(', ')} files are analysed.` };
  }
  return { ok: true, key: `${prefix}${name}`, name, contentType: CONTRACT_CONTENT_TYPES[extension]! };
}

/** A presigned upload: where and how the browser sends one file's bytes. */
export interface PresignedUpload {
  url: string;
  /** Headers the browser must send exactly (they are part of the signature). */
  headers: Record<string, string>;
}

export type Presign = (key: string, contentType: string, size: number) => Promise<PresignedUpload>;

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/**
 * One result per requested file, in order: a presigned PUT for each acceptable file, a rejection
 * with its code for the others. `presign` is called only for accepted files.
 * @throws Error when the owner is not a safe folder name: a server setup problem, not the user's
 */
export async function planUploads(
  request: UploadRequest,
  owner: string,
  limits: Pick<UploadLimits, 'maxBytes'>,
  presign: Presign,
  layout: Pick<StorageLayout, 'contractsPrefix'> = { contractsPrefix: 'contracts/' },
): Promise<UploadResponse> {
  if (!isSafeOwner(owner)) throw new Error('the owner is not a safe folder name');
  const claimed = new Set<string>();
  const uploads = await Promise.all(
    request.files.map(async (file): Promise<UploadResult> => {
      const reject = (code: UploadRejectionCode, message: string): UploadResult => ({ name: file.name, ok: false, code, message });
      const target = uploadKeyFor(owner, file.name, layout);
      if (!target.ok) return reject(target.code === 'bad_owner' ? 'bad_name' : target.code, target.message);
      if (file.size === 0) return reject('empty', 'The file is empty.');
      if (file.size > limits.maxBytes) {
        return reject('too_large', `The file is ${formatBytes(file.size)}; the most that is analysed is ${formatBytes(limits.maxBytes)}.`);
      }
      if (claimed.has(target.key)) return reject('bad_name', 'Another file of this upload has the same name.');
      claimed.add(target.key);
      const presigned = await presign(target.key, target.contentType, file.size);
      return { name: file.name, ok: true, key: target.key, url: presigned.url, method: 'PUT', headers: presigned.headers };
    }),
  );
  return { uploads };
}
