import { compilePattern, compileSpec } from '../library/pattern.js';
import type { ClauseType, ElementDefinition, ElementRule } from '../library/schema.js';
import { anyOf, distinctMatches, firstMatch, TESTED_SOURCE_MAX, testAny } from '../regex.js';
import { readingsOf, splitSentences, withoutModalAsides } from './sentences.js';
import { findDefinedTerms, termsSource, type DefinedTerm } from './terms.js';

export { compilePattern } from '../library/pattern.js';

export interface CompiledRule {
  all: RegExp[];
  none: RegExp[];
  window: number;
  /** Empty, or patterns one of which the section's headings must match. */
  heading: RegExp[];
}

export interface CompiledCue {
  pattern: RegExp;
  weight: number;
  source: string;
}

export interface CompiledElement {
  id: string;
  rules: CompiledRule[];
  judgeOn: ElementDefinition['judgeOn'];
  /** Sentences anywhere in the document that may state the element; null when only the provision may. */
  anywhere: RegExp[] | null;
  /** Sentences that never state it, for the rules and the classifier alike. */
  exclude: RegExp[];
}

export interface CompiledClauseType {
  type: ClauseType;
  headingCues: RegExp[];
  cues: CompiledCue[];
  gate: RegExp[];
  /** The gate merged into few expressions, for scans that collect its matches (see `classifierMayTake`). */
  anyGate: RegExp[];
  /**
   * The gate merged into fewer, longer expressions, for `passesGate`, which asks only whether one
   * matches. A scan's matches depend on the grouping (one pattern's match may overlap another's), a test's never.
   */
  testedGate: RegExp[];
  /** Defining phrases that count only under some headings of the clause, or null. */
  headingGate: { headings: RegExp[]; phrases: RegExp[] } | null;
  operative: RegExp[];
  duties: RegExp[];
  /** The operative patterns merged (see `isOperative`), and with the duties (see `isOperativeOrDuty`). */
  anyOperative: RegExp[];
  anyOperativeOrDuty: RegExp[];
  operativeLeadIns: RegExp[];
  followUps: RegExp[];
  excludeSentences: RegExp[];
  /** The excluded sentences' patterns merged (see `leftToAnother`). */
  anyExcluded: RegExp[];
  /** The clause's defined terms (the library's, and those the document defines), or null. */
  terms: RegExp | null;
  definition: RegExp | null;
  referenceCues: RegExp[];
  /** Cues that join a section elsewhere to a located provision as a reference. */
  joinCues: RegExp[];
  elements: CompiledElement[];
  /** Terms the document defines for this clause. */
  documentTerms: DefinedTerm[];
}

/** Written in an element rule, stands for the terms the document defines for the clause ("Applicable Laws" defined with export laws). */
export const DEFINED_TERMS = '{definedTerms}';
/** Matches nothing: the placeholder's value in a document that defines no term for the clause. */
const NOTHING = '(?!)';

function compileRule(rule: ElementRule, documentTerms: string | null, exclude: readonly RegExp[]): CompiledRule {
  const compile = (spec: ElementRule['all'][number]) =>
    spec.pattern.includes(DEFINED_TERMS)
      ? compilePattern(spec.pattern.split(DEFINED_TERMS).join(documentTerms ?? NOTHING), spec.caseSensitive)
      : compileSpec(spec);
  return { all: rule.all.map(compile), none: [...rule.none.map(compile), ...exclude], window: rule.window, heading: rule.heading.map(compile) };
}

/**
 * A definition of one of the clause's terms: "Force Majeure Event" means ... / "Force Majeure" shall
 * have the meaning ... / ("Force Majeure") / Force Majeure means ... at the start of a passage or
 * after a heading of the same words / A Force Majeure Event is any event ... / Force Majeure Event:
 * any circumstance ... / Force majeure is taken to mean ... / The following are deemed cases of
 * force majeure: ... (never "shall not be deemed force majeure", which excludes an event inside the
 * operative clause).
 */
function definitionPattern(terms: string): RegExp {
  const quoted = `["“'‘]\\s*(?:${terms})\\s*["”'’] (?:shall )?(?:means?|has the meaning|have the meaning|includes?|refers? to|is defined|shall include|(?:is|shall be) (?:taken|understood) (?:to mean|as))`;
  const named = `\\(\\s*(?:the |an? )?["“'‘]\\s*(?:${terms})\\s*["”'’]\\s*\\)`;
  const unquoted = `(?:^|\\b(?:${terms})[.:]? )(?:[\\d.]+|\\(?[a-z]{1,3}\\))? ?(?:the )?(?:${terms}) (?:(?:with respect to|in relation to|in respect of|as regards) (?:\\w{1,20} ){1,3})?(?:means|shall mean|includes|refers to|shall include|is defined as|(?:is|shall be) (?:taken|understood) (?:to mean|as))`;
  const kindOfEvent = `\\b(?:${terms})(?: (?:is|shall be)| ?:) (?:any|an?|each) (?:\\w{1,20} )?(?:events?|circumstances?|occurrences?|causes?)\\b`;
  const deemed = `\\b(?:are|is|shall be|will be) (?:deemed|considered|regarded as|treated as) (?:to be )?(?:an? )?(?:cases? of )?(?:${terms})\\b`;
  return compilePattern(`(?:${quoted}|${named}|${unquoted}|${kindOfEvent}|${deemed})`);
}

function build(type: ClauseType, documentTerms: DefinedTerm[], namedTerms: DefinedTerm[] = []): CompiledClauseType {
  const librarySources = type.definedTerms.map((term) => term.pattern);
  const documentSource = termsSource(documentTerms);
  const namedSource = termsSource(namedTerms);
  const termSources = [...librarySources, ...(documentSource ? [documentSource] : []), ...(namedSource ? [namedSource] : [])];
  const terms = termSources.length > 0 ? compilePattern(`\\b(?:${termSources.join('|')})`) : null;
  const cues = type.cues.map((cue) => ({ pattern: compilePattern(cue.pattern, cue.caseSensitive), weight: cue.weight, source: cue.pattern }));
  const gate = type.gate.map(compileSpec);
  const excludeSentences = type.excludeSentences.map(compileSpec);
  const operative = type.operative.map(compileSpec);
  const duties = type.duties.map(compileSpec);
  const referenceCues = type.referenceCues.map(compileSpec);
  const joinCues = referenceCues.slice(0, 1);
  if (documentSource) {
    // A term the document defined with the clause's own words counts as much as the clause's name.
    const termPattern = compilePattern(documentSource, true);
    const weight = Math.max(type.threshold, ...type.cues.map((cue) => cue.weight));
    cues.push({ pattern: termPattern, weight, source: documentSource });
    gate.push(termPattern);
    referenceCues.push(termPattern);
    joinCues.push(termPattern);
  }
  return {
    type,
    headingCues: type.headingCues.map(compileSpec),
    cues,
    gate,
    anyGate: anyOf(gate),
    testedGate: anyOf(gate, TESTED_SOURCE_MAX),
    headingGate: type.headingGate && { headings: type.headingGate.headings.map(compileSpec), phrases: type.headingGate.phrases.map(compileSpec) },
    operative,
    duties,
    anyOperative: anyOf(operative),
    anyOperativeOrDuty: anyOf([...operative, ...duties]),
    operativeLeadIns: type.operativeLeadIns.map(compileSpec),
    followUps: type.followUps.map(compileSpec),
    excludeSentences,
    anyExcluded: anyOf(excludeSentences),
    terms,
    definition: termSources.length === 0 ? null : definitionPattern(termSources.join('|')),
    referenceCues,
    joinCues,
    elements: type.elements.map((element) => {
      const exclude = element.exclude.map(compileSpec);
      return {
        id: element.id,
        rules: element.rules.map((rule) => compileRule(rule, documentSource, exclude)),
        judgeOn: element.judgeOn,
        anywhere: element.anywhere ? [...element.anywhere.tie.map(compileSpec), ...(element.anywhere.definedTerms && terms ? [terms] : [])] : null,
        exclude,
      };
    }),
    documentTerms,
  };
}

const cache = new WeakMap<ClauseType, CompiledClauseType>();

/** Compiles a clause type's patterns once per library object. */
export function compileClauseType(type: ClauseType): CompiledClauseType {
  const cached = cache.get(type);
  if (cached) return cached;
  const compiled = build(type, []);
  cache.set(type, compiled);
  return compiled;
}

/** A defined term named as an event may be the clause's term when its definition lists the clause's events. */
const EVENT_TERM = /\b(?:Events?|Causes?|Circumstances?|Occurrences?|Delays?)$/;
/** Events that are not excuses: an insured casualty, a default, a change of control. */
const NOT_AN_EXCUSE_TERM = /\b(?:Casualty|Insured|Insurance|Loss|Default|Termination|Control|Trigger|Credit|Tax|Disruption)\b/;
/** Cue weight a definition's event list needs (two catastrophes, or one with the clause's words). */
const EVENT_LIST_CUES = 2;

/** The clause type compiled for one document: with the terms the document defines for it, when the library asks for them. */
export function compileForDocument(type: ClauseType, text: string): CompiledClauseType {
  const base = compileClauseType(type);
  if (!type.learnDefinedTerms) return base;
  // A definition counts for this clause when it uses the clause's defining words, its cues do not
  // point elsewhere, and it is not a sentence the clause leaves to another ("Contingency" defined with "sanctions").
  const documentTerms = findDefinedTerms(
    text,
    (body, term) => {
      if (leftToAnother(base, body)) return false;
      const cues = cueScore(base, body).score;
      if (passesGate(base, body) && cues > 0) return true;
      // An event list under an event's name ("Delaying Cause" means (i) riot, war ... (ii) embargoes ...).
      return EVENT_TERM.test(term) && !NOT_AN_EXCUSE_TERM.test(term) && cues >= EVENT_LIST_CUES;
    },
    // A term the clause's own words already name ("Force Majeure Event") adds nothing.
    (term) => passesGate(base, term),
  );
  // Such a term ("Export Laws" means the EAR and the sanctions OFAC administers) adds no cue, but its definition joins the clause.
  const namedTerms = findDefinedTerms(
    text,
    (body) => !leftToAnother(base, body),
    (term) => !passesGate(base, term),
  );
  return documentTerms.length === 0 && namedTerms.length === 0 ? base : build(type, documentTerms, namedTerms);
}

/** Whether one of the patterns matches one of the text's readings (see `readingsOf`). */
export function testAnyReading(patterns: readonly RegExp[], text: string): boolean {
  for (const reading of readingsOf(text)) if (testAny(patterns, reading)) return true;
  return false;
}

/** Whether a text has the clause's defining words (its gate). */
export function passesGate(compiled: CompiledClauseType, text: string): boolean {
  return testAnyReading(compiled.testedGate, text);
}

/** Whether a text excuses or obliges in the clause's terms: one of its operative patterns matches. */
export function isOperative(compiled: CompiledClauseType, text: string): boolean {
  return testAnyReading(compiled.anyOperative, text);
}

/** Whether a text is operative, or states a duty of the clause (a notice-only excerpt). */
export function isOperativeOrDuty(compiled: CompiledClauseType, text: string): boolean {
  return testAnyReading(compiled.anyOperativeOrDuty, text);
}

/** Whether a text is one the clause type leaves to another (its `excludeSentences`). */
export function leftToAnother(compiled: CompiledClauseType, text: string): boolean {
  return testAny(compiled.anyExcluded, text);
}

/** Cue phrases that repeat with different wording (several catastrophes in a list) count up to this many times. */
const CUE_REPEAT_LIMIT = 3;

/** The weighted cue score of a text, the cues that made it, and how many of its positive cues it holds. */
export function cueScore(compiled: CompiledClauseType, text: string): { score: number; reasons: string[]; positive: number } {
  // An aside may hide a cue ("No party shall, notwithstanding …, be deemed in breach") or hold one: the better reading counts.
  const score = readingScore(compiled, text);
  const plain = withoutModalAsides(text);
  if (plain === text) return score;
  const other = readingScore(compiled, plain);
  return other.score > score.score ? other : score;
}

function readingScore(compiled: CompiledClauseType, text: string): { score: number; reasons: string[]; positive: number } {
  let score = 0;
  let positive = 0;
  const reasons: string[] = [];
  for (const cue of compiled.cues) {
    const count = distinctMatches(cue.pattern, text, CUE_REPEAT_LIMIT);
    if (count > 0) {
      score += cue.weight * count;
      if (cue.weight > 0) positive += 1;
      const example = firstMatch(cue.pattern, text)?.[0].replace(/\s+/g, ' ');
      if (example) reasons.push(`${cue.weight > 0 ? 'cue' : 'counter-cue'} "${example}"`);
    }
  }
  return { score, reasons, positive };
}

/** The text of [start, end) without the sentences the clause type leaves to another one (its `excludeSentences`). */
export function ownWords(compiled: CompiledClauseType, text: string, start: number, end: number): string {
  const span = text.slice(start, end);
  if (!leftToAnother(compiled, span)) return span;
  return splitSentences(text, start, end)
    .map((sentence) => text.slice(sentence.start, sentence.end))
    .filter((sentence) => !leftToAnother(compiled, sentence))
    .join(' ');
}
