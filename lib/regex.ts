/*
 * Helpers for the global regular expressions compiled from the clause library and the watchlist:
 * each one resets `lastIndex`, so a shared compiled expression never carries state between calls.
 */

/** The text as a literal inside a regular expression's source. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** True when the pattern matches anywhere in the text. */
export function test(pattern: RegExp, text: string): boolean {
  pattern.lastIndex = 0;
  const result = pattern.test(text);
  pattern.lastIndex = 0;
  return result;
}

/** A backreference or a named group: such an expression keeps its own group numbers, so it is not merged. */
const GROUP_DEPENDENT = /\\[1-9]|\\k<|\(\?<(?![=!])/;

/** The longest alternation `anyOf` builds unless told otherwise, in characters of source. */
const MERGED_SOURCE_MAX = 5_000;

/**
 * The longest alternation for an expression that is only tested (does any of the patterns match?),
 * where how the patterns are grouped cannot change the answer: fewer, longer alternations scan a
 * text fewer times. The force-majeure gate in alternations of at most 12,000 characters (3 of them)
 * took 15 ms over the segments of the 200-page benchmark contract, in alternations of at most 5,000 (8) 19 ms.
 */
export const TESTED_SOURCE_MAX = 12_000;

/** Expressions of one set of flags that `anyOf` merges into one, with their sources' total length. */
interface Alternation {
  flags: string;
  sources: string[];
  length: number;
}

/**
 * Merges expressions into few that match where any of them matches: alternations of one set of
 * flags, each at most `maxSource` characters long. Testing a text once against an
 * alternation is faster than testing it against each expression in turn, which matters for the
 * gates every segment of a long contract meets, but only up to a size: one alternation of the whole
 * force-majeure gate (21,000 characters) took 555 ms over the sentences of the 200-page benchmark
 * contract, the same expressions in alternations of at most 5,000 characters 34 ms.
 */
export function anyOf(patterns: readonly RegExp[], maxSource = MERGED_SOURCE_MAX): RegExp[] {
  const groups: Alternation[] = [];
  // The group still open for each set of flags.
  const open = new Map<string, Alternation>();
  const kept: RegExp[] = [];
  for (const pattern of patterns) {
    if (GROUP_DEPENDENT.test(pattern.source)) {
      kept.push(pattern);
      continue;
    }
    let group = open.get(pattern.flags);
    if (group === undefined || group.length + pattern.source.length > maxSource) {
      group = { flags: pattern.flags, sources: [], length: 0 };
      groups.push(group);
      open.set(pattern.flags, group);
    }
    group.sources.push(pattern.source);
    group.length += pattern.source.length;
  }
  const merged = groups.map(({ flags, sources }) => new RegExp(sources.length === 1 ? sources[0]! : sources.map((source) => `(?:${source})`).join('|'), flags));
  return [...merged, ...kept];
}

/** True when any of the patterns matches anywhere in the text. */
export function testAny(patterns: readonly RegExp[], text: string): boolean {
  return patterns.some((pattern) => test(pattern, text));
}

/** Every non-empty match of a global expression, in order. */
export function* matches(regex: RegExp, text: string): Generator<RegExpExecArray> {
  regex.lastIndex = 0;
  try {
    let match: RegExpExecArray | null;
    // biome-ignore lint/suspicious/noAssignInExpressions: the exec loop of a global regular expression
    while ((match = regex.exec(text)) !== null) {
      if (match[0].length === 0) {
        regex.lastIndex++;
        continue;
      }
      yield match;
    }
  } finally {
    // Also when the caller stops early.
    regex.lastIndex = 0;
  }
}

/** The first match, or null. */
export function firstMatch(pattern: RegExp, text: string): RegExpExecArray | null {
  pattern.lastIndex = 0;
  const match = pattern.exec(text);
  pattern.lastIndex = 0;
  return match;
}

/** The number of distinct matched strings (lower-cased, whitespace collapsed), counting at most `limit`. */
export function distinctMatches(pattern: RegExp, text: string, limit: number): number {
  const seen = new Set<string>();
  for (const match of matches(pattern, text)) {
    seen.add(match[0].toLowerCase().replace(/\s+/g, ' '));
    if (seen.size >= limit) break;
  }
  return seen.size;
}

/** Sorted, merged [start, end) ranges where any of the expressions match. */
export function ranges(regexes: readonly RegExp[], text: string): Array<[number, number]> {
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

/** Whether [start, end) overlaps any of the sorted, disjoint ranges (binary search). */
export function overlapsAny(sorted: ReadonlyArray<[number, number]>, start: number, end: number): boolean {
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
