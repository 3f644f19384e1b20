import { namingTitle, type Segment, SHORT_SECTION, segmentAt, siblingsOf } from '../segment.js';
import { firstMatch, test } from '../regex.js';
import { FIRST_ITEM, findElement, INTRODUCES_LIST, leadInOf, sentenceGroup } from './elements.js';
import { cueScore, isOperative, isOperativeOrDuty, leftToAnother, ownWords, passesGate, type CompiledClauseType } from './patterns.js';
import { numberReference, refersBack, titledNumberReference } from './references.js';
import { splitSentences } from './sentences.js';
import type { ClauseSimilarity } from './similarity.js';

/** A list item that ends by joining the next one to it: "…; and". */
const CONJOINED = /[;,]\s*and\s*$/i;

export type PartRole = 'primary' | 'related' | 'definition' | 'reference';

export interface LocatedPart {
  role: PartRole;
  segment: number;
  start: number;
  end: number;
  score: number;
}

export interface NearMiss {
  segment: number;
  start: number;
  end: number;
  score: number;
  reason: string;
}

export interface Located {
  present: boolean;
  parts: LocatedPart[];
  score: number;
  rationale: string[];
  nearMisses: NearMiss[];
  /** Only the definition of the clause's term was found, with no clause that uses it: it stands for the provision, for a person to confirm. */
  definitionOnly?: boolean;
  /** The provision was taken on its words alone: nothing it excuses or requires was recognised. */
  wordsOnly?: boolean;
}

/** Weight of a heading that names the clause type, and of similarity to the reference texts. */
const HEADING_WEIGHT = 4;
const SIMILARITY_WEIGHT = 6;
/** A clause longer than this is scored on its first part only; real clauses are shorter. */
const MAX_SPAN = 12_000;
const MAX_PARTS = 6;
/** How far into a definition its events are looked for. */
const MAX_DEFINITION = 1_500;
/** A term defined in passing, in brackets after the words it names: (a "Force Majeure Event"), ("Sanctions"). */
const TERM_IN_PASSING =
  /\(\s*(?:(?:the|an?|each|any|such|hereinafter|collectively|together|individually|hereafter|referred to as|called)[,:]? )*(?:(?:the |an? )?["“'‘][^"”'’()]{1,60}["”'’](?:,? (?:and|or) )?)+\s*\)/gi;
/** Untitled blocks longer than this are narrowed to the sentences about the clause. */
const NARROW_ABOVE = 1_500;
/** An untitled paragraph of more sentences than this holds several provisions. */
const MANY_SENTENCES = 6;
/**
 * A sentence that opens by pointing back at the event ("In this event we will endeavour to resume
 * lessons", "In such case the affected party shall notify …", "If your parcel is held up, we'll let
 * you know") continues the provision before it.
 */
const REFERS_TO_EVENT =
  /^\W*(?:in (?:this|that|such|any such|either|each such) (?:event|case|circumstances?|situation)s?\b(?! (?:of|that|where|when|if)\b)|(?:if|where|when|should) (?:this|that|such an? (?:event|delay|circumstance)) (?:happens|occurs|arises|happen|occur|arise)\b|during (?:this|that|such|any such) (?:time|period|event|delay|suspension)\b|(?:this|that|such|any such) (?:event|delay|hindrance|circumstance|suspension)s?\b|(?:if|when|where|should|whenever) (?:that|this|it) (?:happens|occurs)\b|(?:if|when|where|should|whenever) (?:your|the|an?|any|such) (?:orders?|parcels?|packages?|shipments?|deliver(?:y|ies)|services?|performance) (?:is|are|gets?|becomes?|has been|have been) (?:\w+ )?(?:held up|delayed|affected|late|interrupted|disrupted|suspended)\b)/i;
/**
 * A promise to tell the other side about delays continues the excuse before it ("StartWell is not
 * responsible for delays caused by circumstances beyond our control … We will make reasonable
 * efforts to notify users of any delivery issues.").
 */
const NOTICE_OF_DELAYS =
  /\b(?:notify|inform|advise|tell|let (?:\w+ )?know)\b[^.;]{0,60}\b(?:of|about|regarding) (?:any |the |such |these |possible )?(?:[\w-]+ ){0,2}(?:delays?|issues?|disruptions?|problems?)\b/i;
/** How many list items back the sentence introducing a list may be. */
const LIST_LEAD_IN_REACH = 6;
/**
 * A warranty's list of exclusions ("does not cover any defect resulting from: … lightning, flood")
 * limits what the warranty covers; it excuses no performance, so its lead-in lends no excuse.
 */
const WARRANTY_EXCLUSION = /\bwarrant(?:y|ies)\b|\bdefects?\b/i;

/** A paragraph that extends the one before it to more events. */
const SAME_APPLIES =
  /^\s*(?:\(?[a-z0-9]{1,3}(?:\.\d{1,3})*[.)]?\s+)?(?:the same (?:shall |will |also )*appl(?:y|ies)|this (?:shall|will) (?:also )?apply|likewise)\b/i;
/** An item of an unmarked list is at most this long. */
const UNMARKED_ITEM_MAX = 600;
/** How many unmarked items a list announced with a colon may have. */
const UNMARKED_ITEMS_MAX = 20;

/** The end of a list item that another follows: "…;", "…; or", "…, and". */
const OPEN_ITEM_END = /(?:;|[;,] (?:or|and))\s*$/;
/** A list announced inside a paragraph: a colon (or ":-") before more text. */
const ANNOUNCED_LIST = /:[-–—]?\s+\S/;

/**
 * Where a paragraph that announces a list with a colon ends, with its items: terms published as
 * web pages put each item of "the following shall be regarded as causes beyond the Seller's
 * control:" on a line of its own, without numbers, so the items are paragraphs beside it rather
 * than sub-clauses under it. The list ends at a heading, a numbered clause, a long paragraph, or
 * an item that closes with a full stop. A paragraph that holds the announcement and its first
 * items (lower-case items read as its continuation) and breaks off after an item ("…;", "…; or")
 * goes on in the same way, and so does an item of such a list that is a candidate on its own words.
 */
function withUnmarkedItems(text: string, segments: readonly Segment[], segment: Segment, end: number): number {
  const own = text.slice(segment.start, end);
  const introducesList = INTRODUCES_LIST.test(own);
  if (OPEN_INCLUDING.test(own)) {
    // "… and includes:" with numbered items, or with items on lines of their own (below).
    const numbered = withNumberedItems(segments, segment, end);
    if (numbered > end || !introducesList) return numbered;
  }
  // An item that is itself announced (a paragraph after "… not liable for delays arising from:")
  // and left open ("… force majeure events;") runs on over the items after it.
  const openItem = OPEN_ITEM_END.test(own) && (ANNOUNCED_LIST.test(own) || (segment.kind === 'paragraph' && leadInOf(text, segments, segment) !== undefined));
  if (!introducesList && !openItem) return end;
  let last = end;
  for (let index = segment.index + 1; index < segments.length && index <= segment.index + UNMARKED_ITEMS_MAX; index++) {
    const item = segments[index]!;
    if (item.kind !== 'paragraph' || item.number !== null || item.heading !== null || item.end - item.start > UNMARKED_ITEM_MAX) break;
    last = item.end;
    if (/[.!?]["”’)]*\s*$/.test(text.slice(item.start, item.end))) break;
  }
  return last;
}

/** A paragraph that breaks off in an open list of examples ("… beyond Seller's reasonable control including, but not limited to"). */
const OPEN_INCLUDING =
  /\b(?:including|includes|include|such as|namely)(?:,? (?:but )?(?:not |without )(?:being )?limit(?:ed|ation)(?: to)?)?,?\s*(?::[-–—]?)?\s*$/i;

/**
 * Where a paragraph that breaks off in "including, but not limited to" ends, with the numbered
 * items that complete it ("1. Government action, war …", "2. Seller's inability to obtain
 * materials …"): items written beside the paragraph, not under it. The run starts at a first
 * number and ends at a long item, one under another parent, or a heading.
 */
function withNumberedItems(segments: readonly Segment[], segment: Segment, end: number): number {
  const first = segments[segment.index + 1];
  if (first?.kind !== 'clause' || !FIRST_ITEM.test(first.number ?? '')) return end;
  let last = end;
  for (let index = first.index; index < segments.length && index < first.index + UNMARKED_ITEMS_MAX; index++) {
    const item = segments[index]!;
    if (item.kind !== 'clause' || item.parent !== first.parent || item.level !== first.level || item.heading !== null) break;
    if (item.subtreeEnd - item.start > UNMARKED_ITEM_MAX) break;
    last = item.subtreeEnd;
  }
  return last;
}

/**
 * Where a definition ends with its list of events: the sub-items under it, or the items written
 * beside it ("Force Majeure Event … means … including:" then "(a) acts of God;", "(b) war …").
 */
function definitionEnd(text: string, segments: readonly Segment[], segment: Segment): number {
  if (segment.subtreeEnd > segment.end) return segment.subtreeEnd - segment.start <= SHORT_SECTION ? segment.subtreeEnd : segment.end;
  const unmarked = withUnmarkedItems(text, segments, segment, segment.end);
  return INTRODUCES_LIST.test(text.slice(segment.start, segment.end)) ? Math.max(unmarked, withNumberedItems(segments, segment, segment.end)) : unmarked;
}

interface Scored {
  segment: number;
  start: number;
  end: number;
  score: number;
  headingMatch: boolean;
  gate: boolean;
  /** Why a candidate failed: none of the defining phrases, or nothing operative (no excuse, no duty). */
  failure: 'gate' | 'operative' | null;
  /** How many of the clause's (positive) cue phrases it holds. */
  cueCount: number;
  reasons: string[];
}

/**
 * A long untitled block (a whole agreement on one line, a "General" paragraph holding ten
 * provisions) is narrowed to its densest run of sentences that use the clause's phrases, so
 * elements are read in the clause and not in its neighbours.
 */
function narrow(text: string, start: number, end: number, compiled: CompiledClauseType): [number, number] {
  const sentences = splitSentences(text, start, end, { semicolons: false });
  // Defining phrases weigh most, then operative words (an excuse, a duty), then references.
  // A sentence about something else (consequential damages, governing law) breaks the run.
  const counterCues = compiled.cues.filter((cue) => cue.weight < 0);
  const gates = sentences.map((sentence) => passesGate(compiled, text.slice(sentence.start, sentence.end)));
  const operative = sentences.map((sentence) => {
    const body = text.slice(sentence.start, sentence.end);
    return isOperativeOrDuty(compiled, body);
  });
  const weights = sentences.map((sentence, index) => {
    const body = text.slice(sentence.start, sentence.end);
    if (leftToAnother(compiled, body)) return 0;
    const gate = gates[index]!;
    const weight =
      (gate ? 2 : 0) +
      (operative[index] ? 2 : 0) +
      (compiled.referenceCues.some((pattern) => test(pattern, body)) || REFERS_TO_EVENT.test(body) || NOTICE_OF_DELAYS.test(body) ? 1 : 0);
    return !gate && counterCues.some((cue) => test(cue.pattern, body)) ? 0 : weight;
  });
  let best: [number, number] | null = null;
  let bestWeight = 0;
  for (let first = 0; first < sentences.length; first++) {
    if (weights[first] === 0) continue;
    let last = first;
    let weight = weights[first]!;
    let defining = gates[first]!;
    // A run continues across at most one sentence without the clause's phrases.
    for (let next = first + 1; next < sentences.length && next - last <= 2; next++) {
      if (weights[next]! > 0) {
        last = next;
        weight += weights[next]!;
        defining ||= gates[next]!;
      }
    }
    // A run of duties about something else ("comply with all laws", "warrants title") is not the clause.
    if (defining && weight > bestWeight) {
      bestWeight = weight;
      best = [first, last];
    }
    first = last;
  }
  if (!best) return [start, end];
  // An unbulleted list item ("Acts of God, … or any other cause beyond our control.") takes its
  // excuse from the sentence that introduces the list ("Carrier is not liable for delay caused by:").
  let first = best[0];
  if (!operative.slice(best[0], best[1] + 1).some(Boolean)) {
    for (let previous = best[0] - 1; previous >= Math.max(0, best[0] - LIST_LEAD_IN_REACH); previous--) {
      // The introducing sentence ends at its colon, or runs on into the first item when items are unmarked.
      if (!/:(?:\s|$)/.test(text.slice(sentences[previous]!.start, sentences[previous]!.end))) continue;
      if (operative[previous]) first = previous;
      break;
    }
  }
  return [sentences[first]!.start, sentences[best[1]]!.end];
}

function headingText(segment: Segment): string {
  return namingTitle(segment) ?? '';
}

/** Whether [start, end) overlaps one of the ranges. */
function overlaps(parts: readonly { start: number; end: number }[], start: number, end: number): boolean {
  return parts.some((part) => start < part.end && end > part.start);
}

function within(parts: readonly { start: number; end: number }[], start: number, end: number): boolean {
  return parts.some((part) => start >= part.start && end <= part.end);
}

/** Words that open a list of examples in a definition. */
const EXAMPLES_FOLLOW = /\b(?:including|includes|include|such as|e\.g\b|for example|for instance|namely|in particular)\b|:/i;
/** A semicolon that ends one definition of a list because the next begins ("…; "Goods" means …"). */
const NEXT_DEFINITION =
  /;\s+(?:and\s+|or\s+)?(?:["“'‘][^"”'’]{1,60}["”'’]|[A-Z][\w-]*(?: [A-Z][\w-]*){0,5})\s+(?:shall\s+)?(?:means?|has\s+the\s+meaning|includes?)\b/;
/** A sentence that goes on to give a definition's examples ("Such circumstances include: …"). */
const EXAMPLES_SENTENCE =
  /^\s*(?:such|these|those|the said) (?:\w+ )?(?:events?|circumstances?|causes?|occurrences?|contingenc(?:y|ies))\b[^.;]{0,40}?\b(?:include|includes|including|shall include|comprise|may be)\b/i;

/**
 * Whether a definition of the clause's term names its events: a list (two commas or more) or
 * examples ("including", "such as"), not only a description ("any event beyond the Seller's
 * reasonable control").
 */
export function definitionListsEvents(passage: string, definition: RegExp): boolean {
  const match = firstMatch(definition, passage);
  if (!match) return false;
  const after = passage.slice(match.index + match[0].length, match.index + match[0].length + MAX_DEFINITION);
  // A semicolon ends the definition only where the next one begins; inside a sentence ("… and
  // which; could not have been foreseen …, and shall include: acts of God; civil war; …") it does not.
  const sentenceEnd = /\.(?:\s|$)/.exec(after)?.index ?? after.length;
  const nextDefinition = NEXT_DEFINITION.exec(after)?.index ?? after.length;
  const ownEnd = Math.min(sentenceEnd, nextDefinition);
  const own = after.slice(0, ownEnd);
  if (EXAMPLES_FOLLOW.test(own) || (own.match(/,/g)?.length ?? 0) >= 2) return true;
  return ownEnd === sentenceEnd && EXAMPLES_SENTENCE.test(after.slice(ownEnd + 1));
}

/** Finds the clause(s) of one type: heading matches, cue phrases and similarity to the reference texts. */
export function locateClause(text: string, segments: readonly Segment[], compiled: CompiledClauseType, similarity: ClauseSimilarity): Located {
  const scored: Scored[] = [];
  // "This Agreement may be terminated: … (c) by either party, if a Force Majeure Event lasts more than six months."
  // "The Company shall not be liable for any of the following: … (b) loss caused by any event beyond its control;"
  // The introduction that makes a list item operative, or null when none does.
  const operativeLeadIn = (segment: Segment, span: string): string | null => {
    if (compiled.operativeLeadIns.length === 0 && compiled.operative.length === 0) return null;
    const leadIn = leadInOf(text, segments, segment);
    if (!leadIn) return null;
    const introduction = text.slice(leadIn.start, leadIn.end);
    if (!WARRANTY_EXCLUSION.test(introduction)) {
      if (isOperative(compiled, introduction)) return introduction;
      // A duty of the clause split over both ("The Affected Party must:" + "(a) … give the other party written notice of the Force Majeure Event").
      if (isOperativeOrDuty(compiled, `${introduction} ${span}`)) return introduction;
    }
    if (!compiled.operativeLeadIns.some((pattern) => test(pattern, introduction))) return null;
    return isOperative(compiled, `${introduction} ${span}`) ? introduction : null;
  };
  // The paragraph a "The same applies where …" text at `start` extends: the one before its segment.
  const extendedParagraph = (segmentIndex: number, start: number): Segment | null => {
    const before = segments[segmentIndex - 1];
    return before && before.kind !== 'heading' && SAME_APPLIES.test(text.slice(start, start + 80)) ? before : null;
  };
  // The paragraph after a located part that opens on the part's event ("Should a delay occur, …").
  const followingParagraph = (segmentIndex: number): Segment | null => {
    if (compiled.followUps.length === 0) return null;
    const own = segments[segmentIndex]!;
    const next = segments.find((candidate) => candidate.start >= own.subtreeEnd);
    if (!next || next.kind === 'heading' || next.parent !== own.parent || next.subtreeEnd - next.start > SHORT_SECTION) return null;
    const opening = text.slice(next.start, Math.min(next.end, next.start + MAX_SPAN));
    return compiled.followUps.some((pattern) => test(pattern, opening)) ? next : null;
  };
  // "The same applies where the delay results from war …" excuses what the paragraph before excuses.
  const extendsOperative = (segment: Segment, start: number): boolean => {
    const before = extendedParagraph(segment.index, start);
    if (!before) return false;
    const previous = text.slice(before.start, Math.min(before.end, before.start + MAX_SPAN));
    return isOperative(compiled, previous);
  };
  // The elements (of those the library lets weigh like cues) whose rules hold in [start, end).
  const { elementCues } = compiled.type;
  const cueElements = elementCues ? compiled.elements.filter((element) => elementCues.elements.includes(element.id)) : [];
  const statedElements = (segment: Segment, start: number, end: number): string[] => {
    if (cueElements.length === 0) return [];
    const sentences = splitSentences(text, start, end).filter((sentence) => !leftToAnother(compiled, text.slice(sentence.start, sentence.end)));
    const groups = [[sentenceGroup(text, segments, segment, sentences)]];
    return cueElements.filter((element) => findElement(text, groups, element.rules) !== null).map((element) => element.id);
  };
  const counterCues = compiled.cues.filter((cue) => cue.weight < 0);
  // "Supplier shall obtain all export licences" is a provision under "Export Licences", not under "Delivery".
  const headingGated = (segment: Segment, span: string): boolean => {
    const heading = headingText(segment);
    const gate = compiled.headingGate;
    return gate !== null && heading !== '' && gate.headings.some((pattern) => test(pattern, heading)) && gate.phrases.some((pattern) => test(pattern, span));
  };
  const score = (segment: Segment, start: number, end: number, headingMatch: boolean): Scored => {
    // A compound heading ("Pricing, Taxes, and Force Majeure") titles more than this clause.
    const compoundHeading = /[,;/&]| and /i.test(segment.heading ?? '');
    // A section titled for something else ("Delivery") holds the clause as a run-in sentence or two.
    const otherTopic = !headingMatch && segment.heading !== null;
    // So does an untitled paragraph that also speaks of something the clause is not (Incoterms beside a re-export ban).
    const mixedTopics = !headingMatch && counterCues.some((cue) => test(cue.pattern, text.slice(start, Math.min(end, start + MAX_SPAN))));
    // So does an untitled run of many sentences ("TERMS: All quotations are valid ... governed by English law."),
    // counted only when nothing else already calls for narrowing. The items of a list the paragraph
    // announces are not sentences of its own.
    const manySentences = () =>
      segment.heading === null && !headingMatch && splitSentences(text, start, Math.min(segment.end, end, start + NARROW_ABOVE)).length > MANY_SENTENCES;
    if (otherTopic || mixedTopics || ((!headingMatch || compoundHeading) && end - start > NARROW_ABOVE) || manySentences())
      [start, end] = narrow(text, start, end, compiled);
    const span = ownWords(compiled, text, start, Math.min(end, start + MAX_SPAN));
    const gatePassed = passesGate(compiled, span) || (headingMatch && headingGated(segment, span));
    const ownOperative = compiled.operative.length === 0 || isOperativeOrDuty(compiled, span);
    const leadIn = ownOperative ? null : operativeLeadIn(segment, span);
    const operative = ownOperative || leadIn !== null || extendsOperative(segment, start);
    const gate = gatePassed && operative;
    // An item that is operative only through its introduction ("is not liable for: … delays beyond
    // our control") is scored with it, so the introduction's cues count.
    const cues = cueScore(compiled, leadIn === null ? span : `${leadIn} ${span}`);
    if (gatePassed) {
      const stated = statedElements(segment, start, Math.min(end, start + MAX_SPAN));
      if (stated.length > 0) {
        cues.score += stated.length * (elementCues?.weight ?? 0);
        cues.reasons.push(...stated.map((id) => `states ${id}`));
      }
    }
    const cosine = gate ? similarity.similarity(span, compiled.type.id) : 0;
    const reasons = [...cues.reasons];
    if (headingMatch) reasons.unshift(`heading "${headingText(segment)}"`);
    if (cosine > 0) reasons.push(`similarity to reference texts ${cosine.toFixed(2)}`);
    return {
      segment: segment.index,
      start,
      end,
      score: (headingMatch ? HEADING_WEIGHT : 0) + cues.score + SIMILARITY_WEIGHT * cosine,
      headingMatch,
      gate,
      failure: !gatePassed ? 'gate' : !operative ? 'operative' : null,
      cueCount: cues.positive,
      reasons,
    };
  };

  // Sections whose heading names the clause type, scored as a whole with their sub-clauses.
  for (const segment of segments) {
    const heading = headingText(segment);
    if (heading && compiled.headingCues.some((pattern) => test(pattern, heading))) {
      if (within(scored, segment.start, segment.subtreeEnd)) continue;
      scored.push(score(segment, segment.start, segment.subtreeEnd, true));
    }
  }
  const threshold = compiled.type.threshold;
  // A titled section that falls short as a whole ("Compliance with Laws", where one paragraph of many
  // is about export control) still lets its paragraphs be scored on their own.
  const headed = scored.filter((candidate) => candidate.gate && candidate.score >= threshold);
  // The candidates that stand for their range: the titled sections that held, then each paragraph scored.
  const standing = [...headed];
  // Other clauses (and untitled paragraphs) scored on their own text, or with small sub-clauses.
  // An item of a list another clause type introduces ("Force Majeure Events include: (a) embargoes")
  // belongs to that clause, like the sentence that introduces it.
  const itemOfExcluded = (segment: Segment) => {
    if (compiled.excludeSentences.length === 0 || segment.parent === null || segment.kind !== 'clause') return false;
    const parent = segments[segment.parent]!;
    const parentText = text.slice(parent.start, parent.end);
    return leftToAnother(compiled, parentText);
  };
  for (const segment of segments) {
    if (within(headed, segment.start, segment.end) || itemOfExcluded(segment)) continue;
    // The clause's own words must pass the gate; its sub-items (an event list) then belong to it.
    const ownText = ownWords(compiled, text, segment.start, Math.min(segment.end, segment.start + MAX_SPAN));
    if (!passesGate(compiled, ownText)) continue;
    const hasChildren = segment.subtreeEnd > segment.end;
    const end =
      hasChildren && segment.subtreeEnd - segment.start <= SHORT_SECTION ? segment.subtreeEnd : withUnmarkedItems(text, segments, segment, segment.end);
    if (within(standing, segment.start, end)) continue;
    const candidate = score(segment, segment.start, end, false);
    scored.push(candidate);
    standing.push(candidate);
  }

  const accepted = scored.filter((candidate) => candidate.gate && candidate.score >= threshold).sort((a, b) => b.score - a.score);
  // A definition excuses nothing by itself: it joins an operative clause but cannot be one.
  // A section that opens with a definition and goes on to oblige or excuse ("23.1 "Sanctions" means
  // ... 23.2 Each Party shall comply with Sanctions") is the provision itself.
  const isDefinition = (candidate: Scored) => {
    if (compiled.definition === null || !test(compiled.definition, text.slice(candidate.start, Math.min(candidate.end, candidate.start + 200)))) return false;
    const definition = compiled.definition;
    // What a defining sentence goes on to say after a semicolon ("...; and Reseller shall comply with
    // the Export Control Laws") is operative text of its own; a sentence that names its term in
    // passing ("Neither party is liable for events beyond its control (a "Force Majeure Event")")
    // is operative throughout.
    const rest = splitSentences(text, candidate.start, Math.min(candidate.end, candidate.start + MAX_SPAN))
      .map((sentence) => text.slice(sentence.start, sentence.end))
      .map((sentence) => (test(definition, sentence.replace(TERM_IN_PASSING, ' ')) ? sentence.slice(sentence.indexOf(';') + 1 || sentence.length) : sentence))
      .join(' ');
    return !isOperativeOrDuty(compiled, rest);
  };
  const operatives = accepted.filter((candidate) => !isDefinition(candidate));
  // A definition with its own list of events and nothing that uses it (an excerpt of the
  // definitions, a clause lost in extraction) still says what the contract excuses: better
  // reported, and marked for a person to confirm, than called missing.
  // ("any event beyond the Seller's reasonable control" alone names no event: convention 8's kind,
  // an item of a definitions list). A definition that opens a section titled for the clause
  // ("4. Force majeure 4.1 Force majeure is taken to mean: every circumstance beyond our control …")
  // is the clause itself, cut short or not, with or without events.
  const listsEvents = (candidate: Scored) =>
    compiled.definition !== null && definitionListsEvents(text.slice(candidate.start, candidate.end), compiled.definition);
  const definitions =
    operatives.length > 0 || !compiled.type.definitionAlone
      ? []
      : [...accepted, ...scored.filter((candidate) => candidate.failure === 'operative' && candidate.score >= threshold && isDefinition(candidate))]
          .filter((candidate) => candidate.headingMatch || listsEvents(candidate))
          .sort((a, b) => b.score - a.score);
  const definitionOnly = definitions.length > 0;
  // A warranty's exclusions ("does not cover damage caused by fire, flood … or other events beyond
  // the Seller's control", or an item of a list so introduced) use the clause's words to limit the
  // warranty, not to excuse performance.
  const excludedFromWarranty = (candidate: Scored) => {
    const leadIn = leadInOf(text, segments, segments[candidate.segment]!);
    const heading = segments[candidate.segment]!.heading ?? '';
    return [text.slice(candidate.start, candidate.end), heading, leadIn ? text.slice(leadIn.start, leadIn.end) : ''].some((passage) =>
      WARRANTY_EXCLUSION.test(passage),
    );
  };
  // With nothing operative and no definition standing for the clause, the strongest passage that
  // uses the clause's words and reaches its threshold on two cues or more (one word, "Embargo.",
  // is not a provision; a definition is excepted: one that names no event is convention 8's kind)
  // stands for it.
  const wordsOnlyPassage =
    operatives.length > 0 || definitionOnly || !compiled.type.wordsAlone
      ? []
      : scored
          .filter(
            (candidate) =>
              candidate.failure === 'operative' &&
              candidate.score >= threshold &&
              candidate.cueCount >= 2 &&
              !isDefinition(candidate) &&
              !excludedFromWarranty(candidate),
          )
          .sort((a, b) => b.score - a.score)
          .slice(0, 1);
  const operative = definitionOnly ? definitions.slice(0, 1) : wordsOnlyPassage.length > 0 ? wordsOnlyPassage : operatives;
  const rationale: string[] = [];
  const parts: LocatedPart[] = [];

  for (const candidate of operative) {
    if (parts.length >= MAX_PARTS) break;
    if (overlaps(parts, candidate.start, candidate.end)) continue;
    // A further, untitled part is usually an excuse run into a clause about something else
    // (inspection, delivery): only its sentences about this clause join the finding.
    const [start, end] =
      parts.length === 0 || candidate.headingMatch ? [candidate.start, candidate.end] : narrow(text, candidate.start, candidate.end, compiled);
    parts.push({
      role: parts.length === 0 ? 'primary' : 'related',
      segment: candidate.segment,
      start,
      end,
      score: round(candidate.score),
    });
    rationale.push(
      `${parts.length === 1 ? 'Located' : 'Also'} at segment ${candidate.segment} (score ${candidate.score.toFixed(1)}): ${candidate.reasons.slice(0, 6).join(', ')}.`,
    );
  }

  if (parts.length > 0) {
    // "The same shall apply if the delay is due to … force majeure": the paragraph before, which
    // the sentence extends, is part of the same excuse.
    for (const part of [...parts]) {
      const before = extendedParagraph(part.segment, part.start);
      if (!before || before.end - before.start > SHORT_SECTION || overlaps(parts, before.start, before.end)) continue;
      parts.push({ role: 'related', segment: before.index, start: before.start, end: before.end, score: 0 });
      rationale.push(`Segment ${before.index} is the provision that segment ${part.segment} extends ("the same applies").`);
    }
    // "In the event of a significant delay, we will contact you …": the paragraph right after a
    // part, at its level, that goes on about the part's event belongs to it.
    for (const part of [...parts]) {
      const after = followingParagraph(part.segment);
      if (!after || overlaps(parts, after.start, after.end)) continue;
      parts.push({ role: 'related', segment: after.index, start: after.start, end: after.subtreeEnd, score: 0 });
      rationale.push(`Segment ${after.index} goes on about the event of segment ${part.segment}.`);
    }
    // The definition of the clause's defined term belongs to it, wherever it stands.
    if (compiled.definition) {
      for (const segment of segments) {
        if (parts.length >= MAX_PARTS + 2) break;
        const own = text.slice(segment.start, segment.end);
        if (overlaps(parts, segment.start, segment.end) || !test(compiled.definition, own)) continue;
        parts.push({ role: 'definition', segment: segment.index, start: segment.start, end: definitionEnd(text, segments, segment), score: 0 });
        rationale.push(`Definition of the clause's defined term at segment ${segment.index}.`);
      }
    }
    // Sub-clauses beside a located one, in a section about it, that go on about it ("8.2 The
    // Supplier shall notify the Buyer of any such hindrance", "19.2 Paragraph 19.1 does not apply to payment"),
    // or that cite another located part by its number ("(ii) … contrary to the prohibitions in sub-clause (a)").
    const locatedNumbers = parts.filter((part) => part.role !== 'definition').flatMap((part) => segments[part.segment]!.number ?? []);
    const citesLocated = locatedNumbers.flatMap((number) => numberReference(number) ?? []);
    for (const part of [...parts]) {
      if (part.role === 'definition') continue;
      const family = siblingsOf(segments, segments[part.segment]!, SHORT_SECTION);
      if (!family) continue;
      const number = segments[part.segment]!.number;
      const cites = number ? numberReference(number) : null;
      // Items under an introduction that excuses ("The Company shall be relieved of liability for
      // any delay caused by:") are the provision's list, for a clause whose lists are read with
      // their introductions: every item of it joins.
      const leadIn = compiled.operativeLeadIns.length > 0 ? leadInOf(text, segments, segments[part.segment]!) : undefined;
      const underOperativeLeadIn = leadIn !== undefined && isOperative(compiled, text.slice(leadIn.start, leadIn.end));
      // "for any reason defined in this Article 7", written in 7.5 about the clause that is Article 7.
      const citesSection = family.number ? titledNumberReference(family.number) : null;
      // In a flat run, the clauses right after the located one that go on about it ("7.1 Force
      // Majeure. …" then "7.2 … the non-performing party shall …") join it, one after another.
      let chained = true;
      for (const sibling of family.members) {
        if (overlaps(parts, sibling.start, sibling.end)) continue;
        const own = text.slice(sibling.start, sibling.end);
        const following = family.flat && sibling.index > part.segment;
        const continues: boolean = following && chained && refersBack(compiled, text.slice(sibling.start, sibling.subtreeEnd));
        const saysSo: boolean =
          (!family.flat && refersBack(compiled, own)) ||
          continues ||
          cites?.test(own) === true ||
          citesSection?.test(own) === true ||
          citesLocated.some((pattern) => pattern.test(own)) ||
          underOperativeLeadIn;
        if (following) chained &&= saysSo;
        if (!saysSo) continue;
        parts.push({ role: underOperativeLeadIn ? 'related' : 'reference', segment: sibling.index, start: sibling.start, end: sibling.subtreeEnd, score: 0 });
      }
    }
    // An item excused through the clause that introduces its list ("9.1 The Haulier is not liable …
    // to the extent that it results from: … (g) any other circumstance …"): that clause heads the
    // provision, so a clause citing it by number ("for any reason set out in clause 9.1") joins below.
    for (const part of [...parts]) {
      if (part.role === 'definition' || part.role === 'reference') continue;
      const segment = segments[part.segment]!;
      const parent = segment.parent === null ? null : segments[segment.parent]!;
      if (!parent || parent.number === null || parent.end > segment.start || overlaps(parts, parent.start, parent.end)) continue;
      const leadIn = leadInOf(text, segments, segment);
      if (!leadIn || leadIn.start < parent.start || leadIn.end > parent.end || !isOperative(compiled, text.slice(leadIn.start, leadIn.end))) continue;
      parts.push({ role: 'related', segment: parent.index, start: parent.start, end: parent.end, score: 0 });
      rationale.push(`Segment ${parent.index} introduces the list that segment ${part.segment} is an item of.`);
    }
    // A condition joined to the next item by "and" ("1. the delay arises from causes beyond its
    // control …; and" over "2. the Contractor notifies the Recipient within 4 days …") is one
    // excuse with it.
    for (const part of [...parts]) {
      if (part.role === 'definition' || !CONJOINED.test(text.slice(part.start, part.end))) continue;
      const own = segments[part.segment]!;
      const next = segments.find((candidate) => candidate.start >= part.end && candidate.parent === own.parent && candidate.kind === own.kind);
      if (!next || next.start - part.end > 4 || overlaps(parts, next.start, next.end)) continue;
      parts.push({ role: 'related', segment: next.index, start: next.start, end: next.subtreeEnd, score: 0 });
      rationale.push(`Segment ${next.index} is the condition that segment ${part.segment} joins to it ("and").`);
    }
    // A schedule, exhibit or annex that a located part names for its terms ("the events described
    // in Schedule 3") belongs to it, when the document holds it and it is short.
    for (const part of [...parts]) {
      if (part.role === 'reference') continue;
      for (const annex of citedAnnexes(text, segments, text.slice(part.start, part.end))) {
        if (overlaps(parts, annex.start, annex.end)) continue;
        parts.push({ role: 'related', segment: annex.segment, start: annex.start, end: annex.end, score: 0 });
        rationale.push(`Segment ${annex.segment} is the ${annex.name} that segment ${part.segment} names.`);
      }
    }
    // Sentences elsewhere that refer to the clause (a termination right for a prolonged force
    // majeure), by its words or by its number ("prevented by a cause described in Article 13").
    const citations = parts.flatMap((part) => {
      const number = part.role === 'reference' ? null : segments[part.segment]!.number;
      const pattern = number ? titledNumberReference(number, true) : null;
      return pattern ? [pattern] : [];
    });
    for (const segment of segments) {
      if (parts.length >= MAX_PARTS + 6) break;
      if (overlaps(parts, segment.start, segment.end)) continue;
      const own = text.slice(segment.start, segment.end);
      if (!compiled.joinCues.some((pattern) => test(pattern, own)) && !citations.some((pattern) => pattern.test(own))) continue;
      parts.push({ role: 'reference', segment: segment.index, start: segment.start, end: segment.end, score: 0 });
    }
  }

  const nearMisses: NearMiss[] = scored
    .filter((candidate) => !operative.includes(candidate))
    .sort((a, b) => b.score - a.score)
    .slice(0, 3)
    .map((candidate) => ({
      segment: candidate.segment,
      start: candidate.start,
      end: candidate.end,
      score: round(candidate.score),
      reason: accepted.includes(candidate)
        ? "a definition of the clause's term, with no operative clause that uses it"
        : candidate.gate
          ? `scored ${candidate.score.toFixed(1)}, below the threshold of ${threshold} (${candidate.reasons.slice(0, 4).join(', ') || 'no cues'})`
          : candidate.failure === 'operative'
            ? "uses the clause's vocabulary but excuses or requires nothing"
            : candidate.headingMatch
              ? "the heading matches but the text has none of the clause's defining phrases"
              : 'its defining phrases stand apart from what it requires (no passage holds both)',
    }));
  const wordsOnly = wordsOnlyPassage.length > 0 && parts.length > 0;

  if (definitionOnly) rationale.push("Only the definition of the clause's term was found; no clause that uses it.");
  if (wordsOnly) rationale.push("Taken on the clause's words alone: nothing it excuses or requires was recognised.");
  return {
    present: parts.length > 0,
    parts,
    score: operative[0]?.score ?? 0,
    rationale,
    nearMisses,
    ...(definitionOnly ? { definitionOnly } : {}),
    ...(wordsOnly ? { wordsOnly } : {}),
  };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * Which sentences the sentence classifier may take as this clause: those that use the clause's
 * vocabulary, in a clause whose own words do not point elsewhere (a delivery clause that makes
 * the buyer obtain export licences names licences, but its Incoterms say what it is). The
 * vocabulary is the clause's gate, its defining words: an export-control provision names export,
 * sanctions or licences; a force-majeure provision names the clause, control or the events; without
 * them a sentence is something else ("shall not ... to any third party", "the delivery date is
 * extended"), however it scores.
 */
export function classifierMayTake(
  compiled: CompiledClauseType,
  text: string,
  segments: readonly Segment[],
): (sentence: { start: number; end: number; segment: number }) => boolean {
  // One scan of the whole text with the merged gate finds the segments that use the vocabulary at
  // all (most do not); only those are scored and only their sentences tested one by one.
  const using = new Set<number>();
  for (const anyWord of compiled.anyGate) {
    for (const match of text.matchAll(anyWord)) {
      using.add(Math.max(0, segmentAt(segments, match.index)));
      if (match[0].length === 0) break;
    }
  }
  const segmentAdmits = new Map<number, boolean>();
  const admits = (index: number) => {
    if (!using.has(index)) return false;
    let admitted = segmentAdmits.get(index);
    if (admitted === undefined) {
      const segment = segments[index]!;
      admitted = cueScore(compiled, text.slice(segment.start, Math.min(segment.end, segment.start + MAX_SPAN))).score > 0;
      segmentAdmits.set(index, admitted);
    }
    return admitted;
  };
  return (sentence) => admits(sentence.segment) && passesGate(compiled, text.slice(sentence.start, sentence.end));
}

/**
 * "Schedule 3", "Exhibit B", "Annex II", "Appendix 1", "Attachment A", as a clause cites them; the
 * name is capitalised and the mark a capital, a figure or a Roman numeral ("schedule a meeting" is none).
 */
const ANNEX_KIND = '(Schedule|SCHEDULE|Exhibit|EXHIBIT|Annex|ANNEX|Appendix|APPENDIX|Attachment|ATTACHMENT)';
const ANNEX_MARK = '([A-Z]{1,2}|\\d{1,2}|[IVX]{1,4})\\b';
const ANNEX_CITATION = new RegExp(`\\b${ANNEX_KIND}\\s+${ANNEX_MARK}`, 'g');
const ANNEX_HEADING = new RegExp(`^\\s*${ANNEX_KIND}\\s+${ANNEX_MARK}`);

/**
 * The annexes a passage cites that the document itself holds: from the segment that opens with the
 * annex's title to the next annex title, at most a short section long (a long annex, such as a
 * specification, is about much more than the clause).
 */
function citedAnnexes(text: string, segments: readonly Segment[], passage: string): Array<{ name: string; segment: number; start: number; end: number }> {
  const citations = [...passage.matchAll(ANNEX_CITATION)];
  if (citations.length === 0) return [];
  // The annex each segment opens ("schedule 3"), or null.
  const titles = segments.map((segment) => {
    const title = ANNEX_HEADING.exec(text.slice(segment.start, Math.min(segment.end, segment.start + 80)));
    return title ? `${title[1]!.toLowerCase()} ${title[2]!.toLowerCase()}` : null;
  });
  const found: Array<{ name: string; segment: number; start: number; end: number }> = [];
  for (const citation of citations) {
    const opening = titles.indexOf(`${citation[1]!.toLowerCase()} ${citation[2]!.toLowerCase()}`);
    if (opening === -1) continue;
    let last = opening;
    while (last + 1 < segments.length && titles[last + 1] === null) last++;
    const [start, end] = [segments[opening]!.start, Math.max(segments[last]!.end, segments[last]!.subtreeEnd)];
    if (end - start > SHORT_SECTION) continue;
    found.push({ name: `${citation[1]!.toLowerCase()} ${citation[2]}`, segment: opening, start, end });
  }
  return found;
}
