/* What the exposure scan keeps of its mentions, and the shape of a matched term. */

/** Evidence items kept per material and per country role. */
export const EVIDENCE_LIMIT = 5;
/** Mentions classified per country and matches kept per material: a 900-page exhibit of addresses must stay fast. */
export const MENTION_LIMIT = 400;

/** A matched term as written, its whitespace collapsed. */
export function collapse(term: string): string {
  return term.replace(/\s+/g, ' ').trim();
}

/** A country is a proper noun: the last word of the mention starts with a capital ("fine china" is no country). */
export function properNoun(term: string): boolean {
  const words = collapse(term).split(' ');
  return /^\p{Lu}/u.test(words[words.length - 1] ?? '');
}
