import { ClausewatchError } from '../errors.js';
import { describeIssues } from '../library/load.js';
import defaultWatchlistJson from '../library/exposure-watchlist.json' with { type: 'json' };
import { ExposureWatchlist } from './schema.js';

/** Validates an exposure watchlist given as parsed JSON; a bad one is a `library_invalid` error naming the field. */
export function parseWatchlist(value: unknown, source = 'exposure watchlist'): ExposureWatchlist {
  const result = ExposureWatchlist.safeParse(value);
  if (!result.success) {
    throw new ClausewatchError('library_invalid', `The ${source} is invalid: ${describeIssues(result.error.issues)}`, { cause: result.error });
  }
  return result.data;
}

/** Parses and validates an exposure watchlist from JSON text. */
export function parseWatchlistJson(json: string, source = 'exposure watchlist'): ExposureWatchlist {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new ClausewatchError('library_invalid', `The ${source} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  return parseWatchlist(value, source);
}

let defaultWatchlist: ExposureWatchlist | undefined;

/** The exposure watchlist that ships with clausewatch, beside the clause library. */
export function loadDefaultWatchlist(): ExposureWatchlist {
  defaultWatchlist ??= parseWatchlist(defaultWatchlistJson, 'built-in exposure watchlist');
  return defaultWatchlist;
}
