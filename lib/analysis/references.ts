import { escapeRegExp, test } from '../regex.js';
import { passesGate, type CompiledClauseType } from './patterns.js';

/* How one part of a contract points at another: by clause number ("Article 13", "(a) above") or by the clause's own words. */

/** What follows a clause number in a citation of one of its sub-clauses: "12" in "clause 12.1" or "Section 12(b)". */
const SUBCLAUSE = '(?:\\.\\d{1,3})*(?:\\([a-z0-9]{1,4}\\))?';

/** Numbers cited before the one sought, under the same title word: "12, " and "4.5 or " in "Articles 4.5, 12 or 13". */
const CITED_BEFORE = '(?:[\\dIVXLC]{1,3}(?:\\.\\d{1,3})*(?:\\([a-z0-9]{1,4}\\))?(?:,\\s*(?:and\\s+|or\\s+)?|\\s+(?:and|or|and/or)\\s+)){0,6}';

/** A clause number without its title word or final point ("Article 13" and "13." are 13). */
function bareNumber(number: string): string {
  const trimmed = number.trim().replace(/\.$/, '');
  return /^(?:article|section|clause|paragraph|§)\s*(\S+)$/i.exec(trimmed)?.[1] ?? trimmed;
}

/**
 * A pattern for a sentence that cites a whole clause by number with a title word ("Article 13",
 * "Section 19.1", "clause 8(b)"), which is safe to look for anywhere in a contract; with
 * `subclauses`, a citation of one of its sub-clauses counts as well.
 */
export function titledNumberReference(number: string, subclauses = false): RegExp | null {
  const bare = bareNumber(number);
  if (!/^(?:\d{1,3}(?:\.\d{1,3})*(?:\([a-z0-9]{1,4}\))?|[IVXLC]{1,7})$/i.test(bare)) return null;
  const inside = subclauses && /^\d/.test(bare) ? SUBCLAUSE : '';
  return new RegExp(
    `(?:\\b(?:articles?|sections?|clauses?|paragraphs?|arts?\\.|secs?\\.)|§§?)\\s*${CITED_BEFORE}${escapeRegExp(bare)}${inside}(?![\\w]|\\.\\d)`,
    'i',
  );
}

/**
 * A pattern for a sibling sentence that cites the located clause by its number: "Paragraph 19.1",
 * "(a) above", "Article 13". A bare number ("3") only counts after a title word, since any figure
 * in the text would match it alone.
 */
export function numberReference(number: string, subclauses = false): RegExp | null {
  const bare = bareNumber(number);
  const inside = subclauses && /^\d/.test(bare) ? SUBCLAUSE : '';
  if (/\d\.\d|^\(/.test(bare)) return new RegExp(`(?<![\\w.(])${escapeRegExp(bare)}${inside}(?![\\w]|\\.\\d)`);
  return titledNumberReference(number, subclauses);
}

/** Words that refer back to the clause: its reference cues ("such event", "the affected party"), its gate, its terms. */
export function refersBack(compiled: CompiledClauseType, body: string): boolean {
  return compiled.referenceCues.some((pattern) => test(pattern, body)) || passesGate(compiled, body) || (compiled.terms !== null && test(compiled.terms, body));
}
