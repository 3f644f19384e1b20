/** Drag-and-drop and the file picker: checks, an upload grant per file, then a PUT straight to storage with progress. */
import { type ApiClient, requestUploads } from './api.js';
import { fileProblem } from './checks.js';
import { el } from './dom.js';
import type { UploadLimits } from './types.js';

/** Files sent to storage at once; the rest wait their turn. */
const PARALLEL_PUTS = 3;

interface UploadRow {
  file: File;
  row: HTMLLIElement;
  progress: HTMLProgressElement;
  message: HTMLSpanElement;
}

function uploadRow(list: HTMLElement, file: File): UploadRow {
  const progress = el('progress', { attributes: { max: '100', value: '0', 'aria-label': `Upload of ${file.name}` } });
  const message = el('span', { className: 'message' }, 'Waiting…');
  const row = el('li', { className: 'waiting' }, el('span', { className: 'name' }, file.name), progress, message);
  list.prepend(row);
  return { file, row, progress, message };
}

function settle(entry: UploadRow, state: 'rejected' | 'failed' | 'uploaded', text: string): void {
  entry.row.className = state;
  entry.message.textContent = text;
  if (state !== 'uploaded') entry.progress.hidden = true;
}

function put(entry: UploadRow, grant: { url: string; method: 'PUT'; headers: Record<string, string> }): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open(grant.method, grant.url);
    for (const [name, value] of Object.entries(grant.headers)) request.setRequestHeader(name, value);
    request.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) entry.progress.value = Math.round((event.loaded / event.total) * 100);
    });
    request.addEventListener('load', () =>
      request.status >= 200 && request.status < 300 ? resolve() : reject(new Error(`storage answered ${request.status}`)),
    );
    request.addEventListener('error', () => reject(new Error('the connection to storage failed')));
    request.addEventListener('abort', () => reject(new Error('the upload was stopped')));
    request.send(entry.file);
  });
}

async function runLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

/**
 * Uploads a batch: files the page refuses get their reason at once and are never sent; the
 * others are granted by the API (which may still refuse one) and PUT with progress.
 * `onUploaded` runs after each file that reached storage.
 */
export async function uploadFiles(client: ApiClient, limits: UploadLimits, files: readonly File[], list: HTMLElement, onUploaded: () => void): Promise<void> {
  const entries = files.map((file) => uploadRow(list, file));
  const accepted: UploadRow[] = [];
  for (const entry of entries) {
    const problem = fileProblem(entry.file, limits);
    if (problem) settle(entry, 'rejected', problem.message);
    else if (accepted.length >= limits.maxFiles) settle(entry, 'rejected', `Not uploaded: at most ${limits.maxFiles} files at a time.`);
    else accepted.push(entry);
  }
  if (accepted.length === 0) return;
  for (const entry of accepted) entry.message.textContent = 'Preparing…';
  let grants: Awaited<ReturnType<typeof requestUploads>>['uploads'];
  try {
    grants = (
      await requestUploads(
        client,
        accepted.map((entry) => entry.file),
      )
    ).uploads;
  } catch (error) {
    for (const entry of accepted) settle(entry, 'failed', `Not uploaded: ${(error as Error).message}`);
    return;
  }
  const granted: Array<{ entry: UploadRow; grant: Extract<(typeof grants)[number], { ok: true }> }> = [];
  accepted.forEach((entry, index) => {
    const grant = grants[index];
    if (!grant) settle(entry, 'failed', 'Not uploaded: the server gave no answer for this file.');
    else if (!grant.ok) settle(entry, 'rejected', grant.message);
    else granted.push({ entry, grant });
  });
  await runLimited(granted, PARALLEL_PUTS, async ({ entry, grant }) => {
    entry.row.className = 'uploading';
    entry.message.textContent = 'Uploading…';
    try {
      await put(entry, grant);
      entry.progress.value = 100;
      settle(entry, 'uploaded', 'Uploaded: analysis queued.');
      onUploaded();
    } catch (error) {
      settle(entry, 'failed', `Upload failed: ${(error as Error).message}. Try again.`);
    }
  });
}

/** Wires the drop zone and the picker to `onFiles`. */
export function bindFileInputs(dropZone: HTMLElement, picker: HTMLInputElement, chooseButton: HTMLButtonElement, onFiles: (files: File[]) => void): void {
  chooseButton.addEventListener('click', () => picker.click());
  picker.addEventListener('change', () => {
    const files = [...(picker.files ?? [])];
    picker.value = '';
    if (files.length > 0) onFiles(files);
  });
  // The whole page accepts a drop, so a near miss does not open the file in the tab.
  for (const type of ['dragenter', 'dragover'] as const) {
    document.addEventListener(type, (event) => {
      event.preventDefault();
      dropZone.classList.add('dragging');
    });
  }
  document.addEventListener('dragleave', (event) => {
    if (event.relatedTarget === null) dropZone.classList.remove('dragging');
  });
  document.addEventListener('drop', (event) => {
    event.preventDefault();
    dropZone.classList.remove('dragging');
    const files = [...(event.dataTransfer?.files ?? [])];
    if (files.length > 0) onFiles(files);
  });
}
