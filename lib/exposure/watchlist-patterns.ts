import { patternSource } from '../library/pattern.js';
import type { ExposureWatchlist, RoleContext, WatchlistCue } from './schema.js';
import type { MentionKind } from './countries.js';
import type { WordIndex } from '../text-index.js';

/*
 * The watchlist's patterns compiled once per watchlist object: cues and roles as regular
 * expressions, names and terms joined into one expression per case sensitivity, and the literal
 * prefixes that let a scan skip patterns no word of the document can start.
 */

export interface CompiledCue {
  regex: RegExp;
  preamble: boolean;
}

interface CompiledRole {
  before: CompiledCue[];
  after: CompiledCue[];
  afterAdjective: CompiledCue[];
  maxGap: number;
}

interface CompiledCountry {
  code: string;
  mentions: Array<{ kind: MentionKind; terms: TermSet }>;
  guards: TermSet;
  confirm: TermSet;
}

interface CompiledMaterial {
  id: string;
  patterns: TermSet;
  guards: TermSet;
}

export interface CompiledWatchlist {
  countries: CompiledCountry[];
  materials: CompiledMaterial[];
  blockers: RegExp[];
  negations: RegExp[];
  roles: Record<'origin' | 'supply' | 'destination' | 'party', CompiledRole>;
  governingLaw: CompiledRole & { sentence: RegExp[]; excludeBefore: CompiledCue[] };
  preambleChars: number;
}

/** A pattern's JavaScript source, with the library's whitespace convention. */
export const body = patternSource;

export function flags(caseSensitive: boolean): string {
  return caseSensitive ? 'g' : 'gi';
}

/** Letters and digits for word boundaries, Latin accents included ("Türkiye", "München"); patterns are not compiled in Unicode mode. */
const WORD = 'A-Za-z0-9\\u00C0-\\u024F';

/** A cue as written: the pattern carries its own anchors and word boundaries. */
function compileCue(cue: WatchlistCue): CompiledCue {
  return { regex: new RegExp(body(cue.pattern), flags(cue.caseSensitive)), preamble: cue.preamble };
}

/** The index of the parenthesis that closes the group opening at `open`, or -1. */
function closingParen(pattern: string, open: number): number {
  let depth = 0;
  let inClass = false;
  for (let index = open; index < pattern.length; index++) {
    const character = pattern[index]!;
    if (character === '\\') index++;
    else if (inClass) inClass = character !== ']';
    else if (character === '[') inClass = true;
    else if (character === '(') depth++;
    else if (character === ')' && --depth === 0) return index;
  }
  return -1;
}

/** The top-level alternatives of a pattern ("a|b(c|d)" gives "a" and "b(c|d)"). */
function alternatives(pattern: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let inClass = false;
  let from = 0;
  for (let index = 0; index < pattern.length; index++) {
    const character = pattern[index]!;
    if (character === '\\') index++;
    else if (inClass) inClass = character !== ']';
    else if (character === '[') inClass = true;
    else if (character === '(') depth++;
    else if (character === ')') depth--;
    else if (character === '|' && depth === 0) {
      parts.push(pattern.slice(from, index));
      from = index + 1;
    }
  }
  parts.push(pattern.slice(from));
  return parts;
}

/**
 * The lower-case letters a match of the pattern must start with, one string per way it can start
 * ("people" for "People['’]s Republic of China", "magnet" for "magnets?", "fine" and "bone" for
 * "(?:fine|bone) china"), or null when that cannot be told. A document without a word starting
 * with one of them cannot match the pattern.
 */
export function literalPrefixes(pattern: string): string[] | null {
  const parts = alternatives(pattern);
  if (parts.length > 1) {
    const all = parts.map(literalPrefixes);
    return all.some((prefixes) => prefixes === null) ? null : (all.flat() as string[]);
  }
  if (pattern.startsWith('(?<!') || pattern.startsWith('(?<=')) {
    const close = closingParen(pattern, 0);
    return close < 0 ? null : literalPrefixes(pattern.slice(close + 1));
  }
  if (pattern.startsWith('(')) {
    const close = closingParen(pattern, 0);
    if (close < 0 || pattern.startsWith('(?=') || pattern.startsWith('(?!')) return null;
    const inner = pattern.slice(pattern.startsWith('(?:') ? 3 : 1, close);
    const after = pattern[close + 1];
    const own = literalPrefixes(inner);
    if (own === null) return null;
    if (after === '?' || after === '*') {
      const rest = literalPrefixes(pattern.slice(close + 2));
      return rest === null ? null : [...own, ...rest];
    }
    return own;
  }
  let prefix = '';
  for (const character of pattern) {
    if (/[?*{]/.test(character)) {
      prefix = prefix.slice(0, -1);
      break;
    }
    // The same letters as the word index and the word boundaries (Latin, with accents).
    if (!/[A-Za-z0-9\u00C0-\u024F]/.test(character)) break;
    prefix += character;
  }
  return prefix === '' ? null : [prefix.toLowerCase()];
}

/**
 * A list of names or terms, matched as whole words only ("India" not in "Indiana", "tin" not in
 * "tinted"). Scanning a long document once per pattern is the cost of exposure, so the patterns
 * that cannot match (no word of the document starts as they must) are left out before the scan,
 * and the rest are joined into one expression per case sensitivity.
 */
class TermSet {
  private readonly cues: Array<{ source: string; caseSensitive: boolean; prefixes: string[] | null }>;

  constructor(cues: readonly WatchlistCue[]) {
    this.cues = cues.map((cue) => ({ source: `(?:${body(cue.pattern)})`, caseSensitive: cue.caseSensitive, prefixes: literalPrefixes(cue.pattern) }));
  }

  get empty(): boolean {
    return this.cues.length === 0;
  }

  /** The expressions to scan a document with, given the words of the document. */
  regexesFor(words: WordIndex): RegExp[] {
    const groups = new Map<boolean, string[]>();
    for (const cue of this.cues) {
      if (cue.prefixes !== null && !cue.prefixes.some((prefix) => words.hasWordStartingWith(prefix))) continue;
      groups.set(cue.caseSensitive, [...(groups.get(cue.caseSensitive) ?? []), cue.source]);
    }
    return [...groups].map(([caseSensitive, sources]) => cachedRegex(`(?<![${WORD}])(?:${sources.join('|')})(?![${WORD}])`, flags(caseSensitive)));
  }
}

const regexCache = new Map<string, RegExp>();

function cachedRegex(source: string, regexFlags: string): RegExp {
  const key = `${regexFlags}/${source}`;
  let regex = regexCache.get(key);
  if (!regex) {
    if (regexCache.size > 5_000) regexCache.clear();
    regex = new RegExp(source, regexFlags);
    regexCache.set(key, regex);
  }
  return regex;
}

/** Cues joined into one expression per case sensitivity, to scan a long text once instead of once per cue. */
function compileAlternation(cues: readonly WatchlistCue[]): RegExp[] {
  const groups = new Map<boolean, string[]>();
  for (const cue of cues) groups.set(cue.caseSensitive, [...(groups.get(cue.caseSensitive) ?? []), `(?:${body(cue.pattern)})`]);
  return [...groups].map(([caseSensitive, sources]) => new RegExp(sources.join('|'), flags(caseSensitive)));
}

function compileRole(role: RoleContext, maxGap: number): CompiledRole {
  return {
    before: role.before.map(compileCue),
    after: role.after.map(compileCue),
    afterAdjective: role.afterAdjective.map(compileCue),
    maxGap: role.maxGap ?? maxGap,
  };
}

const compiledCache = new WeakMap<ExposureWatchlist, CompiledWatchlist>();

export function compile(watchlist: ExposureWatchlist): CompiledWatchlist {
  const cached = compiledCache.get(watchlist);
  if (cached) return cached;
  const { contexts } = watchlist;
  const compiled: CompiledWatchlist = {
    countries: watchlist.countries.map((country) => ({
      code: country.code,
      mentions: [
        { kind: 'unambiguous' as const, terms: new TermSet(country.unambiguous) },
        { kind: 'name' as const, terms: new TermSet(country.names) },
        { kind: 'place' as const, terms: new TermSet(country.places) },
        { kind: 'adjective' as const, terms: new TermSet(country.adjectives) },
      ],
      guards: new TermSet(country.guards),
      confirm: new TermSet(country.confirm),
    })),
    materials: watchlist.materials.map((material) => ({ id: material.id, patterns: new TermSet(material.patterns), guards: new TermSet(material.guards) })),
    blockers: contexts.blockers.map((cue) => compileCue(cue).regex),
    negations: contexts.negations.map((cue) => compileCue(cue).regex),
    roles: {
      origin: compileRole(contexts.origin, contexts.maxGap),
      supply: compileRole(contexts.supply, contexts.maxGap),
      destination: compileRole(contexts.destination, contexts.maxGap),
      party: compileRole(contexts.party, contexts.maxGap),
    },
    governingLaw: {
      ...compileRole(contexts.governingLaw, contexts.maxGap),
      sentence: compileAlternation(contexts.governingLaw.sentence),
      excludeBefore: contexts.governingLaw.excludeBefore.map(compileCue),
    },
    preambleChars: contexts.preambleChars,
  };
  compiledCache.set(watchlist, compiled);
  return compiled;
}
