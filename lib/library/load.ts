import { ClauseLibrary } from './schema.js';
import defaultLibraryJson from './clause-library.json' with { type: 'json' };
import { parseLibraryDataJson, validateLibraryData } from './validate.js';

/** Validates a clause library given as parsed JSON; a bad library is a `library_invalid` error naming the field. */
export function parseLibrary(value: unknown, source = 'clause library'): ClauseLibrary {
  return validateLibraryData(ClauseLibrary, value, source);
}

/** Parses and validates a clause library from JSON text. */
export function parseLibraryJson(json: string, source = 'clause library'): ClauseLibrary {
  return parseLibraryDataJson(ClauseLibrary, json, source);
}

let defaultLibrary: ClauseLibrary | undefined;

/** The clause library that ships with clausewatch. */
export function loadDefaultLibrary(): ClauseLibrary {
  defaultLibrary ??= parseLibrary(defaultLibraryJson, 'built-in clause library');
  return defaultLibrary;
}
