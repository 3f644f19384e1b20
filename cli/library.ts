import { readFile } from 'node:fs/promises';
import { ClausewatchError } from '../lib/errors.js';
import { loadDefaultLibrary, parseLibraryJson } from '../lib/library/load.js';
import type { ClauseLibrary } from '../lib/library/schema.js';

/** The built-in library, or the user's library file, validated. */
export async function loadLibrary(file: string | undefined): Promise<{ library: ClauseLibrary; source: string }> {
  if (!file) return { library: loadDefaultLibrary(), source: 'built-in' };
  const json = await readFile(file, 'utf8').catch((error: unknown) => {
    throw new ClausewatchError('library_invalid', `The clause library file ${file} cannot be read: ${(error as Error).message}`, { cause: error });
  });
  return { library: parseLibraryJson(json, `clause library ${file}`), source: file };
}
