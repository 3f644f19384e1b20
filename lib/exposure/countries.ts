import type { CountryRole, GoverningLaw } from '../report/schema.js';
import type { CountrySignal } from './signals.js';
import type { Sentence } from '../analysis/sentences.js';
import { matches, overlapsAny, ranges, test } from '../regex.js';
import type { TextIndex } from '../text-index.js';
import { collapse, EVIDENCE_LIMIT, MENTION_LIMIT, properNoun } from './mentions.js';
import type { CompiledCue, CompiledWatchlist } from './watchlist-patterns.js';

/*
 * The countries a contract names, each in a role (origin, supply, destination, party, governing
 * law, or only mentioned), and its governing law where no clause states it in words.
 */

/** How far after a mention its "after" cues are tested. */
const AFTER_WINDOW = 120;
/** How far before a cue a negation is looked for ("shall not be sourced from"). */
const NEGATION_WINDOW = 25;
/** How much of a (long) sentence around a mention is searched for a choice-of-law phrase. */
const LAW_WINDOW = 400;

export type MentionKind = 'name' | 'unambiguous' | 'adjective' | 'place';

interface Mention {
  code: string;
  kind: MentionKind;
  start: number;
  end: number;
  term: string;
}

export function findMentions(index: TextIndex, compiled: CompiledWatchlist): Mention[] {
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

export function findCountries(
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
        evidence: index.evidenceAround(mention.start, mention.end),
      };
    }
    const key = `${mention.code}:${role}`;
    const group = groups.get(key) ?? { code: mention.code, role, evidence: [], first: mention.start };
    groups.set(key, group);
    if (group.evidence.length < EVIDENCE_LIMIT && !group.evidence.some((other) => other.start <= mention.start && mention.end <= other.end)) {
      group.evidence.push(index.evidenceAround(mention.start, mention.end));
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
export function fallbackGoverningLaw(index: TextIndex, compiled: CompiledWatchlist): GoverningLaw | null {
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
        return { jurisdiction: collapse(named[1]), countryCode: null, evidence: index.evidenceAround(start, end) };
      }
    }
  }
  return null;
}
