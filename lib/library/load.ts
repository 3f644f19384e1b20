import defaultLibraryJson from './clause-library.json' with { type: 'json' };
import { ClauseLibrary } from './schema.js';
import { libraryDataKind } from './validate.js';

const clauseLibrary = libraryDataKind(ClauseLibrary, 'clause library', defaultLibraryJson);

/** Validates a clause library given as parsed JSON; a bad library is a `library_invalid` error naming the field. */
export const parseLibrary: (value: unknown, source?: string) => ClauseLibrary = clauseLibrary.parse;

/** Parses and validates a clause library from JSON text. */
export const parseLibraryJson: (json: string, source?: string) => ClauseLibrary = clauseLibrary.parseJson;

/** The clause library that ships with clausewatch. */
export const loadDefaultLibrary: () => ClauseLibrary = clauseLibrary.loadDefault;

/** The built-in clause library validated in full, every pattern against its examples (`npm run build` and the tests). */
export const checkDefaultLibrary: () => ClauseLibrary = clauseLibrary.checkDefault;
