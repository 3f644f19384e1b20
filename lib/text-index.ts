import { type Sentence, splitSentences } from './analysis/sentences.js';
import { type NormalizedText, ocrConfidenceAt, pageAt } from './normalize.js';
import type { Evidence, Location } from './report/schema.js';
import { headingOf, type Segment, sectionLabel, segmentAt } from './segment.js';

/*
 * One document as the analyzers read it: the normalised text, its segments, sentences, words and
 * pages, and the one place evidence is made (a quote that is exactly text.slice(start, end), with
 * its section and page), for clause findings and exposure signals alike.
 */

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

export class TextIndex {
  readonly text: string;
  private wordIndex: WordIndex | undefined;
  private sentenceList: Sentence[] | undefined;

  constructor(
    readonly normalized: NormalizedText,
    readonly segments: readonly Segment[],
  ) {
    this.text = normalized.text;
  }

  /** The distinct words of the text, to skip patterns that cannot match. */
  get words(): WordIndex {
    this.wordIndex ??= new WordIndex(this.text.toLowerCase());
    return this.wordIndex;
  }

  private get sentences(): Sentence[] {
    this.sentenceList ??= splitSentences(this.text, 0, this.text.length);
    return this.sentenceList;
  }

  /** Where [start, end) is: the number of its clause, the nearest heading and the page. */
  location(segment: number, start: number, end: number): Location {
    const own = this.segments[segment] ?? null;
    const titled = headingOf(this.segments, segment);
    return { section: own?.number ?? titled?.number ?? null, heading: titled?.heading ?? null, page: pageAt(this.normalized, start), start, end };
  }

  /** Exactly [start, end) as evidence, with the section of its segment (by default the one it starts in) and, for an OCR'd page, its confidence. */
  quote(start: number, end: number, segment = this.segmentAt(start)): Evidence {
    const section = segment < 0 ? null : sectionLabel(this.segments, segment);
    const evidence: Evidence = { quote: this.text.slice(start, end), page: pageAt(this.normalized, start), start, end, section };
    const ocrConfidence = ocrConfidenceAt(this.normalized, start);
    if (ocrConfidence !== null) evidence.ocrConfidence = ocrConfidence;
    return evidence;
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

  /** Index of the segment that contains an offset (the last one starting at or before it), or -1. */
  segmentAt(offset: number): number {
    return segmentAt(this.segments, offset);
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
  evidenceAround(start: number, end: number): Evidence {
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
    return this.quote(from, to);
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
