import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';

import { CONTRACT_EXTENSIONS } from '../lib/extract/detect.js';

/** Extensions analyzed when walking a folder; a file named explicitly is always analyzed. */
export { CONTRACT_EXTENSIONS };

export interface InputFile {
  /** Path to read. */
  path: string;
  /** Where its report goes, relative to the output folder, without the report's extension (unique). */
  relative: string;
}

export interface SkippedInput {
  path: string;
  reason: string;
}

export interface CollectedInputs {
  files: InputFile[];
  skipped: SkippedInput[];
  missing: string[];
  /** Inputs whose report path was changed so that no report overwrites another. */
  renamed: Array<{ path: string; from: string; to: string }>;
}

interface Walk {
  result: CollectedInputs;
  /** Real paths already read: a file reached twice (a link, or given twice) is analyzed once. */
  seenFiles: Map<string, string>;
  /** Real paths of the folders on the current branch, to stop at a link that points back up. */
  branch: Set<string>;
}

async function addFile(walk: Walk, file: string, relative: string): Promise<void> {
  const real = await realpath(file);
  const first = walk.seenFiles.get(real);
  if (first !== undefined) {
    walk.result.skipped.push({ path: file, reason: `the same file as ${first}` });
    return;
  }
  walk.seenFiles.set(real, file);
  walk.result.files.push({ path: file, relative });
}

async function walkFolder(walk: Walk, root: string, dir: string): Promise<void> {
  const real = await realpath(dir);
  if (walk.branch.has(real)) {
    walk.result.skipped.push({ path: dir, reason: 'a symbolic link to a folder that contains it (a loop)' });
    return;
  }
  walk.branch.add(real);
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    // Symbolic links are followed: stat says what they point to.
    const info = entry.isSymbolicLink() ? await stat(full).catch(() => null) : entry;
    if (info === null) {
      walk.result.skipped.push({ path: full, reason: 'a broken symbolic link' });
    } else if (info.isDirectory()) {
      if (!entry.name.startsWith('.') && entry.name !== 'node_modules') await walkFolder(walk, root, full);
    } else if (!info.isFile()) {
      walk.result.skipped.push({ path: full, reason: 'not a regular file' });
    } else if (!CONTRACT_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) {
      walk.result.skipped.push({
        path: full,
        reason: `not a contract file type (${path.extname(entry.name) || 'no extension'}; folders are searched for .pdf, .docx, .txt and .md)`,
      });
    } else {
      await addFile(walk, full, path.relative(root, full));
    }
  }
  walk.branch.delete(real);
}

/** The report paths made unique: a clash is resolved by the input's path from the current folder, then by a numbered suffix. */
function disambiguate(result: CollectedInputs, cwd: string): void {
  const key = (relative: string) => relative.toLowerCase();
  const taken = new Set<string>();
  const counts = new Map<string, number>();
  for (const file of result.files) counts.set(key(file.relative), (counts.get(key(file.relative)) ?? 0) + 1);
  for (const file of result.files) {
    let relative = file.relative;
    if ((counts.get(key(relative)) ?? 0) > 1) {
      const fromCwd = path.relative(cwd, path.resolve(file.path));
      if (!fromCwd.startsWith('..') && !path.isAbsolute(fromCwd) && !taken.has(key(fromCwd))) relative = fromCwd;
    }
    if (taken.has(key(relative))) {
      const extension = path.extname(relative);
      const stem = relative.slice(0, relative.length - extension.length);
      let number = 2;
      while (taken.has(key(`${stem}~${number}${extension}`))) number++;
      relative = `${stem}~${number}${extension}`;
    }
    if (relative !== file.relative) result.renamed.push({ path: file.path, from: file.relative, to: relative });
    file.relative = relative;
    taken.add(key(relative));
  }
}

/** Expands files and folders (recursively, following links) into the files to analyze, each with a unique report path; what is not analyzed is listed with the reason. */
export async function collectInputs(inputs: readonly string[], cwd = process.cwd()): Promise<CollectedInputs> {
  const walk: Walk = { result: { files: [], skipped: [], missing: [], renamed: [] }, seenFiles: new Map(), branch: new Set() };
  for (const input of inputs) {
    const info = await stat(input).catch(() => null);
    if (!info) walk.result.missing.push(input);
    else if (info.isDirectory()) await walkFolder(walk, input, input);
    else if (!info.isFile()) walk.result.skipped.push({ path: input, reason: 'not a regular file' });
    else await addFile(walk, input, path.basename(input));
  }
  disambiguate(walk.result, cwd);
  return walk.result;
}

/** Where a report goes: `<out>/<relative path>.json`. */
export function reportPath(outDir: string, input: InputFile, extension = '.json'): string {
  return path.join(outDir, `${input.relative}${extension}`);
}
