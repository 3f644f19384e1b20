import type { CountryRole, Evidence, GoverningLaw } from '../report/schema.js';
import type { TextIndex } from '../text-index.js';
import { fallbackGoverningLaw, findCountries, findMentions } from './countries.js';
import { findMaterials } from './materials.js';
import type { ExposureWatchlist } from './schema.js';
import { compile } from './watchlist-patterns.js';

/*
 * Exposure signals in a contract: the watchlisted materials it names, the countries it names in a
 * role (origin, supply, party, governing law), and its governing law. Pure functions over the
 * document's text index; every offset indexes the normalised text, so each quote is
 * exactly text.slice(start, end). What counts as a mention, and what gives it a role, is data
 * (the watchlist's patterns, guards and contexts); this file only applies it.
 */

export interface MaterialSignal {
  id: string;
  /** The words used, as written (whitespace collapsed). */
  terms: string[];
  evidence: Evidence[];
  /** Offset of the first mention, for ordering. */
  first: number;
}

export interface CountrySignal {
  code: string;
  role: CountryRole;
  evidence: Evidence[];
  first: number;
}

export interface ExposureSignals {
  materials: MaterialSignal[];
  countries: CountrySignal[];
  governingLaw: GoverningLaw | null;
}

/** Every exposure signal of a contract, in the order the report lists them. */
export function findExposureSignals(index: TextIndex, watchlist: ExposureWatchlist): ExposureSignals {
  const compiled = compile(watchlist);
  const materials = findMaterials(index, compiled);
  const countries = findCountries(index, compiled, findMentions(index, compiled));
  return { materials, countries: countries.signals, governingLaw: countries.governingLaw ?? fallbackGoverningLaw(index, compiled) };
}
