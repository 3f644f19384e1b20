/** The checks the page makes before asking to upload a file; the server makes them again and has the last word. */
import type { RejectionCode, UploadLimits } from './types.js';

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot).toLowerCase();
}

function typeList(extensions: readonly string[]): string {
  const names = extensions.map((extension) => extension.replace(/^\./, '').toUpperCase());
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1)}` : (names[0] ?? '');
}

export function describeLimits(limits: UploadLimits): string {
  return `${typeList(limits.extensions)}, up to ${formatBytes(limits.maxBytes)} each.`;
}

/** Why a file cannot be uploaded, or null when it may go. */
export function fileProblem(file: { name: string; size: number }, limits: UploadLimits): { code: RejectionCode; message: string } | null {
  if (file.name.trim() === '') return { code: 'bad_name', message: 'The file has no name.' };
  if (!limits.extensions.includes(extensionOf(file.name)))
    return { code: 'unsupported_type', message: `Not uploaded: only ${typeList(limits.extensions)} files can be analyzed.` };
  if (file.size === 0) return { code: 'empty', message: 'Not uploaded: the file is empty.' };
  if (file.size > limits.maxBytes)
    return { code: 'too_large', message: `Not uploaded: ${formatBytes(file.size)} is over the limit of ${formatBytes(limits.maxBytes)}.` };
  return null;
}
