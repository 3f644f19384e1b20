import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/** Extensions analyzed when walking a folder; a file named explicitly is always analyzed. */
export const CONTRACT_EXTENSIONS = new Set(['.pdf', '.docx', '.txt', '.md']);

export interface InputFile {
  /** Path to read. */
  path: string;
  /** Path relative to the folder it was found in (or the base name of a file given directly). */
  relative: string;
}

export interface CollectedInputs {
  files: InputFile[];
  skipped: string[];
  missing: string[];
}

async function walk(root: string, dir: string, result: CollectedInputs): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.') && entry.name !== 'node_modules') await walk(root, full, result);
    } else if (entry.isFile()) {
      if (CONTRACT_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) {
        result.files.push({ path: full, relative: path.relative(root, full) });
      } else {
        result.skipped.push(full);
      }
    }
  }
}

/** Expands files and folders (recursively) into the files to analyze, listing what was skipped. */
export async function collectInputs(inputs: readonly string[]): Promise<CollectedInputs> {
  const result: CollectedInputs = { files: [], skipped: [], missing: [] };
  for (const input of inputs) {
    const info = await stat(input).catch(() => null);
    if (!info) result.missing.push(input);
    else if (info.isDirectory()) await walk(input, input, result);
    else result.files.push({ path: input, relative: path.basename(input) });
  }
  return result;
}

/** Where a report goes: `<out>/<relative path>.json`. */
export function reportPath(outDir: string, input: InputFile, extension = '.json'): string {
  return path.join(outDir, `${input.relative}${extension}`);
}
