import { type Sentence, splitSentences } from '../analysis/sentences.js';
import { type NormalizedText, pageAt } from '../normalize.js';
import type { Evidence } from '../report/schema.js';
import { headingOf, type Segment, sectionLabel } from '../segment.js';

/*
 * The contract text as exposure reads it: its words (to skip patterns that cannot match), its
 * sentences, sections and pages, and the evidence of a match (a quote that is exactly
 * text.slice(start, end), cut to the part of a long sentence around the term).
 */

/** Evidence items kept per material and per country role. */
export const EVIDENCE_LIMIT = 5;
/** Mentions classified per country and matches kept per material: a 900-page exhibit of addresses must stay fast. */
export const MENTION_LIMIT = 400;
/** A quote longer than this is cut to the part of its sentence around the term. */
const QUOTE_LIMIT = 320;

/** The distinct words of a text in lower case, sorted, to ask whether any word starts with a prefix. */
export class WordIndex {
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

export function* matches(regex: RegExp, text: string): Generator<RegExpExecArray> {
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

export function test(regex: RegExp, text: string): boolean {
  regex.lastIndex = 0;
  const found = regex.test(text);
  regex.lastIndex = 0;
  return found;
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

export function collapse(term: string): string {
  return term.replace(/\s+/g, ' ').trim();
}

/** A country is a proper noun: the last word of the mention starts with a capital ("fine china" is no country). */
export function properNoun(term: string): boolean {
  const words = collapse(term).split(' ');
  return /^\p{Lu}/u.test(words[words.length - 1] ?? '');
}

export class TextIndex {
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
