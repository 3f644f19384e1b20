import { namingTitle, type Segment, SHORT_SECTION, segmentAt, siblingsOf } from '../segment.js';
import type { LocatedPart } from './locate.js';
import { numberReference, refersBack, titledNumberReference } from './references.js';
import { test } from '../regex.js';
import { leftToAnother, testAnyReading, type CompiledClauseType, type CompiledElement, type CompiledRule } from './patterns.js';
import { readingsOf, splitSentences, type Sentence } from './sentences.js';

export interface ElementMatch {
  start: number;
  end: number;
  segment: number;
}

export interface SentenceGroup {
  sentences: Sentence[];
  segment: number;
  /** The lead-in a list item completes ("This Agreement may be ended by either Party if:"), read together with it. */
  leadIn?: Sentence;
  /** The lead-in of the item that announces this one's list, for a list within a list ("shall comply with the following:" over "(1) The clauses below implement law:"). */
  outerLeadIn?: Sentence;
  /** The headings of the segment and the sections around it, for rules that hold only under some headings. */
  headings?: string;
}

/**
 * A clause that ends by announcing a list ("… if:", "… where", "… as follows —", "… shall not include
 * the following damages"), also when text copied from a web page closes its emphasis after the colon ("…:**").
 */
const ANNOUNCES_LIST = /(?:[:\u2013\u2014]|\b(?:if|where|when|whether|that|following|follows)[,:]?|\bthe following(?: [\w-]+){1,2}[,:]?)[\s*_]*$/i;

/** A list item longer than this is a section of its own, not an item of a list. */
const LIST_ITEM_MAX = 1_500;
/** How far back an item of a nested list looks for an item of the list around it. */
const NESTED_LOOKBACK = 60;
/** A list item that lost its bullet is at most this long, and looks back over at most this many such items. */
const LOST_ITEM_MAX = 300;
const LOST_ITEM_LOOKBACK = 20;
/** Numbers that open a list: "1.", "(a)", "a)", "(i)". */
export const FIRST_ITEM = /^\(?(?:1|a|i)[.)]?$/i;

/** The end of a text that introduces a list: a colon, or ":-" as some drafting traditions write it. */
export const INTRODUCES_LIST = /:[-–—]?\s*$/;

/**
 * A sentence that points to the items after it without a colon, as translated terms often do
 * ("… may suspend the Services if any of the following applies, in which case it is not liable.").
 */
const NAMES_THE_FOLLOWING =
  /\b(?:any|one|each|all|either) of the following\b|\bthe following (?:[\w-]+ ){0,2}(?:cases?|events?|circumstances?|conditions?|reasons?|situations?|grounds?)\b/i;

/**
 * A preamble ("the parties agree as follows:") introduces the whole contract, not a list; "this
 * Agreement" is not one, and neither is a promise that opens a list ("You agree not to:", "Customer
 * agrees to:", "you agree that you will not:").
 */
const PREAMBLE = /\bagree(?:s|d|ing)?\b(?!,? (?:not|never)\b|,? to:|,? that (?:[\w-]+ ){1,3}(?:will|shall|must|may) not\b)/i;

/** The last sentence of a segment when it announces a list (ends in a colon) and is no preamble. */
function announcement(text: string, introduction: Segment): Sentence | undefined {
  const sentences = splitSentences(text, introduction.start, introduction.end);
  const last = sentences[sentences.length - 1];
  if (!last) return undefined;
  const body = text.slice(last.start, last.end);
  return (INTRODUCES_LIST.test(body) || NAMES_THE_FOLLOWING.test(body)) && !PREAMBLE.test(body) ? last : undefined;
}

/** "(iv)" and "(v)" are numbered alike, "(a)" and "(1)" are not; a lone "i", "v" or "x" may be a letter or a roman numeral. */
function numbering(number: string | null): 'digit' | 'roman' | 'letter' | 'ambiguous' | 'other' {
  const marker = (number ?? '').replace(/^\(/, '').replace(/[.)]$/, '');
  if (/^\d+$/.test(marker)) return 'digit';
  if (/^[ivx]$/i.test(marker)) return 'ambiguous';
  if (/^[ivxl]+$/i.test(marker)) return 'roman';
  if (/^[a-z]{1,2}$/i.test(marker)) return 'letter';
  return 'other';
}

/** Whether `first`, an item numbered exactly like the `previous` segment ("9." then "1."), counts from one again after it. */
function restartsAt(previous: Segment, first: Segment): boolean {
  const kind = numbering(first.number);
  return (kind === 'digit' || kind === 'letter') && numbering(previous.number) === kind && FIRST_ITEM.test(first.number ?? '');
}

function sameNumbering(a: string | null, b: string | null): boolean {
  const [x, y] = [numbering(a), numbering(b)];
  return x === y || [x, y].some((kind) => kind === 'ambiguous' || kind === 'other');
}

/**
 * The lead-in of an item that follows an unnumbered paragraph rather than its parent's own words
 * ("Cancellation. The Purchaser may cancel in the following cases:" then "1. …", "2. …"; or under
 * "12. Export Controls." a paragraph ending "… to any of the following:" then "(a) …"): an
 * unnumbered paragraph ending in a colon just before a run of short items, with the same parent,
 * that starts at the first number. A preamble ("the parties agree as follows:") introduces the
 * whole contract, not a list.
 */
function siblingLeadIn(text: string, segments: readonly Segment[], segment: Segment): Sentence | undefined {
  const listItem = (candidate: Segment | undefined): candidate is Segment =>
    candidate?.kind === 'clause' &&
    candidate.parent === segment.parent &&
    candidate.level === segment.level &&
    candidate.end - candidate.start <= LIST_ITEM_MAX;
  // An item numbered another way belongs to a nested list when an item numbered like this one comes
  // before it ("(1) …: (i) … (ii) … (2) …"); otherwise it announces this list.
  const nested = (at: number): boolean => {
    for (let back = at - 1; back >= Math.max(0, at - NESTED_LOOKBACK) && listItem(segments[back]); back--)
      if (sameNumbering(segments[back]!.number, segment.number)) return true;
    return false;
  };
  let first = segment;
  let index = segment.index - 1;
  for (; index >= 0; index--) {
    const previous = segments[index];
    if (!listItem(previous)) break;
    // A list starts at its first item: a "9." just before a "1." that restarts the count is not one of them.
    if (restartsAt(previous, first)) break;
    if (sameNumbering(previous.number, segment.number)) first = previous;
    else if (!nested(index)) break;
  }
  const introduction = segments[index];
  if (introduction === undefined) return undefined;
  // Items numbered from one straight after a section's closing paragraph ("… due to any of the
  // following:" then "1. Acts of public authorities;") stand outside its section, yet it announces them.
  const paragraphJustBefore = introduction.kind === 'paragraph' && introduction.number === null && introduction.index === first.index - 1;
  if (introduction.parent !== segment.parent && !paragraphJustBefore) return undefined;
  // Flat "(a) … the following: (1) … below: (i) …" items, each kind of number announcing the next;
  // or "9. The Supplier must respect:" then "1. …", "2. …", numbered alike but counting from one again.
  const restartsCount = restartsAt(introduction, first);
  const announcingItem = introduction.kind === 'clause' && (!sameNumbering(introduction.number, segment.number) || restartsCount);
  if (!announcingItem && (introduction.kind !== 'paragraph' || introduction.number !== null)) return undefined;
  if (!FIRST_ITEM.test(first.number ?? '') || segment.end - segment.start > LIST_ITEM_MAX || introduction.subtreeEnd > first.start) return undefined;
  return announcement(text, introduction);
}

/**
 * The lead-in of a list whose markers were lost (bullets dropped when a page became text): an
 * unnumbered paragraph just after an unnumbered paragraph of the same section that ends in a colon
 * ("PayADA may terminate this Agreement immediately if:" then "The Merchant violates …\nThe
 * Merchant becomes subject to sanctions …").
 */
function paragraphLeadIn(text: string, segments: readonly Segment[], segment: Segment): Sentence | undefined {
  const unnumbered = (candidate: Segment | undefined): candidate is Segment =>
    candidate?.kind === 'paragraph' && candidate.number === null && candidate.parent === segment.parent;
  if (!unnumbered(segment) || segment.end - segment.start > LIST_ITEM_MAX) return undefined;
  // Items that carry their numbers or bullets in their words ("I. …", "II. …"; "- …", "- …") look back over the items before them.
  const ownItem = (candidate: Segment) => candidate.end - candidate.start <= LIST_ITEM_MAX && PARAGRAPH_ITEM.test(text.slice(candidate.start, candidate.end));
  // Items that lost their bullets altogether are short one-sentence paragraphs ("You must not:" then
  // "Upload unlawful content." … "Violate export control or sanctions laws."): a run of them looks back too.
  const lostItem = (candidate: Segment | undefined): candidate is Segment =>
    unnumbered(candidate) &&
    candidate.end - candidate.start <= LOST_ITEM_MAX &&
    !INTRODUCES_LIST.test(text.slice(candidate.start, candidate.end)) &&
    !NAMES_THE_FOLLOWING.test(text.slice(candidate.start, candidate.end)) &&
    splitSentences(text, candidate.start, candidate.end).length === 1;
  let index = segment.index - 1;
  if (ownItem(segment)) {
    while (index > segment.index - NESTED_LOOKBACK && unnumbered(segments[index]) && ownItem(segments[index]!)) index--;
  } else if (lostItem(segment)) {
    while (index > segment.index - LOST_ITEM_LOOKBACK && lostItem(segments[index])) index--;
  }
  const introduction = segments[index];
  return unnumbered(introduction) ? announcement(text, introduction) : undefined;
}

/** A bullet that marks a list item: hyphen, dash, bullet, asterisk, middle dot, squares and circles. */
const BULLET = '[-\\u2013\\u2022*\\u00b7\\u25aa\\u25cf\\u25e6]';
const BULLET_MARK = new RegExp(`^\\s*${BULLET}\\s+`);

/** A paragraph numbered in its own words or bulleted, with a marker the segmenter leaves to the text: "III. …", "B. …", "- …", "• …". */
const PARAGRAPH_ITEM = new RegExp(`^(?:(?:[IVX]{1,5}|[A-Z])\\.|${BULLET})\\s`);

/** The sentence announcing the list an item belongs to (its parent's last, or a paragraph just before the list), or undefined. */
export function leadInOf(text: string, segments: readonly Segment[], segment: Segment): Sentence | undefined {
  const sibling = () => (segment.kind === 'clause' ? siblingLeadIn(text, segments, segment) : paragraphLeadIn(text, segments, segment));
  if (segment.parent === null) return sibling();
  const parent = segments[segment.parent]!;
  if (parent.end > segment.start) return undefined;
  const sentences = splitSentences(text, parent.start, parent.end);
  const last = sentences[sentences.length - 1];
  return last && ANNOUNCES_LIST.test(text.slice(last.start, last.end)) ? last : sibling();
}

/** The sentences of one segment as a group, with the lead-ins of the lists it is an item of. */
export function sentenceGroup(text: string, segments: readonly Segment[], segment: Segment, sentences: Sentence[]): SentenceGroup {
  const group: SentenceGroup = { sentences, segment: segment.index };
  const headings = headingsAbove(segments, segment);
  if (headings) group.headings = headings;
  const leadIn = leadInOf(text, segments, segment);
  if (!leadIn) return group;
  const announcing = segments[segmentAt(segments, leadIn.start)];
  const outerLeadIn = announcing && announcing.index !== segment.index ? leadInOf(text, segments, announcing) : undefined;
  return outerLeadIn ? { ...group, leadIn, outerLeadIn } : { ...group, leadIn };
}

/** The headings (or run-in titles) of a segment and its ancestors, innermost first, one per line; empty when none has one. */
function headingsAbove(segments: readonly Segment[], segment: Segment): string {
  const headings: string[] = [];
  for (let current: Segment | undefined = segment; current; current = current.parent === null ? undefined : segments[current.parent]) {
    const heading = namingTitle(current);
    if (heading) headings.push(heading);
  }
  return headings.join('\n');
}

/**
 * Patterns for a sentence that cites one of the located parts by number ("Paragraph 19.1", "Article
 * 7"), or the short section the part stands in. `byNumber` decides whether a bare decimal ("19.1")
 * counts: beside the clause it does, anywhere in the contract only a titled one does.
 */
export function citationsOf(
  segments: readonly Segment[],
  parts: readonly LocatedPart[],
  byNumber: (number: string, subclauses: boolean) => RegExp | null = titledNumberReference,
): RegExp[] {
  return parts.flatMap((part) => {
    const segment = part.role === 'reference' ? undefined : segments[part.segment];
    const pattern = segment?.number ? byNumber(segment.number, true) : null;
    const section = segment ? siblingsOf(segments, segment, SHORT_SECTION)?.number : null;
    const sectionPattern = section ? titledNumberReference(section) : null;
    return [pattern, sectionPattern].filter((found): found is RegExp => found !== null);
  });
}

/**
 * Whether `sentences[index]` opens an inline list one of whose kept items it completes ("We may
 * suspend your access: (a) if you fail to pay …; or (c) if you breach Section 9").
 */
function opensKeptItem(text: string, sentences: readonly Sentence[], kept: readonly boolean[], index: number): boolean {
  if (!INLINE_FIRST_ITEM.test(text.slice(sentences[index]!.start, sentences[index]!.end))) return false;
  for (let next = index + 1; next < sentences.length && next <= index + INLINE_LOOKBACK; next++) {
    if (!INLINE_ITEM.test(text.slice(sentences[next]!.start, sentences[next]!.end).trimStart())) return false;
    if (kept[next]) return true;
  }
  return false;
}

/** A reference part at most this long is about the clause it names throughout. */
const SHORT_REFERENCE = 600;

/** Sentences of the located parts that element rules may read; references contribute only sentences naming the clause. */
export function clauseSentences(text: string, segments: readonly Segment[], parts: readonly LocatedPart[], compiled: CompiledClauseType): SentenceGroup[][] {
  // A sentence that cites a located clause by number ("Paragraph 19.1 does not apply to ...") is about it.
  // So is one beside it that cites the short section both stand in ("for any reason defined in this Article 7").
  const cited = citationsOf(segments, parts, numberReference);
  return parts.map((part) => {
    const groups: SentenceGroup[] = [];
    for (const segment of segments) {
      if (segment.end <= part.start || segment.start >= part.end) continue;
      const start = Math.max(segment.start, part.start);
      const end = Math.min(segment.end, part.end);
      // Sentences the clause type leaves to another one (a force-majeure event list) state none of its elements.
      let sentences = splitSentences(text, start, end).filter((sentence) => !leftToAnother(compiled, text.slice(sentence.start, sentence.end)));
      if (part.role === 'reference') {
        const refers = sentences.map((sentence) => {
          const body = text.slice(sentence.start, sentence.end);
          return refersBack(compiled, body) || cited.some((pattern) => test(pattern, body));
        });
        // In a short reference ("6.2 If such event continues for sixty days, the parties shall
        // discuss …. If they cannot agree, either may terminate."), the sentence after one that
        // names the clause goes on about it.
        const short = part.end - part.start <= SHORT_REFERENCE;
        const kept = sentences.map((_, index) => Boolean(refers[index] || (short && index > 0 && refers[index - 1])));
        sentences = sentences.filter((_, index) => kept[index] || opensKeptItem(text, sentences, kept, index));
      }
      if (sentences.length === 0) continue;
      groups.push(sentenceGroup(text, segments, segment, sentences));
    }
    return groups;
  });
}

const MIN_OPERATIVE_WORDS = 5;

const EXIT_RIGHT = /\b(?:entitled|right|option|free|may|can)\b[^.;]{0,40}?\b(?:withdraw(?:al)?|terminat\w*|cancel\w*|rescind|rescission|dissol\w*)\b/i;
/** A sentence that opens with its condition, after any list marker ("(c) If the event lasts …"). */
const CONDITION_FIRST = /^\W*(?:(?:[a-z]{1,2}|[ivx]{1,5}|\d{1,3}(?:\.\d{1,3})*)[.)]\s*)?(?:if|where|when|whenever|should|in the event|in case)\b/i;
const RELIEF = /\b(?:liab\w*|responsib\w*|excus\w*|releas\w*|reliev\w*|exempt\w*|suspend\w*|suspension|breach|default|discharg\w*|answerable)\b/i;

/**
 * Relief that only goes with the way out ("may dissolve the agreement without liability", "no
 * liability in respect of termination", "rights and liabilities accrued before it subsist").
 */
const EXIT_RELIEF =
  /\bwithout (?:\w+ ){0,3}(?:liab\w*|being liable|penalty|compensation)\b|\b(?:liab\w*|responsib\w*|compensation) (?:\w+ ){0,4}(?:in respect of|for|arising from|by reason of|on|upon) (?:\w+ ){0,3}(?:terminat\w*|cancel\w*|dissol\w*|withdraw\w*|rescission)|\b(?:rights|obligations) and liabilities\b[^.;]{0,40}?\baccrued\b/gi;

/** A sentence that only grants a way out of the contract ("either party may terminate if the event lasts 90 days"). */
function onlyAnExit(sentence: string): boolean {
  EXIT_RELIEF.lastIndex = 0;
  const exitRelief = EXIT_RELIEF.test(sentence);
  const exitRight = EXIT_RIGHT.exec(sentence);
  if (!exitRight && !exitRelief) return false;
  // The condition before the exit names the event ("If an Excusable Delay lasts 180 days, Buyer may
  // terminate"); only what follows it can grant relief.
  const granted = exitRight && CONDITION_FIRST.test(sentence) ? sentence.slice(exitRight.index) : sentence;
  return !RELIEF.test(exitRelief ? granted.replace(EXIT_RELIEF, ' ') : granted);
}

/**
 * A sentence that takes something out of the excuse rather than granting it, or out of the
 * definition ("The term “Force Majeure” does not include any curtailment …").
 */
const CARVE_OUT =
  /\b(?:shall|will|does|do|may) not (?:\w+ ){0,2}(?:excuse|relieve|suspend|release|discharge)\b|\bnothing (?:in|under) (?:this|these|the) (?:\w+ ){0,3}(?:shall|will|may) (?:\w+ ){0,2}(?:excuse|relieve|release|discharge)\b|\bnot (?:be )?(?:excused|relieved|released)\b|^[^,;]{0,80}?\b(?:does|do|shall|will) not (?:include|cover|extend to|encompass)\b/i;

/**
 * The operative sentences of each part (the excuse itself: every sentence in the clause's own words
 * that relieves someone or, failing that, the first that matches one of the patterns), each as a
 * group of its own. A contract may excuse one side in a delivery clause and both in its
 * force-majeure clause; each part says whom it excuses.
 */
export function operativeSentences(
  text: string,
  groups: readonly SentenceGroup[][],
  patterns: readonly RegExp[],
  defining: readonly RegExp[] = [],
): SentenceGroup[][] {
  const result: SentenceGroup[][] = [];
  for (const part of groups) {
    const operative = part.flatMap((group) =>
      group.sentences
        .map((sentence) => ({ sentence, segment: group.segment, body: text.slice(sentence.start, sentence.end) }))
        // A run-in heading ("Excused Performance.") names the clause; it excuses nobody.
        .filter(({ body }) => body.split(/\s+/).length >= MIN_OPERATIVE_WORDS && testAnyReading(patterns, body)),
    );
    // The excuse is the operative sentence in the clause's own words ("… beyond its control"), not a
    // neighbour that only sounds operative ("No waiver shall be deemed …") in a run of general terms.
    // Nor is it a carve-out ("a Force Majeure Event shall not excuse any obligation to pay money").
    const defines = ({ body }: { body: string }) => defining.some((pattern) => test(pattern, body));
    const excuses = ({ body }: { body: string }) => !CARVE_OUT.test(body);
    // A right to withdraw or terminate after a long event is the clause's exit, not its excuse: the
    // excuse says whom the clause relieves, so it is preferred when the part has one.
    const relieves = (candidate: { body: string }) => excuses(candidate) && !onlyAnExit(candidate.body);
    // Every sentence in the clause's own words that relieves someone counts ("The LSP assumes no
    // liability … Neither party shall be liable …" relieves both parties); a duty that names both
    // ("In the event of force majeure, either party shall notify the other") relieves neither.
    const excusing = operative.filter((candidate) => defines(candidate) && relieves(candidate) && RELIEF.test(candidate.body));
    if (excusing.length > 0) {
      result.push(excusing.map(({ sentence, segment }) => ({ sentences: [sentence], segment })));
      continue;
    }
    const chosen =
      operative.find(relieves) ??
      operative.find((candidate) => defines(candidate) && excuses(candidate)) ??
      operative.find(excuses) ??
      operative.find(defines) ??
      operative[0];
    if (chosen) result.push([{ sentences: [chosen.sentence], segment: chosen.segment }]);
  }
  return result;
}

/**
 * Sentences outside the parts, anywhere in the document, that match one of the patterns, or all of
 * a segment's sentences when a heading above it does ("If you are located in a restricted country"
 * over "Existing accounts may be suspended").
 */
export function sentencesElsewhere(text: string, segments: readonly Segment[], patterns: readonly RegExp[], parts: readonly LocatedPart[]): SentenceGroup[] {
  const groups: SentenceGroup[] = [];
  for (const segment of segments) {
    const own = text.slice(segment.start, segment.end);
    const headings = headingsAbove(segments, segment);
    const underTie = headings !== '' && patterns.some((pattern) => test(pattern, headings));
    if (!underTie && !patterns.some((pattern) => test(pattern, own))) continue;
    const sentences = splitSentences(text, segment.start, segment.end).filter(
      (sentence) =>
        !parts.some((part) => sentence.start >= part.start && sentence.end <= part.end) &&
        (underTie || patterns.some((pattern) => test(pattern, text.slice(sentence.start, sentence.end)))),
    );
    if (sentences.length === 0) continue;
    // "Either party may terminate by notice if: … (iii) the other is prevented from performing for three months."
    groups.push(sentenceGroup(text, segments, segment, sentences));
  }
  return groups;
}

/** Line breaks become spaces so one pattern matches across wrapped lines; offsets stay the same. */
function flatten(text: string): string {
  return text.replace(/\n/g, ' ');
}

/**
 * The ranges a rule's patterns match in the first of the window's readings they all hold in (see
 * `readingsOf`), unless one of its exceptions holds in any reading: "will not export … to a country
 * under a U.S. embargo … without first obtaining the authorisation" is the same prohibition whether
 * or not "U.S." is read as ending a sentence.
 */
function matchRule(rule: CompiledRule, windowText: string): Array<[number, number]> | null {
  let ranges: Array<[number, number]> | null = null;
  for (const reading of readingsOf(windowText)) {
    ranges = matchAll(rule, reading);
    if (ranges) break;
  }
  if (!ranges) return null;
  for (const reading of readingsOf(windowText)) if (rule.none.some((pattern) => test(pattern, reading))) return null;
  return ranges;
}

/** Where each of a rule's patterns first matches in one reading, or null when one does not. */
function matchAll(rule: CompiledRule, windowText: string): Array<[number, number]> | null {
  const ranges: Array<[number, number]> = [];
  for (const pattern of rule.all) {
    pattern.lastIndex = 0;
    const match = pattern.exec(windowText);
    pattern.lastIndex = 0;
    if (!match) return null;
    ranges.push([match.index, match.index + match[0].length]);
  }
  return ranges;
}

const MIN_QUOTE = 60;
const MAX_QUOTE = 300;
/** No quote is shorter than this: a one-word sentence ("Embargo.") is quoted with its neighbours. */
export const MIN_EVIDENCE = 12;

/** Widens matched ranges to a readable quote on word boundaries, inside [lower, upper) (beyond it only to reach MIN_EVIDENCE). */
export function quoteRange(text: string, start: number, end: number, lower: number, upper: number): [number, number] {
  const range = widen(text, start, end, lower, upper);
  return range[1] - range[0] >= MIN_EVIDENCE ? range : widen(text, range[0], range[1], 0, text.length);
}

function widen(text: string, start: number, end: number, lower: number, upper: number): [number, number] {
  if (end - start > MAX_QUOTE) end = start + MAX_QUOTE;
  while (end - start < MIN_QUOTE && (start > lower || end < upper)) {
    if (start > lower) start--;
    if (end < upper) end++;
  }
  while (start > lower && /\S/.test(text[start - 1]!)) start--;
  while (end < upper && /\S/.test(text[end]!) && end - start < MAX_QUOTE + 40) end++;
  while (start < end && /[\s,;:)]/.test(text[start]!)) start++;
  while (end > start && /[\s,;:(]/.test(text[end - 1]!)) end--;
  return [start, end];
}

/**
 * Whether the element's library excludes a sentence ("if Distributor breaches this Section" for an
 * export-control remedy): the exclusions carry the rubric's conventions, which the sentence
 * classifier may not override when it adds what the rules missed.
 */
export function excludedFor(element: Pick<CompiledElement, 'exclude'>, sentence: string): boolean {
  const flat = flatten(sentence);
  return element.exclude.some((pattern) => test(pattern, flat));
}

/** Finds the first sentence window (primary part first) where one of the element's rules holds. */
export function findElement(text: string, sentenceGroups: readonly SentenceGroup[][], rules: readonly CompiledRule[]): ElementMatch | null {
  for (const groups of sentenceGroups) {
    for (const group of groups) {
      const { sentences } = group;
      // The items of lists run into a sentence, found once for all the rules.
      let inlineItems: InlineItem[] | undefined;
      for (const rule of rules) {
        if (!underHeading(rule, group)) continue;
        for (let index = 0; index < sentences.length; index++) {
          const first = sentences[index]!;
          const last = sentences[Math.min(sentences.length - 1, index + rule.window - 1)]!;
          const windowText = flatten(text.slice(first.start, last.end));
          const ranges = matchRule(rule, windowText);
          if (!ranges) continue;
          const from = Math.min(...ranges.map(([start]) => start));
          const to = Math.max(...ranges.map(([, end]) => end));
          const [start, end] = quoteRange(text, first.start + from, first.start + to, first.start, last.end);
          return { start, end, segment: group.segment };
        }
        const completed = group.leadIn ? matchWithLeadIn(text, group, rule) : null;
        if (completed) return { ...completed, segment: group.segment };
        inlineItems ??= inlineListItems(text, sentences);
        for (const item of inlineItems) {
          const inline = matchItem(text, item.leadIn, sentences, item.index, rule);
          if (inline) return { ...inline, segment: group.segment };
        }
      }
    }
  }
  return null;
}

/** Whether a rule that holds only under some headings may be read in this group. */
function underHeading(rule: CompiledRule, group: SentenceGroup): boolean {
  return rule.heading.length === 0 || (group.headings !== undefined && rule.heading.some((pattern) => test(pattern, group.headings!)));
}

/**
 * A rule read on a list item completed by its lead-in ("may be ended by either Party if:" + "(c) a
 * Force Majeure Event has prevented performance for more than twelve weeks"). The quote is the
 * item's part of the match, since one quote must be one stretch of the text.
 */
function matchWithLeadIn(text: string, group: SentenceGroup, rule: CompiledRule): { start: number; end: number } | null {
  const { sentences } = group;
  const prefix = [group.outerLeadIn, group.leadIn].map((leadIn) => (leadIn ? `${flatten(text.slice(leadIn.start, leadIn.end))} ` : '')).join('');
  for (let index = 0; index < sentences.length; index++) {
    const found = matchItem(text, prefix, sentences, index, rule);
    if (found) return found;
  }
  return null;
}

/**
 * A rule read on the item starting at `sentences[index]` completed by a lead-in (`prefix`); null
 * unless the match needs both. The quote is the item's part of the match.
 */
function matchItem(text: string, prefix: string, sentences: readonly Sentence[], index: number, rule: CompiledRule): { start: number; end: number } | null {
  const first = sentences[index]!;
  const last = sentences[Math.min(sentences.length - 1, index + Math.max(0, rule.window - 2))]!;
  const item = flatten(text.slice(first.start, last.end));
  // A bullet is read past, so that the lead-in runs on into the item's words ("reserves the right to: - suspend accounts").
  const bullet = BULLET_MARK.exec(item)?.[0].length ?? 0;
  const ranges = matchRule(rule, prefix + item.slice(bullet));
  if (!ranges) return null;
  const inItem = ranges
    .filter(([, end]) => end > prefix.length)
    .map(([start, end]): [number, number] => [Math.max(start, prefix.length) - prefix.length + bullet, end - prefix.length + bullet]);
  // A match wholly inside the lead-in or wholly inside the item was already read without the other.
  if (inItem.length === 0 || ranges.every(([start]) => start >= prefix.length)) return null;
  const from = Math.min(...inItem.map(([start]) => start));
  const to = Math.max(...inItem.map(([, end]) => end));
  const [start, end] = quoteRange(text, first.start + from, first.start + to, first.start, last.end);
  return { start, end };
}

/** The first item of a list run into a sentence, after its lead-in: "… not to export to: (a) …", "… in the following cases: I. …", "… will not:\n- …". */
const INLINE_FIRST_ITEM = new RegExp(`:\\s*(?:\\(?(?:a|i|1)\\)|(?:a|i|1)\\.|${BULLET})\\s`, 'i');
/** A later item of such a list, which starts a sentence of its own: "(b) …", "(iii) …", "III. …", "- …", "• …". */
const INLINE_ITEM = new RegExp(`^(?:and |or )?(?:\\(?(?:[b-z]|[ivx]{2,5}|[2-9]|\\d{2})\\)|(?:[b-z]|[ivx]{2,5}|[2-9]|\\d{2})\\.|${BULLET})\\s`, 'i');
/** How many items back the lead-in of an inline list is looked for. */
const INLINE_LOOKBACK = 12;

/** A sentence that is an item of a list run into a sentence, with the words before the list's first item. */
interface InlineItem {
  index: number;
  leadIn: string;
}

/** How far back the lead-in of an unmarked list is looked for. */
const UNMARKED_LOOKBACK = 2_000;
/** The end of a lead-in or an item that a further item continues: "…the payment:", "…any country;", "…; or". */
const LIST_CONTINUES = /(?:[:;]|[;,] (?:or|and))\s*$/;

/**
 * A sentence that continues a list without a marker: it opens in lower case right after a colon or
 * a semicolon ("…if we suspect that a transaction: may breach …; involves any sanctioned person …").
 */
function isUnmarkedItem(text: string, sentence: Sentence): boolean {
  return continuesList(text.slice(Math.max(0, sentence.start - 20), sentence.start), text.slice(sentence.start, sentence.end));
}

/** Whether a stretch of text that opens in lower case goes on from what stands before it ("…:", "…;", "…; or"). */
function continuesList(before: string, body: string): boolean {
  return /^[a-z]/.test(body.trimStart()) && LIST_CONTINUES.test(before);
}

/** Where a stretch of text after its last sentence or list-item boundary begins. */
function afterLastBoundary(stretch: string): number {
  let start = 0;
  for (const found of stretch.matchAll(/[.!?]["'’”)]?\s+|[:;](?:\s+(?:or|and))?\s{2,}|(?:;|[;,] (?:or|and))\s*\n/g)) {
    if (found.index + found[0].length < stretch.length) start = found.index + found[0].length;
  }
  return start;
}

/**
 * The lead-in of such a list (the sentence ending in the colon), read back through the text so it is
 * found when only the item lies inside the provision; null when the sentence is no such item.
 */
function unmarkedItemLeadIn(text: string, sentence: Sentence): string | null {
  if (!isUnmarkedItem(text, sentence)) return null;
  let end = sentence.start;
  for (let back = 0; back < INLINE_LOOKBACK; back++) {
    const from = Math.max(0, end - UNMARKED_LOOKBACK);
    const stretch = text.slice(from, end).trimEnd();
    const start = afterLastBoundary(stretch);
    const previous = stretch.slice(start);
    if (previous.endsWith(':')) return `${flatten(previous)} `;
    if (!continuesList(stretch.slice(0, start), previous)) return null;
    end = from + start;
  }
  return null;
}

/**
 * Items of a list run into one paragraph ("Customer undertakes not to export the Products to: (a)
 * …; (b) …; or (c) otherwise in violation of export laws"), each to be read with the words before
 * the first item, as items on lines of their own are read with their lead-in.
 */
function inlineListItems(text: string, sentences: readonly Sentence[]): InlineItem[] {
  const items: InlineItem[] = [];
  for (let index = 0; index < sentences.length; index++) {
    const unmarked = unmarkedItemLeadIn(text, sentences[index]!);
    if (unmarked) {
      items.push({ index, leadIn: unmarked });
      continue;
    }
    if (index === 0 || !INLINE_ITEM.test(text.slice(sentences[index]!.start, sentences[index]!.end).trimStart())) continue;
    for (let back = index - 1; back >= Math.max(0, index - INLINE_LOOKBACK); back--) {
      const body = text.slice(sentences[back]!.start, sentences[back]!.end);
      const opening = INLINE_FIRST_ITEM.exec(body);
      if (opening) {
        items.push({ index, leadIn: `${flatten(body.slice(0, opening.index + 1))} ` });
        break;
      }
      if (!INLINE_ITEM.test(body.trimStart())) break;
    }
  }
  return items;
}
