import type { ExtractedText } from './extract/types.js';

/** One text for the whole document; every later offset indexes `text`. */
export interface NormalizedText {
  text: string;
  /** Offset in `text` where each page starts (one entry for unpaginated formats). */
  pageStarts: number[];
  /** Non-blank characters of each page after normalisation: how much text the page really had. */
  pageChars: number[];
  paged: boolean;
  notes: string[];
  /** Per page, the OCR confidence (0–100) when the page was read by OCR, else null; absent when no page was. */
  pageOcr?: Array<number | null>;
}

/** A page with fewer non-blank characters than this is treated as having no text layer. */
export const MIN_PAGE_CHARS = 25;

/** 1-based numbers of the pages with (almost) no text: scans, or blank pages. Empty for formats without pages. */
export function pagesWithoutText(normalized: Pick<NormalizedText, 'pageChars' | 'paged'>): number[] {
  return normalized.paged ? normalized.pageChars.flatMap((chars, index) => (chars < MIN_PAGE_CHARS ? [index + 1] : [])) : [];
}

const LIGATURES: Record<string, string> = {
  '\uFB00': 'ff',
  '\uFB01': 'fi',
  '\uFB02': 'fl',
  '\uFB03': 'ffi',
  '\uFB04': 'ffl',
  '\uFB05': 'st',
  '\uFB06': 'st',
};

/** Characters that carry no text, or break quotes and matching, with what replaces each. */
const ODD_CHARACTERS =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: it removes control characters extracted text carries
  /\r\n?|[\uFB00-\uFB06\u00AD\u200B-\u200D\u2060\uFEFF\t\f\v\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000\u0000-\u0008\u000E-\u001F\u007F\u2028\u2029]/g;

function replaceOdd(character: string): string {
  if (character[0] === '\r' || character === '\u2028' || character === '\u2029') return '\n';
  const ligature = LIGATURES[character];
  if (ligature) return ligature;
  // Soft hyphens and zero-width characters disappear; every other odd space becomes a space.
  return /[\u00AD\u200B-\u200D\u2060\uFEFF]/.test(character) ? '' : ' ';
}

/** One pass for odd characters, one for runs of spaces, one for spaces at line ends. */
function cleanCharacters(raw: string): string {
  return raw.replace(ODD_CHARACTERS, replaceOdd).replace(/ {2,}/g, ' ').replace(/^ | $/gm, '');
}

const PAGE_NUMBER_LINE = /^(?:page\s*)?[-–—([]?\s*(?:\d{1,4}|[ivxlc]{1,6})\s*[-–—)\]]?(?:\s*(?:of|\/)\s*\d{1,4})?$/i;

/** Lines that differ only in digits (page numbers, dates) repeat as one header or footer. */
function repetitionKey(line: string): string {
  return line.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ');
}

const EDGE_LINES = 3;

/** Indexes of the first and last few non-blank lines of a page (scanning only from the ends). */
function edgeLineIndexes(lines: string[]): number[] {
  const top: number[] = [];
  for (let index = 0; index < lines.length && top.length < EDGE_LINES; index++) if (lines[index]!.length > 0) top.push(index);
  const bottom: number[] = [];
  const stop = top.length > 0 ? top[top.length - 1]! : -1;
  for (let index = lines.length - 1; index > stop && bottom.length < EDGE_LINES; index--) if (lines[index]!.length > 0) bottom.unshift(index);
  return [...top, ...bottom];
}

/**
 * Removes running headers, footers and page numbers: lines near the top or bottom of a page that
 * repeat (digits aside) on at least half of the pages, and bare page-number lines.
 */
function stripPageFurniture(pages: string[][]): { pages: string[][]; removed: number } {
  const pageCount = pages.length;
  const counts = new Map<string, number>();
  for (const lines of pages) {
    const seen = new Set(edgeLineIndexes(lines).map((index) => repetitionKey(lines[index]!)));
    for (const key of seen) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const threshold = Math.max(2, Math.ceil(pageCount / 2));
  let removed = 0;
  const stripped = pages.map((lines) => {
    const drop = new Set<number>();
    for (const index of edgeLineIndexes(lines)) {
      const line = lines[index]!;
      const repeated = pageCount >= 2 && (counts.get(repetitionKey(line)) ?? 0) >= threshold;
      if (repeated || PAGE_NUMBER_LINE.test(line)) drop.add(index);
    }
    removed += drop.size;
    return lines.filter((_, index) => !drop.has(index));
  });
  return { pages: stripped, removed };
}

/** Joins words hyphenated at a line end ("obliga-\ntions" becomes "obligations"). */
function joinHyphenatedLines(page: string): string {
  return page.replace(/([a-z])-\n([a-z])/g, '$1$2');
}

function countNonBlank(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code !== 32 && code !== 10) count++;
  }
  return count;
}

// A line of a source-code comment: an opening slash-star, a star leader, a double slash, a closing star-slash.
const COMMENT_LEADER = /^[ \t]*(?:\/\*+|\*+\/|\*+|\/\/+)[ \t]?/;
const COMMENT_OPENER = /^[ \t]*(?:\/\*|\/\/)/;
/** Share of non-blank lines that must carry a comment leader before they are taken off. */
const COMMENT_SHARE = 0.6;

// A licence kept as a comment block in a source file (" * 9. Export Control. …") reads as text
// once the comment leaders are taken off; left on, they hide every clause number and heading.
function stripCommentLeaders(pages: string[][]): { pages: string[][]; stripped: boolean } {
  const lines = pages.flat().filter((line) => line.trim().length > 0);
  if (lines.length === 0 || !lines.some((line) => COMMENT_OPENER.test(line))) return { pages, stripped: false };
  const commented = lines.filter((line) => COMMENT_LEADER.test(line)).length;
  if (commented / lines.length < COMMENT_SHARE) return { pages, stripped: false };
  return { pages: pages.map((page) => page.map((line) => line.replace(COMMENT_LEADER, '').replace(/[ \t]*\*+\/[ \t]*$/, ''))), stripped: true };
}

/** A line a text export repeats at every former page break ("Source: ACME INC, 10-K, 3/1/2019", "CONFIDENTIAL"). */
const FURNITURE = /^(?:source:|confidential|execution (?:version|copy)|page \d|\[?\*{3}\]?$)|confidential treatment/i;
const FURNITURE_REPEATS = 3;
/** A line repeated this often is furniture whatever it says (a running title). */
const RUNNING_REPEATS = 5;
/**
 * A line that starts a clause or an item is content, however often it repeats. Numbers, single
 * letters and roman numerals only: an abbreviation ("Doc. No.", "Dr.") starts no clause.
 */
const CLAUSE_START = /^(?:\(?(?:\d{1,3}(?:\.\d{1,3})*|[a-z]|[ivxlc]{1,5})[.)]|\d{1,3}(?:\.\d{1,3})+\s|article\b|section\b|clause\b|§)/i;

// A filed contract saved as text keeps what its pages repeated (the filing's source line, a
// confidentiality legend, a running title) in the middle of its sentences: without pages to find
// them at, they are the short lines the text repeats, and they are taken out like running headers.
function stripRepeatedLines(pages: string[][]): { pages: string[][]; removed: number } {
  const counts = new Map<string, number>();
  for (const line of pages.flat()) {
    const key = line.trim();
    if (key.length >= 8 && key.length <= 200) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const furniture = new Set(
    [...counts]
      .filter(([line, count]) => !CLAUSE_START.test(line) && (count >= RUNNING_REPEATS || (count >= FURNITURE_REPEATS && FURNITURE.test(line))))
      .map(([line]) => line),
  );
  if (furniture.size === 0) return { pages, removed: 0 };
  let removed = 0;
  const kept = pages.map((page) =>
    page.filter((line) => {
      if (!furniture.has(line.trim())) return true;
      removed++;
      return false;
    }),
  );
  return { pages: kept, removed };
}

/** A line that ends in the middle of a sentence: on a word or a comma, not on a stop, colon or bracket. */
const OPEN_SENTENCE_END = /[A-Za-z,]$/;
/** A line that can only continue a sentence: it starts with a lower-case word. */
const CONTINUATION_START = /^[a-z]{2}/;
/** "(iii)", "b)": the number of a list item on a line of its own, not a page number. */
const LIST_MARKER_LINE = /^\(|\)$/;
/** How many non-blank lines (page numbers, legends) a page break may put between the two halves of a sentence. */
const BREAK_REACH = 4;

/**
 * Joins a sentence that a page break cut in two ("…, which" / blank lines, a page number /
 * "prohibit export …"): the break would otherwise end the sentence and cut the clause in two.
 * Only blank lines, page numbers and furniture lines may stand between the halves.
 */
function healBrokenSentences(lines: string[]): { lines: string[]; healed: number } {
  const drop = new Set<number>();
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    if (!OPEN_SENTENCE_END.test(line)) continue;
    let next = index + 1;
    let blank = false;
    let furniture = 0;
    while (next < lines.length && furniture <= BREAK_REACH) {
      const gap = lines[next]!.trim();
      if (gap.length === 0) blank = true;
      else if ((PAGE_NUMBER_LINE.test(gap) && !LIST_MARKER_LINE.test(gap)) || FURNITURE.test(gap)) furniture++;
      else break;
      next++;
    }
    if (!blank || next >= lines.length || furniture > BREAK_REACH || !CONTINUATION_START.test(lines[next]!)) continue;
    for (let gap = index + 1; gap < next; gap++) drop.add(gap);
    index = next - 1;
  }
  if (drop.size === 0) return { lines, healed: 0 };
  const healed = [...drop].filter((index) => lines[index - 1] !== undefined && !drop.has(index - 1)).length;
  return { lines: lines.filter((_, index) => !drop.has(index)), healed };
}

export function normalizeText(extracted: ExtractedText): NormalizedText {
  const characters = extracted.pages.map((page) => cleanCharacters(page).split('\n'));
  const { pages: cleaned, stripped } = stripCommentLeaders(characters);
  const { pages: unfurnished, removed } = extracted.paged ? stripPageFurniture(cleaned) : stripRepeatedLines(cleaned);
  let healed = 0;
  const pages = unfurnished.map((lines) => {
    const result = healBrokenSentences(lines);
    healed += result.healed;
    return result.lines;
  });
  const notes = [...extracted.notes];
  if (stripped) notes.push('Read as a comment block of a source file: the comment markers at the start of each line were left out.');
  if (removed > 0) notes.push(`Removed ${removed} running header, footer and page-number lines.`);
  if (healed > 0) notes.push(`Joined ${healed} sentences that a page break had cut in two.`);

  const pageTexts = pages.map((lines) =>
    joinHyphenatedLines(
      lines
        .join('\n')
        .replace(/\n{3,}/g, '\n\n')
        .replace(/^\n+|\n+$/g, ''),
    ),
  );

  // Pages are collected as parts and joined once; testing the growing string itself would copy it on every page.
  const parts: string[] = [];
  const pageStarts: number[] = [];
  let length = 0;
  let previous = '';
  for (const page of pageTexts) {
    if (/[a-z]-$/.test(previous) && /^[a-z]/.test(page)) {
      // A word hyphenated across a page break joins like one across a line break.
      parts[parts.length - 1] = parts[parts.length - 1]!.slice(0, -1);
      length--;
    } else if (length > 0 && page.length > 0) {
      parts.push('\n');
      length++;
    }
    pageStarts.push(length);
    if (page.length === 0) continue;
    parts.push(page);
    length += page.length;
    previous = page;
  }
  const text = parts.join('');
  const normalized: NormalizedText = { text, pageStarts, pageChars: pageTexts.map(countNonBlank), paged: extracted.paged, notes };
  const read = extracted.ocr?.pages.filter((page) => page.read) ?? [];
  if (read.length > 0) {
    normalized.pageOcr = pageTexts.map(() => null);
    for (const page of read) normalized.pageOcr[page.page - 1] = page.confidence;
  }
  return normalized;
}

/** The OCR confidence of the page an offset is on, when that page was read by OCR. */
export function ocrConfidenceAt(normalized: Pick<NormalizedText, 'pageStarts' | 'paged' | 'pageOcr'>, offset: number): number | null {
  if (!normalized.pageOcr) return null;
  const page = pageAt(normalized, offset);
  return page === null ? null : (normalized.pageOcr[page - 1] ?? null);
}

/** 1-based page of an offset, or null for unpaginated formats. */
export function pageAt(normalized: Pick<NormalizedText, 'pageStarts' | 'paged'>, offset: number): number | null {
  if (!normalized.paged) return null;
  const starts = normalized.pageStarts;
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return low + 1;
}
