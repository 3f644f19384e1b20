/** A sentence (or list item) inside a clause, as offsets into the document text. */
export interface Sentence {
  start: number;
  end: number;
}

const ABBREVIATIONS = new Set([
  'e.g',
  'i.e',
  'etc',
  'inc',
  'ltd',
  'co',
  'corp',
  'no',
  'nos',
  'art',
  'arts',
  'sec',
  'secs',
  'para',
  'paras',
  'cl',
  'mr',
  'mrs',
  'ms',
  'dr',
  'st',
  'vs',
  'v',
  'viz',
  'cf',
  'approx',
  'dept',
  'u.s',
  'u.k',
  'e.u',
  'p.r.c',
  'ag',
  'gmbh',
  'llc',
  'l.l.c',
  'plc',
  's.a',
  'b.v',
  'n.v',
  'pty',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sept',
  'oct',
  'nov',
  'dec',
]);

// A full stop also ends a sentence before a bullet ("excluded. - that we may …"). The second
// alternative is a full stop with the space lost in extraction ("as if delivered.War, strikes …").
// A text pasted from a web page may keep its markup: the end of a list item, paragraph or cell,
// or a line break, ends a sentence as its full stop would.
const BOUNDARY =
  /[.!?;]["”’)]*(?=\s+["“(]?[A-Z0-9(]|\s+[-•*▪–]\s)|(?<=[a-z]{2})[.!?](?=[A-Z][a-z])|\n\s*\n|\n(?=\s*(?:\(?[a-z]{1,3}\)|\(?[ivx]{1,5}\)|\d{1,3}(?:\.\d{1,3})*\.?\s))|<\/(?:li|p|div|td|th|tr|h[1-6]|LI|P|DIV|TD|TH|TR|H[1-6])>|<(?:br|BR)\s*\/?>/g;

export interface SplitOptions {
  /** Whether a semicolon before a capital or a list marker ends a sentence (default true). */
  semicolons?: boolean;
}

/**
 * Splits text[start, end) into sentences. Semicolons end a sentence only before a capital or a
 * list marker, so an event list ("fire; flood; embargo") stays one sentence.
 */
export function splitSentences(text: string, start: number, end: number, options: SplitOptions = {}): Sentence[] {
  const semicolons = options.semicolons ?? true;
  const span = text.slice(start, end);
  const sentences: Sentence[] = [];
  let from = 0;
  BOUNDARY.lastIndex = 0;
  let match: RegExpExecArray | null;
  // biome-ignore lint/suspicious/noAssignInExpressions: the exec loop of a global regular expression
  while ((match = BOUNDARY.exec(span)) !== null) {
    const boundary = match.index + match[0].length;
    if (!semicolons && match[0].startsWith(';')) continue;
    if (match[0].startsWith('.')) {
      const word = /([A-Za-z.]+)$/.exec(span.slice(Math.max(from, match.index - 12), match.index))?.[1]?.toLowerCase() ?? '';
      if (ABBREVIATIONS.has(word) || /^[a-z]$/.test(word) || /^([a-z]\.)+[a-z]?$/.test(word)) continue;
      // A list marker in its own words ("II. When …", "IV. Customers …") opens the sentence after it.
      if (/^[ivxl]{2,5}$/.test(word) && span.slice(from, match.index).trim().toLowerCase() === word) continue;
    }
    push(sentences, text, start + from, start + boundary);
    from = boundary;
  }
  push(sentences, text, start + from, end);
  return sentences;
}

function push(sentences: Sentence[], text: string, start: number, end: number): void {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  if (end > start) sentences.push({ start, end });
}

/**
 * The text with line breaks as spaces: patterns with "." then match across wrapped lines, and every
 * offset (and every non-space character) stays the same, so quotes are still cut from the original.
 */
export function flattenLines(text: string): string {
  return text.replace(/\n/g, ' ');
}

/**
 * An aside between a modal and its verb ("shall not, save as otherwise provided herein, be liable",
 * "may, by written notice to the other, terminate", "shall not (except as agreed in writing) be"),
 * or between a right and what it allows ("entitles Supplier, at its option, to suspend").
 */
const ASIDE = String.raw`(?:,[^,;:.()!?]{2,100},|\s\([^()]{2,100}\))`;
const MODAL_ASIDE = new RegExp(
  String.raw`\b(?:(?:shall|will|may|must|should|would|can|could|does|do|is|are)(?: not)?${ASIDE}(?=\s+[a-z])|(?:right|entitled|entitles? \w+|obliged|obligated|agrees?|undertakes?)${ASIDE}(?=\s+to\s))`,
  'gi',
);
/** Where the aside begins, after the modal or the right. */
const ASIDE_START = /[,(]/;

/**
 * The text with the asides after its modals and rights blanked (same length, so offsets hold), or
 * the text itself when it has none. The library's patterns read "shall not be liable" however a drafter interrupts
 * it; callers test the text as written too, since an aside may hold the clause's own words ("shall,
 * in the event of Force Majeure, be excused").
 */
export function withoutModalAsides(text: string): string {
  MODAL_ASIDE.lastIndex = 0;
  if (!MODAL_ASIDE.test(text)) return text;
  return text.replace(MODAL_ASIDE, (match) => {
    const at = match.search(ASIDE_START);
    return match.slice(0, at) + ' '.repeat(match.length - at);
  });
}

/** A word with inner points ("U.S.", "e.g.", "P.R.C.") or a short word with a final point ("Inc.", "No."). */
const ABBREVIATED = /\b(?:[A-Za-z]\.){2,}|\b[A-Za-z]{1,6}\.(?=[\s,;:)])/g;
/** Stands in for an abbreviation's point: not a point, so "[^.;]" in a pattern reads on past "U.S.". */
const ABBREVIATION_POINT = '\u2024';
/** Every rule reads the same sentences: the masked readings of the last few thousand are kept. */
const UNABBREVIATED_CACHE = 4_096;
const unabbreviated = new Map<string, string>();

/**
 * The text with the points of abbreviations ("U.S. export laws", "e.g. embargoes", "Acme Inc.")
 * masked, offsets unchanged, so a pattern that stops at a full stop reads on past them.
 */
export function withoutAbbreviationPoints(text: string): string {
  if (!text.includes('.')) return text;
  const known = unabbreviated.get(text);
  if (known !== undefined) return known;
  const masked = text.replace(ABBREVIATED, (word) =>
    /^(?:[A-Za-z]\.){2,}$/.test(word) || ABBREVIATIONS.has(word.slice(0, -1).toLowerCase()) ? word.replaceAll('.', ABBREVIATION_POINT) : word,
  );
  if (unabbreviated.size >= UNABBREVIATED_CACHE) unabbreviated.clear();
  unabbreviated.set(text, masked);
  return masked;
}

/**
 * The readings a pattern is tried on, in turn and each only when it differs from the one before:
 * the text as written, without its modal asides, then also without the points of abbreviations.
 * Offsets are the same in all of them.
 */
export function* readingsOf(text: string): Generator<string> {
  yield text;
  const plain = withoutModalAsides(text);
  if (plain !== text) yield plain;
  const unabbreviated = withoutAbbreviationPoints(plain);
  if (unabbreviated !== plain) yield unabbreviated;
}

export interface DocumentSentence extends Sentence {
  segment: number;
}

/** Every sentence of the document, each with the segment whose own text holds it. */
export function documentSentences(text: string, segments: ReadonlyArray<{ index: number; start: number; end: number }>): DocumentSentence[] {
  const sentences: DocumentSentence[] = [];
  for (const segment of segments) {
    for (const sentence of splitSentences(text, segment.start, segment.end)) sentences.push({ ...sentence, segment: segment.index });
  }
  return sentences;
}
