import { compilePattern, compileSpec } from '../library/pattern.js';
import type { ClauseType, ElementRule } from '../library/schema.js';

export { compilePattern } from '../library/pattern.js';

export interface CompiledRule {
  all: RegExp[];
  none: RegExp[];
  window: number;
}

export interface CompiledCue {
  pattern: RegExp;
  weight: number;
  source: string;
}

export interface CompiledClauseType {
  type: ClauseType;
  headingCues: RegExp[];
  cues: CompiledCue[];
  gate: RegExp[];
  operative: RegExp[];
  definition: RegExp | null;
  referenceCues: RegExp[];
  rules: Map<string, CompiledRule[]>;
}

function compileRule(rule: ElementRule): CompiledRule {
  return { all: rule.all.map(compileSpec), none: rule.none.map(compileSpec), window: rule.window };
}

const cache = new WeakMap<ClauseType, CompiledClauseType>();

/** Compiles a clause type's patterns once per library object. */
export function compileClauseType(type: ClauseType): CompiledClauseType {
  const cached = cache.get(type);
  if (cached) return cached;
  const terms = type.definedTerms.map((term) => term.pattern).join('|');
  const compiled: CompiledClauseType = {
    type,
    headingCues: type.headingCues.map(compileSpec),
    cues: type.cues.map((cue) => ({ pattern: compilePattern(cue.pattern, cue.caseSensitive), weight: cue.weight, source: cue.pattern })),
    gate: type.gate.map(compileSpec),
    operative: type.operative.map(compileSpec),
    // "Force Majeure Event" means ... / "Force Majeure" shall have the meaning ... / ("Force Majeure")
    definition:
      terms === ''
        ? null
        : compilePattern(
            `(?:["“'‘]\\s*(?:${terms})\\s*["”'’] (?:shall )?(?:means?|has the meaning|have the meaning|includes?|refers? to|is defined|shall include)|\\(\\s*(?:the |an? )?["“'‘]\\s*(?:${terms})\\s*["”'’]\\s*\\)|^(?:[\\d.]+|\\(?[a-z]{1,3}\\))? ?(?:the )?(?:${terms}) (?:means|shall mean|includes|refers to|shall include|is defined as))`,
          ),
    referenceCues: type.referenceCues.map(compileSpec),
    rules: new Map(type.elements.map((element) => [element.id, element.rules.map(compileRule)])),
  };
  cache.set(type, compiled);
  return compiled;
}

/** True when the pattern matches anywhere in the text (resets the global regex state). */
export function test(pattern: RegExp, text: string): boolean {
  pattern.lastIndex = 0;
  const result = pattern.test(text);
  pattern.lastIndex = 0;
  return result;
}

export function firstMatch(pattern: RegExp, text: string): RegExpExecArray | null {
  pattern.lastIndex = 0;
  const match = pattern.exec(text);
  pattern.lastIndex = 0;
  return match;
}

/** Distinct matched strings (lower-cased), at most `limit`. */
export function distinctMatches(pattern: RegExp, text: string, limit: number): number {
  pattern.lastIndex = 0;
  const seen = new Set<string>();
  let match: RegExpExecArray | null;
  while (seen.size < limit && (match = pattern.exec(text)) !== null) {
    if (match[0].length === 0) pattern.lastIndex++;
    else seen.add(match[0].toLowerCase().replace(/\s+/g, ' '));
  }
  pattern.lastIndex = 0;
  return seen.size;
}
