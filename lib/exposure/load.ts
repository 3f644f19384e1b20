import defaultWatchlistJson from '../library/exposure-watchlist.json' with { type: 'json' };
import { parseLibraryDataJson, validateLibraryData } from '../library/validate.js';
import { ExposureWatchlist } from './schema.js';

/** Validates an exposure watchlist given as parsed JSON; a bad one is a `library_invalid` error naming the field. */
export function parseWatchlist(value: unknown, source = 'exposure watchlist'): ExposureWatchlist {
  return validateLibraryData(ExposureWatchlist, value, source);
}

/** Parses and validates an exposure watchlist from JSON text. */
export function parseWatchlistJson(json: string, source = 'exposure watchlist'): ExposureWatchlist {
  return parseLibraryDataJson(ExposureWatchlist, json, source);
}

let defaultWatchlist: ExposureWatchlist | undefined;

/** The exposure watchlist that ships with clausewatch, beside the clause library. */
export function loadDefaultWatchlist(): ExposureWatchlist {
  defaultWatchlist ??= parseWatchlist(defaultWatchlistJson, 'built-in exposure watchlist');
  return defaultWatchlist;
}
