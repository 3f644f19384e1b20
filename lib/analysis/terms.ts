import { escapeRegExp } from '../regex.js';

/*
 * Terms a contract defines for itself. Many contracts give the force-majeure provision a name of
 * their own ("Contingency", "Excused Delay", "Uncontrollable Event") and then use only that name,
 * in the operative clause and in the termination right. A definition whose body uses the clause's
 * defining words (its gate) makes the term one of the clause's terms for that document.
 */

export interface DefinedTerm {
  term: string;
  /** Offset of the definition in the text. */
  start: number;
}

/** Double or single quotes, straight or curly: British drafting defines terms in single quotes ('Relief Event'). */
const OPEN_QUOTE = `["“'‘]`;
const CLOSE_QUOTE = `["”'’]`;
const TERM = `[A-Z][A-Za-z'’-]*(?:\\s+(?:of\\s+|and\\s+)?[A-Z][A-Za-z'’-]*){0,4}`;
/** "Contingency" means …, "Excused Event" shall have the meaning … */
const MEANS = new RegExp(
  `${OPEN_QUOTE}(${TERM})${CLOSE_QUOTE}\\s+(?:shall\\s+)?(?:means?|has\\s+the\\s+meaning|have\\s+the\\s+meaning|shall\\s+have\\s+the\\s+meaning|includes?|refers?\\s+to|is\\s+defined)\\b`,
  'g',
);
/** … beyond its reasonable control (each, an "Excused Event") */
const PARENTHETICAL = new RegExp(
  `\\(\\s*(?:each|individually|collectively|together|hereinafter(?:\\s+(?:referred\\s+to\\s+as|called))?)?,?\\s*(?:as\\s+)?(?:an?\\s+|the\\s+)?${OPEN_QUOTE}(${TERM})${CLOSE_QUOTE}\\s*\\)`,
  'g',
);
/**
 * For this purpose a "Supervening Event" is …: a capitalised term, quoted or not, defined as an
 * event or circumstance ("an 'Extraordinary Event' is an occurrence that lies outside a Party's control").
 */
const AS_AN_EVENT =
  /\b(?:[Aa]n?|[Tt]he)\s+["“'‘]?((?:[A-Z][A-Za-z'’-]*\s+){0,3}(?:Event|Cause|Circumstance|Occurrence|Delay|Contingency|Hindrance|Impediment)s?)["”'’]?\s+(?:is|are|means|shall\s+mean)\s+(?:an?|any)\s+(?:event|circumstance|occurrence|cause|delay)/g;
/** How much text after "means" (or before a parenthetical) is read as the definition. */
const BODY = 500;
/** The end of a sentence: a full stop or semicolon before a capital, a digit or a list marker; not the point of "U.S." or "No." ("the U.S. Export Administration Regulations"). */
const SENTENCE_END = /(?<!\b(?:[A-Z]\.)+[A-Z]|\b(?:No|Nos|Art|Arts|Sec|Inc|Ltd|Corp|Co))[.;]["”’)]*(?=\s+["“(]?[A-Z0-9(])|\n\s*\n/;
const SENTENCE_END_GLOBAL = new RegExp(SENTENCE_END.source, 'g');

const MAX_TERMS = 5;

/**
 * Terms defined in the text whose definition the clause claims (`claims`, given the definition and
 * the term) and whose name the clause's own words do not already cover (`covered`).
 */
export function findDefinedTerms(text: string, claims: (definition: string, term: string) => boolean, covered: (term: string) => boolean): DefinedTerm[] {
  const found = new Map<string, DefinedTerm>();
  const consider = (term: string, start: number, body: string) => {
    const key = term.replace(/\s+/g, ' ');
    if (found.has(key.toLowerCase()) || key.length < 4) return;
    if (covered(key)) return;
    if (!claims(body, key)) return;
    found.set(key.toLowerCase(), { term: key, start });
  };
  const definitions = [...text.matchAll(MEANS)];
  for (const [index, match] of definitions.entries()) {
    const end = match.index + match[0].length;
    // A definition ends where the next one starts ("… placed by Customer. f) “Force Majeure Event” means").
    const body = text.slice(end, Math.min(end + BODY, definitions[index + 1]?.index ?? text.length));
    const sentenceEnd = SENTENCE_END.exec(body);
    consider(match[1]!, match.index, sentenceEnd ? body.slice(0, sentenceEnd.index) : body);
    if (found.size >= MAX_TERMS) break;
  }
  for (const match of text.matchAll(AS_AN_EVENT)) {
    if (found.size >= MAX_TERMS) break;
    const start = match.index + match[0].length - match[0].split(/\s+/).pop()!.length;
    const body = text.slice(start, start + BODY);
    const sentenceEnd = SENTENCE_END.exec(body);
    consider(match[1]!, match.index, sentenceEnd ? body.slice(0, sentenceEnd.index) : body);
  }
  for (const match of text.matchAll(PARENTHETICAL)) {
    if (found.size >= MAX_TERMS) break;
    // The definition is the sentence the parenthetical closes.
    const before = text.slice(Math.max(0, match.index - BODY), match.index);
    let sentenceStart = 0;
    for (const boundary of before.matchAll(SENTENCE_END_GLOBAL)) sentenceStart = boundary.index + boundary[0].length;
    consider(match[1]!, match.index, before.slice(sentenceStart));
  }
  return [...found.values()];
}

/** A case-insensitive pattern source matching any of the terms (plural "s" allowed), or null for none. */
export function termsSource(terms: readonly DefinedTerm[]): string | null {
  if (terms.length === 0) return null;
  const escaped = terms.map(({ term }) =>
    escapeRegExp(term)
      .replace(/\s+/g, ' ')
      // "Contingency" and "Contingencies"
      .replace(/y$/, '(?:y|ie)'),
  );
  return `\\b(?:${escaped.join('|')})s?\\b`;
}
