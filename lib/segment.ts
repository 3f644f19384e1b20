/**
 * Splits normalised contract text into a tree of sections and clauses. Every segment keeps its
 * number, heading, level and character offsets into the text it was given.
 */
export interface Segment {
  index: number;
  kind: 'heading' | 'clause' | 'paragraph';
  /** The clause number as written ("14", "14.2", "(a)", "Article XII"), or null. */
  number: string | null;
  heading: string | null;
  /**
   * A short title run into the first line of an unnumbered paragraph ("Export controls. The Buyer
   * …"): it may name the clause a paragraph holds, but unlike a heading it does not mark the
   * paragraph as being about something else.
   */
  runInTitle?: string;
  /** 1 for top-level sections; deeper numbering and lettering go deeper. Paragraphs sit below their clause. */
  level: number;
  /** Offsets of the segment's own text, up to the next segment. */
  start: number;
  end: number;
  /** End of the segment together with all its descendants. */
  subtreeEnd: number;
  parent: number | null;
}

interface Line {
  text: string;
  start: number;
  end: number;
}

interface Marker {
  kind: Segment['kind'];
  number: string | null;
  heading: string | null;
  level: number;
}

const PARAGRAPH_LEVEL = 9;
/** A line that is only a page number ("6", "- 4 -", "Page -4-", "Page 3 of 9"), left in text exports between pages. */
const PAGE_NUMBER_LINE = /^(?:page\s*)?[-–—(]?\s*\d{1,4}\s*[-–—)]?$|^page\s+\d{1,4}\s+of\s+\d{1,4}$/i;
/** A line that stops in mid-sentence, and one that carries on in lower case: a page break, not a new paragraph. */
const OPEN_ENDING = /[a-z0-9,;(-]$/;
const CONTINUATION = /^[a-z]/;
const ROMAN = '[IVXLC]+';
/** Article numbers written out, as translations of Spanish, French and Portuguese contracts have them ("CLAUSE FIFTEEN"). */
const SPELLED_NUMBER =
  '(?:(?:TWENTY|THIRTY|FORTY|Twenty|Thirty|Forty)[- ]?)?(?:ONE|TWO|THREE|FOUR|FIVE|SIX|SEVEN|EIGHT|NINE|TEN|ELEVEN|TWELVE|THIRTEEN|FOURTEEN|FIFTEEN|SIXTEEN|SEVENTEEN|EIGHTEEN|NINETEEN|TWENTY|THIRTY|FORTY|FIRST|SECOND|THIRD|FOURTH|FIFTH|SIXTH|SEVENTH|EIGHTH|NINTH|TENTH|One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Eleven|Twelve|Thirteen|Fourteen|Fifteen|Sixteen|Seventeen|Eighteen|Nineteen|Twenty|Thirty|Forty|First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth)(?![A-Za-z])';
const WORD_NUMBER = `(?:\\d+(?:\\.\\d+)*|${ROMAN}|${SPELLED_NUMBER}|[A-Z])`;

const ARTICLE_MARKER = new RegExp(
  `^((?:ARTICLE|Article|SECTION|Section|CLAUSE|Clause|PART|Part|SCHEDULE|Schedule|ANNEX|Annex|EXHIBIT|Exhibit|§)\\s*${WORD_NUMBER})\\.?(?:\\s*[-–—:.]\\s*|\\s+|$)(.*)$`,
);
const ARTICLE_HEADING = /^(?:ARTICLE|Article|CLAUSE|Clause|SECTION|Section|SCHEDULE|Schedule|ANNEX|Annex|EXHIBIT|Exhibit|§)/;
/** "VIII. Force Majeure": a section titled under a Roman numeral, as European terms of sale number their sections. */
const ROMAN_HEADING = /^([IVXLC]{1,6})\.\s+(\S.{1,80})$/;
const DECIMAL_MARKER = /^(\d{1,3}(?:\.\d{1,3}){0,4})(\.?)\s+(.*)$/;
const LETTER_MARKER = /^(\((?:[a-z]{1,2}|[ivxlc]{1,6}|\d{1,2}|[A-Z])\)|(?:[a-z]|[ivx]{1,4})\))\s+(.*)$/;
const NUMBER_WORD_ENDING =
  /\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand)$/i;
const MARKDOWN_HEADING = /^(#{1,6})\s+(.*)$/;
/** A Markdown table row, "| Force majeure | Neither party is liable ... |", and the rule under its header row. */
const TABLE_ROW = /^\|([^|]*)\|(.*)\|\s*$/;
const TABLE_RULE = /^\|?\s*:?-{3,}/;

const HEADING_STOPWORDS = new Set(['a', 'an', 'and', 'as', 'at', 'by', 'for', 'from', 'in', 'of', 'on', 'or', 'the', 'to', 'with', 'upon', 'under']);

function isAllCaps(text: string): boolean {
  const letters = text.replace(/[^A-Za-z]/g, '');
  return letters.length >= 3 && letters === letters.toUpperCase();
}

/** A heading names a topic; a line with a modal verb or many words is a sentence set in capitals. */
function headingLike(text: string): boolean {
  return text.split(/\s+/).length <= 12 && !/\b(?:shall|will|must)\b/i.test(text);
}

function isTitleCase(text: string): boolean {
  const words = text.split(/\s+/).filter((word) => /[A-Za-z]/.test(word));
  if (words.length === 0 || words.length > 8) return false;
  return words.every((word, index) => {
    const bare = word.replace(/^[^A-Za-z]+|[^A-Za-z]+$/g, '');
    if (bare.length === 0) return true;
    if (index > 0 && HEADING_STOPWORDS.has(bare.toLowerCase())) return true;
    return /^[A-Z]/.test(bare);
  });
}

/** A heading does not end in "of", "the" or "and": such a line is the wrapped start of a sentence. */
function endsInStopword(text: string): boolean {
  const lastWord = text
    .split(/\s+/)
    .pop()!
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();
  return HEADING_STOPWORDS.has(lastWord);
}

/** A short run-in heading at the start of a clause body: "Force Majeure. Neither party ..." */
function runInHeading(body: string): string | null {
  const match = /^([^.;:]{2,80}?)[.:]\s+(\S|$)/.exec(body) ?? /^([^.;:]{2,80})[.:]?$/.exec(body);
  if (!match) return null;
  const candidate = match[1]!.trim();
  if (endsInStopword(candidate)) return null;
  if ((isAllCaps(candidate) || isTitleCase(candidate)) && headingLike(candidate)) return candidate.replace(/[.:\s]+$/, '');
  return null;
}

/**
 * A numbered line that holds only a short phrase in sentence case ("4. Force majeure", "7. Retention
 * of title"), as European terms write their headings: a heading, unless it reads as the start of a
 * wrapped sentence (it ends in "the", "of", "and" …, or holds a verb such as "shall").
 */
function sentenceCaseHeading(body: string): string | null {
  const text = body.trim();
  if (!/^[A-Z][a-z]/.test(text) || /[.;:,!?]$/.test(text) || /\d/.test(text)) return null;
  if (text.split(/\s+/).length > 6 || endsInStopword(text)) return null;
  return headingLike(text) && !/\b(?:is|are|was|were|be|been|has|have|may|can|should|would|could)\b/i.test(text) ? text : null;
}

/**
 * A short title run into the first line of an unnumbered paragraph, as web pages and letters set
 * them: "Export controls. The Buyer ...", "Force Majeure. Neither party ...". Title or sentence
 * case, at most five words, no figure, verb or pronoun, and a sentence starting after it.
 */
function paragraphRunInTitle(line: string): string | null {
  const match = /^([A-Z][A-Za-z'’&/ -]{1,60}?)\.\s+(?=["“(]?[A-Z])/.exec(line);
  if (!match) return null;
  const candidate = match[1]!.trim();
  const words = candidate.split(/\s+/);
  if (words.length > 5 || endsInStopword(candidate) || !headingLike(candidate)) return null;
  if (RUN_IN_NOT_A_TITLE.test(candidate)) return null;
  const sentenceCase = words.slice(1).every((word) => !/^[A-Z]/.test(word) || /^[A-Z]{2,}$/.test(word));
  return isTitleCase(candidate) || isAllCaps(candidate) || sentenceCase ? candidate : null;
}

/** Words a title does not hold: verbs and pronouns make a short first sentence ("We agree.", "Thank you."). */
const RUN_IN_NOT_A_TITLE =
  /\b(?:is|are|was|were|be|been|being|has|have|had|do|does|did|may|can|should|would|could|might|shall|will|must|i|we|you|he|she|it|they|us|our|your|this|that|these|those|please|thank|yes|no|not|see|click|read|note)\b/i;

function standaloneHeading(line: string, previous: Line | undefined, previousWasHeading: boolean): boolean {
  if (line.length < 3 || line.length > 90) return false;
  if (/[,;]$/.test(line)) return false;
  // A heading may follow another ("ARTICLE 12" above "FORCE MAJEURE"), not a line of a paragraph set in capitals.
  const previousText = previous?.text.trim() ?? '';
  const afterBreak = previous === undefined || previousText === '' || /[.:;!?)]$/.test(previousText) || previousWasHeading;
  if (!afterBreak) return false;
  if (isAllCaps(line)) return headingLike(line) && !/^[A-Z]\.?$/.test(line);
  return isTitleCase(line.replace(/[.:]$/, '')) && !/[.]\s/.test(line);
}

function decimalLevel(number: string): number {
  return number.split('.').length;
}

function classify(line: string, previous: Line | undefined, previousWasHeading: boolean, lastNumberedLevel: number): Marker | null {
  // Terms published as a Markdown table hold one provision per row, its first cell often the title.
  const row = TABLE_ROW.exec(line);
  if (row) {
    if (TABLE_RULE.test(line)) return null;
    const first = row[1]!.trim();
    const titled = first.length > 0 && first.length <= 60 && !/[.;:,]$/.test(first) && row[2]!.replace(/\|/g, '').trim().length > 0;
    return { kind: 'clause', number: null, heading: titled ? first : null, level: PARAGRAPH_LEVEL };
  }
  const markdown = MARKDOWN_HEADING.exec(line);
  if (markdown) {
    const inner = markdown[2]!.trim();
    const decimal = DECIMAL_MARKER.exec(inner);
    return {
      kind: 'heading',
      number: decimal ? decimal[1]! : null,
      heading: decimal ? decimal[3]!.trim() : inner,
      level: decimal ? decimalLevel(decimal[1]!) : markdown[1]!.length,
    };
  }
  const article = ARTICLE_MARKER.exec(line);
  if (article) {
    const rest = article[2]!.trim();
    const dotted = /(\d+(?:\.\d+)+)/.exec(article[1]!);
    return {
      kind: rest === '' ? 'heading' : 'clause',
      number: article[1]!.replace(/\s+/g, ' '),
      heading: rest === '' ? null : (runInHeading(rest) ?? (rest.length <= 90 && !/[.;,]$/.test(rest) ? rest : null)),
      level: dotted ? decimalLevel(dotted[1]!) : 1,
    };
  }
  const roman = ROMAN_HEADING.exec(line);
  if (roman) {
    const title = roman[2]!.trim();
    if (!/[.;,:]$/.test(title) && !/[.;]\s/.test(title) && (isAllCaps(title) || isTitleCase(title))) {
      return { kind: 'heading', number: roman[1]!, heading: title, level: 1 };
    }
  }
  const decimal = DECIMAL_MARKER.exec(line);
  if (decimal) {
    const [, number, dot, body] = decimal as unknown as [string, string, string, string];
    const dotted = number.includes('.');
    // "30 days after ..." in wrapped text is no clause: a bare number needs a dot or a capital after it.
    if (dotted || dot === '.' || /^[A-Z("“]/.test(body)) {
      if (!dotted && dot === '' && !/^[A-Z]/.test(body)) return null;
      return { kind: 'clause', number, heading: runInHeading(body) ?? sentenceCaseHeading(body), level: decimalLevel(number) };
    }
    return null;
  }
  const letter = LETTER_MARKER.exec(line);
  // "... more than sixty" / "(60) days ...": the figure of a wrapped number, not a list item.
  if (letter && /^\(\d/.test(letter[1]!) && previous && NUMBER_WORD_ENDING.test(previous.text.trim())) return null;
  if (letter) {
    return { kind: 'clause', number: letter[1]!, heading: runInHeading(letter[2]!), level: Math.max(lastNumberedLevel, 1) + 1 };
  }
  if (standaloneHeading(line, previous, previousWasHeading)) {
    return { kind: 'heading', number: null, heading: line.replace(/[.:]$/, ''), level: 1 };
  }
  return null;
}

/** Lines longer than this may hold whole sections whose line breaks were lost (text exported from filings). */
const RUN_ON_LINE = 500;
/**
 * A section that starts inside such a line: "… ends here. 16. EXPORT CONTROL 16.1 Customer …", a
 * number, a title in capitals, and the same number's first sub-clause. Both the title and the
 * sub-clause then start lines of their own; the text itself is not changed.
 */
const RUN_IN_SECTION = /(?<=[.;:)\]"”] {1,6})(\d{1,2})\.? {1,3}[A-Z][A-Za-z0-9,&/'’() -]{2,60}? {1,3}(?=\1\.1\.? [A-Z"“(])/g;
/**
 * A section titled in capitals with no numbered sub-clause after it: "… convention. 33. FORCE MAJEURE
 * If any Party …". The title must be capitals and the text after it an ordinary sentence.
 */
const RUN_IN_CAPS_SECTION = /(?<=[.;:)\]"”] {1,6})\d{1,2}\.? {1,3}(?=[A-Z][A-Z&'’-]{2,}(?: [A-Z&'’-]{2,}){0,5} (?:[A-Z][a-z]|[“"(]))/g;
/** A numbered sub-clause with a run-in title inside such a line: "… agreed. 8.3 Force Majeure. Neither party …". */
const RUN_IN_CLAUSE =
  /(?<=[.;:)\]"”] {1,6})\d{1,2}(?:\.\d{1,2}){1,3}\.? {1,3}(?=[A-Z][\w'’-]*(?: (?:[A-Z][\w'’-]*|of|and|or|the|to|for|in|on|with)){0,6}\. [A-Z"“(])/g;

/** The same with an article word: "… shall survive. ARTICLE NINE MISCELLANEOUS 9.1 Force Majeure. …" (checked for matching numbers). */
const RUN_IN_ARTICLE = new RegExp(
  `(?<=[.;:)\\]"”] {1,6})(?:ARTICLE|Article) {1,3}(\\d{1,2}|${ROMAN}|${SPELLED_NUMBER}) {1,3}[A-Z][A-Z0-9,&/'’() -]{2,60}? {1,3}(?=(\\d{1,2})\\.1\\.? [A-Z"“(])`,
  'g',
);
const UNITS = [
  'ONE',
  'TWO',
  'THREE',
  'FOUR',
  'FIVE',
  'SIX',
  'SEVEN',
  'EIGHT',
  'NINE',
  'TEN',
  'ELEVEN',
  'TWELVE',
  'THIRTEEN',
  'FOURTEEN',
  'FIFTEEN',
  'SIXTEEN',
  'SEVENTEEN',
  'EIGHTEEN',
  'NINETEEN',
];
const ORDINALS = ['FIRST', 'SECOND', 'THIRD', 'FOURTH', 'FIFTH', 'SIXTH', 'SEVENTH', 'EIGHTH', 'NINTH', 'TENTH'];
const TENS: Record<string, number> = { TWENTY: 20, THIRTY: 30, FORTY: 40 };
const ROMAN_VALUES: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100 };

/** The value of an article number written as digits, a Roman numeral or in words ("NINE", "Twenty-One", "Third"); NaN when unknown. */
export function articleNumberValue(written: string): number {
  if (/^\d+$/.test(written)) return Number(written);
  const upper = written.toUpperCase();
  if (/^[IVXLC]+$/.test(upper)) {
    let total = 0;
    for (let index = 0; index < upper.length; index++) {
      const value = ROMAN_VALUES[upper[index]!]!;
      const next = ROMAN_VALUES[upper[index + 1] ?? ''] ?? 0;
      total += value < next ? -value : value;
    }
    return total;
  }
  const [first, second] = upper.split(/[- ]+/);
  const word = (part: string) =>
    UNITS.includes(part) ? UNITS.indexOf(part) + 1 : ORDINALS.includes(part) ? ORDINALS.indexOf(part) + 1 : (TENS[part] ?? Number.NaN);
  return second === undefined ? word(first!) : (TENS[first!] ?? Number.NaN) + word(second);
}

/** Where a long line splits: at each run-in section title and after it (where its first sub-clause begins), and at each titled sub-clause. */
function runInBreaks(line: string): number[] {
  if (line.length <= RUN_ON_LINE) return [];
  const articles = [...line.matchAll(RUN_IN_ARTICLE)].filter((match) => articleNumberValue(match[1]!) === Number(match[2]));
  const sections = [...line.matchAll(RUN_IN_SECTION), ...articles].flatMap((match) => [match.index, match.index + match[0].length]);
  const clauses = [...line.matchAll(RUN_IN_CLAUSE), ...line.matchAll(RUN_IN_CAPS_SECTION)].map((match) => match.index);
  return [...new Set([...sections, ...clauses])].filter((at) => at > 0).sort((a, b) => a - b);
}

/** A line that holds only a clause number ("21.1", "16.", "(iii)"): its text is on the next line. */
const MARKER_ONLY_LINE = /^(?:\d{1,3}(?:\.\d{1,3}){1,4}\.?|\d{1,3}\.|\((?:[a-z]{1,2}|[ivxlc]{1,6}|\d{1,2})\))$/;

/**
 * Filings converted to text often put a clause's number on a line of its own ("21.1" / "This
 * Agreement may be terminated …"); the number and the line after it (past one blank line) are one.
 */
function joinMarkerLines(lines: Line[]): Line[] {
  const joined: Line[] = [];
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const marker = line.text.trim();
    if (MARKER_ONLY_LINE.test(marker)) {
      const next = lines[index + 1]?.text.trim() === '' ? index + 2 : index + 1;
      const body = lines[next];
      if (body && body.text.trim() !== '' && !MARKER_ONLY_LINE.test(body.text.trim())) {
        joined.push({ text: `${marker} ${body.text.trim()}`, start: line.start, end: body.end });
        index = next;
        continue;
      }
    }
    joined.push(line);
  }
  return joined;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start <= text.length) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    let from = start;
    for (const at of runInBreaks(text.slice(start, end))) {
      lines.push({ text: text.slice(from, start + at), start: from, end: start + at });
      from = start + at;
    }
    lines.push({ text: text.slice(from, end), start: from, end });
    if (newline === -1) break;
    start = newline + 1;
  }
  return lines;
}

/** A line that ends a sentence. */
const SENTENCE_END_LINE = /[.!?;:]["”’)]*\s*$/;
/**
 * Below this share of line breaks inside a sentence (the next line goes on in lower case), a text
 * is not hard-wrapped: it holds one paragraph per line (terms converted from web pages), and a line
 * that ends a sentence ends its paragraph even without a blank line after it.
 */
const WRAPPED_SHARE = 0.1;
const BULLET_LINE = /^(?:[-–•*▪●]|\d+\))\s/;

function oneParagraphPerLine(text: string, lines: readonly Line[]): boolean {
  let breaks = 0;
  let inSentence = 0;
  for (let index = 1; index < lines.length; index++) {
    const before = lines[index - 1]!;
    const after = lines[index]!.text.trim();
    if (before.text.trim() === '' || after === '' || text[before.end] !== '\n') continue;
    breaks++;
    if (/^[a-z]/.test(after)) inSentence++;
  }
  return breaks >= 1 && inSentence / breaks < WRAPPED_SHARE;
}

/** A numbered item's indentation and level, for the lists nested by indentation alone. */
interface IndentedItem {
  indent: number;
  level: number;
  /** Whether its level comes from its indentation (a list nested under the item above it). */
  nested: boolean;
}

/** The first number of a list: "1", "a", "i", "A", with or without brackets and a dot. */
const FIRST_OF_LIST = /^\(?(?:1|a|i|A)[.)]?$/;

/** Where an item stands among the lists nested by indentation: inside the item above, beside it, or at its own level. */
type IndentedPlacement = { indent: number; under: IndentedItem | null; as: 'child' | 'sibling' | 'own' };

/**
 * Text copied from web pages and Markdown nests a list by indentation alone: "1. We are not liable
 * if:" followed by "   1. … natural disasters", "   2. … orders of a government agency". An indented
 * list that starts again at one is inside the item above it, and its later items are its siblings;
 * a heading or a line back at the margin closes it.
 */
function indentedPlacement(marker: Marker, line: string, indents: IndentedItem[]): IndentedPlacement | null {
  if (marker.kind === 'heading' || marker.number === null) {
    indents.length = 0;
    return null;
  }
  const indent = /^[ \t]*/.exec(line)![0].replace(/\t/g, '    ').length;
  while (indents.length > 0 && indents[indents.length - 1]!.indent > indent + 1) indents.pop();
  const above = indents[indents.length - 1] ?? null;
  if (above && indent >= above.indent + 2 && FIRST_OF_LIST.test(marker.number)) return { indent, under: above, as: 'child' };
  if (above && Math.abs(indent - above.indent) <= 1 && above.nested) return { indent, under: above, as: 'sibling' };
  return { indent, under: above, as: 'own' };
}

/** Gives a nested item its level (once the item above has its own) and records it. */
function placeIndented(marker: Marker, placement: IndentedPlacement, indents: IndentedItem[]): void {
  const { indent, under, as } = placement;
  if (as === 'child') {
    marker.level = Math.max(marker.level, under!.level + 1);
    indents.push({ indent, level: marker.level, nested: true });
  } else if (as === 'sibling') {
    marker.level = under!.level;
  } else {
    if (under && Math.abs(indent - under.indent) <= 1) indents.pop();
    indents.push({ indent, level: marker.level, nested: false });
  }
}

export function segment(text: string): Segment[] {
  const segments: Segment[] = [];
  const lines = joinMarkerLines(splitLines(text));
  const unwrapped = oneParagraphPerLine(text, lines);
  let lastNumberedLevel = 0;
  let pendingHeadingOnly: Segment | null = null;
  let previous: Line | undefined;
  let lastContent: string | null = null;
  let paragraphBreak = true;
  let previousWasHeading = false;
  // After an "Article 21", "§ 7", "VIII.", "Schedule 4 — Title" or "### 21." heading, plain numbers that start
  // again at 1 ("1. If Party A ...") are its paragraphs, one level down, as Japanese, Chinese and German
  // contracts and terms copied from web pages number them.
  let nextParagraph: number | null = null;
  const indents: IndentedItem[] = [];

  const open = (marker: Marker, start: number): Segment => {
    const segment: Segment = { index: segments.length, ...marker, start, end: start, subtreeEnd: start, parent: null };
    segments.push(segment);
    return segment;
  };

  for (const line of lines) {
    const trimmed = line.text.trim();
    // A bulleted item stays with the list it belongs to.
    if (unwrapped && previous && text[previous.end] === '\n' && SENTENCE_END_LINE.test(previous.text) && !BULLET_LINE.test(trimmed)) paragraphBreak = true;
    if (trimmed === '' || (paragraphBreak && PAGE_NUMBER_LINE.test(trimmed))) {
      paragraphBreak = true;
      previous = line;
      continue;
    }
    // A sentence broken by blank lines (and a page number) goes on in the same clause.
    const continues = paragraphBreak && lastContent !== null && OPEN_ENDING.test(lastContent) && CONTINUATION.test(trimmed);
    lastContent = trimmed;
    if (continues) {
      paragraphBreak = false;
      previousWasHeading = false;
      previous = line;
      continue;
    }
    const marker = classify(trimmed, previous, previousWasHeading, lastNumberedLevel);
    const placement = marker ? indentedPlacement(marker, line.text, indents) : null;
    if (marker && marker.level === 1 && marker.number !== null && (placement === null || placement.as === 'own')) {
      if (ARTICLE_MARKER.test(trimmed)) {
        nextParagraph = ARTICLE_HEADING.test(trimmed) && (marker.kind === 'heading' || marker.heading !== null) ? 1 : null;
      } else if (marker.kind === 'heading' && (ROMAN_HEADING.test(trimmed) || (MARKDOWN_HEADING.test(trimmed) && /^\d+$/.test(marker.number)))) {
        nextParagraph = 1;
      } else if (/^\d+$/.test(marker.number) && nextParagraph !== null) {
        if (Number(marker.number) === nextParagraph) {
          marker.level = 2;
          nextParagraph++;
        } else {
          nextParagraph = null;
        }
      }
    }
    if (marker && placement) placeIndented(marker, placement, indents);
    // A line that is all heading ("ARTICLE 12", "(a) FORCE MAJEURE") may have another heading line below it.
    previousWasHeading = marker !== null && (marker.kind === 'heading' || (marker.heading !== null && isAllCaps(trimmed)));
    if (marker) {
      // "ARTICLE 12" on one line and "FORCE MAJEURE" on the next are one heading.
      if (pendingHeadingOnly && marker.kind === 'heading' && marker.number === null && pendingHeadingOnly.heading === null) {
        pendingHeadingOnly.heading = marker.heading;
        previous = line;
        paragraphBreak = false;
        continue;
      }
      if (marker.kind === 'heading' && marker.number === null && lastNumberedLevel > 0) {
        // An unnumbered heading inside a numbered document titles the next numbered clause or stands alone at level 1.
        marker.level = 1;
      }
      const segment = open(marker, line.start);
      if (marker.number !== null && !marker.number.startsWith('(') && !/^[a-z]+\)$/.test(marker.number)) {
        lastNumberedLevel = marker.level;
      }
      pendingHeadingOnly = marker.kind === 'heading' && marker.number !== null && marker.heading === null ? segment : null;
      paragraphBreak = false;
    } else if (paragraphBreak || segments.length === 0) {
      const paragraph = open({ kind: 'paragraph', number: null, heading: null, level: PARAGRAPH_LEVEL }, line.start);
      const title = paragraphRunInTitle(trimmed);
      if (title) paragraph.runInTitle = title;
      pendingHeadingOnly = null;
      paragraphBreak = false;
    }
    previous = line;
  }

  // Own text runs to the next segment; the tree follows levels with a stack.
  const stack: Segment[] = [];
  segments.forEach((segment, index) => {
    segment.end = index + 1 < segments.length ? segments[index + 1]!.start : text.length;
    while (stack.length > 0 && stack[stack.length - 1]!.level >= segment.level) stack.pop();
    segment.parent = stack.length > 0 ? stack[stack.length - 1]!.index : null;
    stack.push(segment);
  });
  for (let index = segments.length - 1; index >= 0; index--) {
    const segment = segments[index]!;
    segment.subtreeEnd = Math.max(segment.subtreeEnd, segment.end);
    if (segment.parent !== null) {
      const parent = segments[segment.parent]!;
      parent.subtreeEnd = Math.max(parent.subtreeEnd, segment.subtreeEnd);
    }
  }
  // Trailing whitespace belongs to no clause.
  for (const segment of segments) {
    while (segment.end > segment.start && /\s/.test(text[segment.end - 1]!)) segment.end--;
    while (segment.subtreeEnd > segment.start && /\s/.test(text[segment.subtreeEnd - 1]!)) segment.subtreeEnd--;
  }
  return segments;
}

/** The words that may name the clause a segment holds: its heading, or a title run into its first line; null when it has neither. */
export function namingTitle(segment: Segment): string | null {
  return segment.heading ?? segment.runInTitle ?? null;
}

/** The nearest segment (itself or an ancestor) that has a heading, for labelling evidence. */
export function headingOf(segments: readonly Segment[], index: number): Segment | null {
  let current: Segment | undefined = segments[index];
  while (current) {
    if (current.heading) return current;
    current = current.parent === null ? undefined : segments[current.parent];
  }
  return null;
}

/** The top-level section containing a segment. */
export function sectionOf(segments: readonly Segment[], index: number): Segment {
  let current = segments[index]!;
  while (current.parent !== null) current = segments[current.parent]!;
  return current;
}

/** A section at most this long is about one thing: its sub-clauses that refer back to a located clause join it, and a located clause or definition takes its sub-items with it. */
export const SHORT_SECTION = 5_000;

/** A lettered or roman clause number in brackets: "(a)", "(ii)". */
const LETTERED = /^\((?:[a-z]{1,2}|[ivx]{1,5})\)$/i;

/**
 * The sub-clauses beside a segment, in a section at most `maxLength` long, and the
 * section's number. Without a numbered parent (a filing whose article heading ran into the clause
 * before it, or a document title over every clause), "7.2" and "7.5" are still siblings: the run
 * of clauses numbered "7.".
 * Such a run is `flat`: nothing says what the section is about, so a sibling joins only by
 * citing the clause or the section by number.
 */
export function siblingsOf(
  segments: readonly Segment[],
  segment: Segment,
  maxLength: number,
): { members: Segment[]; number: string | null; flat: boolean } | null {
  // "8.3" of "8.3.2", as "8" of "8.2": a flat run of sub-clauses one level down is a family at any depth.
  const prefix = /^(\d{1,3}(?:\.\d{1,3}){0,3})\.\d{1,3}$/.exec(segment.number ?? '')?.[1];
  const parent = segment.parent === null ? null : segments[segment.parent]!;
  // Under a numbered section, or an unnumbered heading over unnumbered paragraphs, the parent is the section.
  if (parent && !(prefix && parent.number === null)) {
    if (parent.subtreeEnd - parent.start > maxLength) return null;
    return { members: segments.filter((sibling) => sibling.parent === segment.parent && sibling !== segment), number: parent.number, flat: false };
  }
  // A run of lettered clauses with no section over them (an excerpt that starts at "(a)") is a family too.
  const lettered = prefix === undefined && parent === null && LETTERED.test(segment.number ?? '');
  if (!prefix && !lettered) return null;
  const inSection = (candidate: Segment | undefined) =>
    candidate !== undefined &&
    candidate.parent === segment.parent &&
    (lettered ? LETTERED.test(candidate.number ?? '') : candidate.number?.startsWith(`${prefix}.`) === true);
  let first = segment.index;
  while (inSection(segments[first - 1])) first--;
  let last = segment.index;
  while (inSection(segments[last + 1])) last++;
  if (segments[last]!.subtreeEnd - segments[first]!.start > maxLength) return null;
  return { members: segments.slice(first, last + 1).filter((sibling) => sibling !== segment), number: prefix ?? null, flat: true };
}

/** The number of the nearest numbered clause (itself or an ancestor), else the nearest heading. */
export function sectionLabel(segments: readonly Segment[], index: number): string | null {
  let current: Segment | undefined = segments[index];
  while (current) {
    if (current.number) return current.number;
    current = current.parent === null ? undefined : segments[current.parent];
  }
  return headingOf(segments, index)?.heading ?? null;
}

/** Index of the segment that holds an offset (the last one starting at or before it); -1 before the first. */
export function segmentAt(segments: readonly Segment[], offset: number): number {
  let low = 0;
  let high = segments.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (segments[middle]!.start <= offset) {
      found = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}
