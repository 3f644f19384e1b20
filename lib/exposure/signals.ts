import { patternSource } from '../library/pattern.js';
import { splitSentences, type Sentence } from '../analysis/sentences.js';
import { pageAt, type NormalizedText } from '../normalize.js';
import type { CountryRole, Evidence, GoverningLaw } from '../report/schema.js';
import { headingOf, sectionLabel, type Segment } from '../segment.js';
import type { ExposureWatchlist, RoleContext, WatchlistCue } from './schema.js';

/*
 * Exposure signals in a contract: the watchlisted materials it names, the countries it names in a
 * role (origin, supply, party, governing law), and its governing law. Pure functions over the
 * normalised text and its segments; every offset indexes the normalised text, so each quote is
 * exactly text.slice(start, end). What counts as a mention, and what gives it a role, is data
 * (the watchlist's patterns, guards and contexts); this file only applies it.
 */

/** Evidence items kept per material and per country role. */
const EVIDENCE_LIMIT = 5;
const TERM_LIMIT = 10;
/** Mentions classified per country and matches kept per material: a 900-page exhibit of addresses must stay fast. */
const MENTION_LIMIT = 400;
/** A quote longer than this is cut to the part of its sentence around the term. */
const QUOTE_LIMIT = 320;
/** How far after a mention its "after" cues are tested. */
const AFTER_WINDOW = 120;
/** How far before a cue a negation is looked for ("shall not be sourced from"). */
const NEGATION_WINDOW = 25;
/** How much of a (long) sentence around a mention is searched for a choice-of-law phrase. */
const LAW_WINDOW = 400;

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

type MentionKind = 'name' | 'unambiguous' | 'adjective' | 'place';

interface Mention {
  code: string;
  kind: MentionKind;
  start: number;
  end: number;
  term: string;
}

// ---------------------------------------------------------------------------------------------
// Compiling the watchlist's patterns (once per watchlist object)

interface CompiledCue {
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

interface CompiledWatchlist {
  countries: CompiledCountry[];
  materials: CompiledMaterial[];
  blockers: RegExp[];
  negations: RegExp[];
  roles: Record<'origin' | 'supply' | 'destination' | 'party', CompiledRole>;
  governingLaw: CompiledRole & { sentence: RegExp[]; excludeBefore: CompiledCue[] };
  preambleChars: number;
}

/** A pattern's JavaScript source, with the library's whitespace convention. */
const body = patternSource;

function flags(caseSensitive: boolean): string {
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

/** The distinct words of a text in lower case, sorted, to ask whether any word starts with a prefix. */
class WordIndex {
  private readonly words: string[];

  constructor(lower: string) {
    const words = new Set<string>();
    let from = -1;
    for (let index = 0; index <= lower.length; index++) {
      const code = index < lower.length ? lower.charCodeAt(index) : 0;
      const word = (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 0xc0 && code <= 0x24f);
      if (word && from < 0) from = index;
      else if (!word && from >= 0) {
        words.add(lower.slice(from, index));
        from = -1;
      }
    }
    this.words = [...words].sort();
  }

  hasWordStartingWith(prefix: string): boolean {
    let low = 0;
    let high = this.words.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.words[middle]! < prefix) low = middle + 1;
      else high = middle;
    }
    return this.words[low]?.startsWith(prefix) ?? false;
  }
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

function compile(watchlist: ExposureWatchlist): CompiledWatchlist {
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

// ---------------------------------------------------------------------------------------------
// Small helpers over the text

function* matches(regex: RegExp, text: string): Generator<RegExpExecArray> {
  regex.lastIndex = 0;
  let match: RegExpExecArray | null;
  // biome-ignore lint/suspicious/noAssignInExpressions: the exec loop of a global regular expression
  while ((match = regex.exec(text)) !== null) {
    if (match[0].length === 0) {
      regex.lastIndex++;
      continue;
    }
    yield match;
  }
}

function test(regex: RegExp, text: string): boolean {
  regex.lastIndex = 0;
  const found = regex.test(text);
  regex.lastIndex = 0;
  return found;
}

/** Sorted, merged [start, end) ranges where any of the expressions match. */
function ranges(regexes: readonly RegExp[], text: string): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  for (const regex of regexes) for (const match of matches(regex, text)) found.push([match.index, match.index + match[0].length]);
  found.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const range of found) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([...range]);
  }
  return merged;
}

function overlapsAny(sorted: ReadonlyArray<[number, number]>, start: number, end: number): boolean {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle]![1] <= start) low = middle + 1;
    else high = middle;
  }
  const candidate = sorted[low];
  return candidate !== undefined && candidate[0] < end;
}

function collapse(term: string): string {
  return term.replace(/\s+/g, ' ').trim();
}

/** A country is a proper noun: the last word of the mention starts with a capital ("fine china" is no country). */
function properNoun(term: string): boolean {
  const words = collapse(term).split(' ');
  return /^\p{Lu}/u.test(words[words.length - 1] ?? '');
}

class TextIndex {
  readonly text: string;
  /** The distinct words of the text, to skip patterns that cannot match. */
  readonly words: WordIndex;
  private readonly sentences: Sentence[];
  private readonly starts: number[];

  constructor(
    readonly normalized: NormalizedText,
    private readonly segments: readonly Segment[],
  ) {
    this.text = normalized.text;
    this.words = new WordIndex(normalized.text.toLowerCase());
    this.sentences = splitSentences(this.text, 0, this.text.length);
    this.starts = segments.map((segment) => segment.start);
  }

  /** The sentence around an offset (the offset itself when it falls between sentences). */
  sentenceAt(offset: number): Sentence {
    let low = 0;
    let high = this.sentences.length - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (this.sentences[middle]!.start <= offset) {
        found = middle;
        low = middle + 1;
      } else high = middle - 1;
    }
    const sentence = found >= 0 ? this.sentences[found]! : undefined;
    return sentence && offset < sentence.end ? sentence : { start: offset, end: offset };
  }

  /** The number of the nearest numbered clause around an offset (or its ancestors'), else the nearest heading. */
  sectionAt(offset: number): string | null {
    const found = this.segmentAt(offset);
    return found < 0 ? null : sectionLabel(this.segments, found);
  }

  /** Index of the segment that contains an offset (the last one starting at or before it), or -1. */
  private segmentAt(offset: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (this.starts[middle]! <= offset) {
        found = middle;
        low = middle + 1;
      } else high = middle - 1;
    }
    return found;
  }

  /** Where the preamble ends: at the first numbered clause, but not before `minimum` characters. */
  preambleEnd(minimum: number): number {
    const numbered = this.segments.find((segment) => segment.number !== null);
    return Math.max(minimum, numbered?.start ?? 0);
  }

  /** The heading of the segment around an offset, when the segment has one. */
  private headingAt(offset: number): string | null {
    const found = this.segmentAt(offset);
    return found < 0 ? null : (headingOf(this.segments, found)?.heading ?? null);
  }

  /**
   * The sentence around [start, end) as evidence, without the heading line a sentence can start
   * with ("Governing Law\nThis Agreement is governed…"), cut to the part around the term when long.
   */
  evidence(start: number, end: number): Evidence {
    const sentence = this.sentenceAt(start);
    let from = Math.min(sentence.start, start);
    const heading = this.headingAt(start);
    if (heading) {
      const lead = this.text.slice(from, start);
      const at = lead.indexOf(heading);
      const lineEnd = at >= 0 ? lead.indexOf('\n', at + heading.length) : -1;
      if (lineEnd >= 0 && lead.slice(at + heading.length, lineEnd).trim() === '') from = nextWordStart(this.text, from + lineEnd);
      if (from > start) from = start;
    }
    let to = Math.max(sentence.end, end);
    if (to - from > QUOTE_LIMIT) {
      const margin = Math.max(0, Math.floor((QUOTE_LIMIT - (end - start)) / 2));
      const cutFrom = Math.max(from, start - margin);
      const cutTo = Math.min(to, end + margin);
      // Cut at word boundaries, never into the term itself.
      from = cutFrom > from ? Math.min(start, nextWordStart(this.text, cutFrom)) : from;
      to = cutTo < to ? Math.max(end, previousWordEnd(this.text, cutTo)) : to;
    }
    return { quote: this.text.slice(from, to), page: pageAt(this.normalized, from), start: from, end: to, section: this.sectionAt(from) };
  }
}

function nextWordStart(text: string, offset: number): number {
  let index = offset;
  while (index < text.length && !/\s/.test(text[index]!)) index++;
  while (index < text.length && /\s/.test(text[index]!)) index++;
  return index;
}

function previousWordEnd(text: string, offset: number): number {
  let index = offset;
  while (index > 0 && !/\s/.test(text[index - 1]!)) index--;
  while (index > 0 && /\s/.test(text[index - 1]!)) index--;
  return index;
}

// ---------------------------------------------------------------------------------------------
// Materials

function findMaterials(index: TextIndex, compiled: CompiledWatchlist): MaterialSignal[] {
  const text = index.text;
  const signals: MaterialSignal[] = [];
  for (const material of compiled.materials) {
    const patterns = material.patterns.regexesFor(index.words);
    if (patterns.length === 0) continue;
    const guarded = ranges(material.guards.regexesFor(index.words), text);
    const found: Array<{ start: number; end: number; term: string }> = [];
    for (const regex of patterns) {
      for (const match of matches(regex, text)) {
        const start = match.index;
        const end = start + match[0].length;
        if (!overlapsAny(guarded, start, end)) found.push({ start, end, term: collapse(match[0]) });
        if (found.length >= MENTION_LIMIT) break;
      }
    }
    if (found.length === 0) continue;
    found.sort((a, b) => a.start - b.start || b.end - a.end);
    const terms = [...new Set(found.map((hit) => hit.term))].slice(0, TERM_LIMIT);
    // One evidence item per sentence.
    const evidence: Evidence[] = [];
    for (const hit of found) {
      if (evidence.length >= EVIDENCE_LIMIT) break;
      const item = index.evidence(hit.start, hit.end);
      if (!evidence.some((other) => other.start <= hit.start && hit.end <= other.end)) evidence.push(item);
    }
    signals.push({ id: material.id, terms, evidence, first: found[0]!.start });
  }
  return signals.sort((a, b) => a.first - b.first);
}

// ---------------------------------------------------------------------------------------------
// Countries

function findMentions(index: TextIndex, compiled: CompiledWatchlist): Mention[] {
  const text = index.text;
  const mentions: Mention[] = [];
  for (const country of compiled.countries) {
    const scans = country.mentions.flatMap(({ kind, terms }) => terms.regexesFor(index.words).map((regex) => ({ kind, regex })));
    if (scans.length === 0) continue;
    const guarded = ranges(country.guards.regexesFor(index.words), text);
    const confirmed = country.confirm.empty || country.confirm.regexesFor(index.words).some((regex) => test(regex, text));
    let count = 0;
    for (const { kind, regex } of scans) {
      if (!confirmed && (kind === 'name' || kind === 'adjective')) continue;
      for (const match of matches(regex, text)) {
        const start = match.index;
        const end = start + match[0].length;
        if (!properNoun(match[0]) || overlapsAny(guarded, start, end)) continue;
        mentions.push({ code: country.code, kind, start, end, term: collapse(match[0]) });
        if (++count >= MENTION_LIMIT) break;
      }
    }
  }
  // Overlapping mentions: the longest wins ("People's Republic of China" over "Republic of China", "New Mexico" over "Mexico").
  mentions.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Mention[] = [];
  const taken: Array<[number, number]> = [];
  for (const mention of mentions) {
    if (taken.some(([start, end]) => start < mention.end && mention.start < end)) continue;
    kept.push(mention);
    taken.push([mention.start, mention.end]);
  }
  return kept.sort((a, b) => a.start - b.start);
}

interface MentionContext {
  /** The same sentence before the mention, from `windowStart`. */
  before: string;
  windowStart: number;
  /** The same sentence after the mention. */
  after: string;
  sentence: Sentence;
}

function contextOf(index: TextIndex, mention: Mention, reach: number): MentionContext {
  const sentence = index.sentenceAt(mention.start);
  const windowStart = Math.max(sentence.start, mention.start - reach);
  return {
    before: index.text.slice(windowStart, mention.start),
    windowStart,
    after: index.text.slice(mention.end, Math.min(Math.max(sentence.end, mention.end), mention.end + AFTER_WINDOW)),
    sentence,
  };
}

/**
 * How far before the mention the nearest cue ends (at most `maxGap` characters, with nothing
 * between that cuts the link), or null when no cue does.
 */
function cueBefore(cues: readonly CompiledCue[], context: MentionContext, maxGap: number, compiled: CompiledWatchlist, checkLinks: boolean): number | null {
  let nearest: number | null = null;
  for (const cue of cues) {
    let closest: RegExpExecArray | null = null;
    for (const match of matches(cue.regex, context.before)) closest = match;
    if (!closest) continue;
    const gap = context.before.slice(closest.index + closest[0].length);
    if (gap.length > maxGap) continue;
    if (checkLinks) {
      if (compiled.blockers.some((blocker) => test(blocker, gap))) continue;
      const lead = context.before.slice(Math.max(0, closest.index - NEGATION_WINDOW), closest.index);
      if (compiled.negations.some((negation) => test(negation, lead))) continue;
    }
    if (nearest === null || gap.length < nearest) nearest = gap.length;
  }
  return nearest;
}

function cueAfter(cues: readonly CompiledCue[], context: MentionContext, mention: Mention, preambleEnd: number): boolean {
  return cues.some((cue) => (!cue.preamble || mention.start < preambleEnd) && test(cue.regex, context.after));
}

function roleOf(index: TextIndex, mention: Mention, compiled: CompiledWatchlist, preambleEnd: number): CountryRole | null {
  const reach = Math.max(...Object.values(compiled.roles).map((role) => role.maxGap)) + 120;
  const context = contextOf(index, mention, reach);
  const adjective = mention.kind === 'adjective';

  const law = compiled.governingLaw;
  const sentenceText = index.text.slice(Math.max(context.sentence.start, mention.start - LAW_WINDOW), Math.min(context.sentence.end, mention.end + LAW_WINDOW));
  if (law.sentence.some((regex) => test(regex, sentenceText)) && cueBefore(law.excludeBefore, context, law.maxGap, compiled, false) === null) {
    const named = adjective
      ? cueAfter(law.afterAdjective, context, mention, preambleEnd)
      : cueBefore(law.before, context, law.maxGap, compiled, false) !== null || cueAfter(law.after, context, mention, preambleEnd);
    if (named) return 'governingLaw';
  }
  // The role whose cue is nearest wins ("sourced by the Manufacturer from plants in China": supply);
  // a cue right after the mention ("China-origin", ' ("Supplier")') counts as nearest.
  let best: { role: CountryRole; distance: number } | null = null;
  for (const role of ['origin', 'supply', 'destination', 'party'] as const) {
    const cues = compiled.roles[role];
    const distance = adjective
      ? cueAfter(cues.afterAdjective, context, mention, preambleEnd)
        ? 0
        : null
      : cueAfter(cues.after, context, mention, preambleEnd)
        ? 0
        : cueBefore(cues.before, context, cues.maxGap, compiled, true);
    if (distance !== null && (best === null || distance < best.distance)) best = { role, distance };
  }
  if (best) return best.role;
  return mention.kind === 'unambiguous' ? 'mentioned' : null;
}

const ROLE_ORDER: CountryRole[] = ['origin', 'supply', 'destination', 'party', 'governingLaw', 'mentioned'];

function findCountries(
  index: TextIndex,
  compiled: CompiledWatchlist,
  mentions: readonly Mention[],
): { signals: CountrySignal[]; governingLaw: GoverningLaw | null } {
  const preambleEnd = index.preambleEnd(compiled.preambleChars);
  const groups = new Map<string, CountrySignal>();
  let governingLaw: GoverningLaw | null = null;
  for (const mention of mentions) {
    const role = roleOf(index, mention, compiled, preambleEnd);
    if (role === null) continue;
    if (role === 'governingLaw' && governingLaw === null) {
      governingLaw = {
        jurisdiction: mention.kind === 'adjective' ? `${mention.term} law` : mention.term,
        countryCode: mention.code,
        evidence: index.evidence(mention.start, mention.end),
      };
    }
    const key = `${mention.code}:${role}`;
    const group = groups.get(key) ?? { code: mention.code, role, evidence: [], first: mention.start };
    groups.set(key, group);
    if (group.evidence.length < EVIDENCE_LIMIT && !group.evidence.some((other) => other.start <= mention.start && mention.end <= other.end)) {
      group.evidence.push(index.evidence(mention.start, mention.end));
    }
  }
  const signals = [...groups.values()].sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || a.first - b.first);
  return { signals, governingLaw };
}

/**
 * The governing law when no watchlisted country names it ("the laws of the Province of Ontario"
 * is found through Canada, "Ruritanian law" is not): the words after "laws of", or the capitalised
 * word before "law", in a sentence that chooses a law.
 */
function fallbackGoverningLaw(index: TextIndex, compiled: CompiledWatchlist): GoverningLaw | null {
  const text = index.text;
  const seen = new Set<number>();
  let checked = 0;
  for (const cue of compiled.governingLaw.sentence) {
    for (const match of matches(cue, text)) {
      const sentence = index.sentenceAt(match.index);
      if (seen.has(sentence.start)) continue;
      seen.add(sentence.start);
      if (++checked > 20) return null;
      const sentenceText = text.slice(sentence.start, sentence.end);
      const named =
        /\blaws?\s+of\s+(?:the\s+)?((?:(?:State|Commonwealth|Province|Republic|Kingdom|Canton|Emirate)\s+of\s+)?\p{Lu}[\p{L}'’-]*(?:\s+(?:and\s+)?\p{Lu}[\p{L}'’-]*){0,3})/u.exec(
          sentenceText,
        ) ??
        /\b(?:governed\s+by|construed\s+(?:in\s+accordance\s+with|under)|subject\s+to)\s+(?:the\s+)?(\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*)?\s+laws?)\b/u.exec(
          sentenceText,
        );
      if (named?.[1]) {
        const start = sentence.start + named.index + named[0].length - named[1].length;
        const end = start + named[1].length;
        return { jurisdiction: collapse(named[1]), countryCode: null, evidence: index.evidence(start, end) };
      }
    }
  }
  return null;
}

/** Every exposure signal of a contract, in the order the report lists them. */
export function findExposureSignals(normalized: NormalizedText, segments: readonly Segment[], watchlist: ExposureWatchlist): ExposureSignals {
  const compiled = compile(watchlist);
  const index = new TextIndex(normalized, segments);
  const materials = findMaterials(index, compiled);
  const countries = findCountries(index, compiled, findMentions(index, compiled));
  return { materials, countries: countries.signals, governingLaw: countries.governingLaw ?? fallbackGoverningLaw(index, compiled) };
}
