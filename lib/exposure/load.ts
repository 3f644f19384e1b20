import defaultWatchlistJson from '../library/exposure-watchlist.json' with { type: 'json' };
import { libraryDataKind } from '../library/validate.js';
import { ExposureWatchlist } from './schema.js';

const watchlist = libraryDataKind(ExposureWatchlist, 'exposure watchlist', defaultWatchlistJson);

/** Validates an exposure watchlist given as parsed JSON; a bad one is a `library_invalid` error naming the field. */
export const parseWatchlist: (value: unknown, source?: string) => ExposureWatchlist = watchlist.parse;

/** Parses and validates an exposure watchlist from JSON text. */
export const parseWatchlistJson: (json: string, source?: string) => ExposureWatchlist = watchlist.parseJson;

/** The exposure watchlist that ships with clausewatch, beside the clause library. */
export const loadDefaultWatchlist: () => ExposureWatchlist = watchlist.loadDefault;

/** The built-in watchlist validated in full, every pattern against its examples (`npm run build` and the tests). */
export const checkDefaultWatchlist: () => ExposureWatchlist = watchlist.checkDefault;
