import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import { RegexpTokenizer } from 'natural/lib/natural/tokenizers/regexp_tokenizer.js';

/*
 * Words as the similarity scorer and the sentence classifier see them: lower case, Porter-stemmed
 * (natural's stemmer), stop words left out. The classifier keeps the few function words that
 * decide a clause's meaning ("not", "neither", "except").
 */

export const STOPWORDS = new Set(
  (
    'a an and are as at be been being by for from has have having he her his i if in into is it its of on or our ' +
    'shall she such that the their them then there these they this those to was we were which who will with would ' +
    'you your any all may must not no nor other than under upon this hereunder thereof herein hereto party parties agreement'
  ).split(' '),
);

// Words are runs of letters and digits; matching them in one pass is much faster than splitting on gaps.
const tokenizer = new RegexpTokenizer({ pattern: /[a-z0-9]+/g, gaps: false });
const MAX_TOKEN = 40;
const stems = new Map<string, string>();

export function stem(token: string): string {
  let stemmed = stems.get(token);
  if (stemmed === undefined) {
    stemmed = PorterStemmer.stem(token);
    if (stems.size < 50_000) stems.set(token, stemmed);
  }
  return stemmed;
}

/** Lower-cased words of at most 40 letters (no word is longer; the stemmer is quadratic on such runs). */
export function words(text: string): string[] {
  return (tokenizer.tokenize(text.toLowerCase()) ?? []).filter((token) => token.length <= MAX_TOKEN);
}

/** Each word's term, or null for a word `terms` leaves out: a contract repeats its words, so each is judged once. */
const wordTerms = new Map<string, string | null>();

/** The term a lower-cased word stands for: its stem, or null for a stop word, a number or a one-letter word. */
export function termOf(word: string): string | null {
  let term = wordTerms.get(word);
  if (term === undefined) {
    term = word.length < 2 || STOPWORDS.has(word) || /^\d+$/.test(word) ? null : stem(word);
    if (wordTerms.size < 50_000) wordTerms.set(word, term);
  }
  return term;
}

/** Lower-cased, stop-word-free, Porter-stemmed tokens, without numbers and one-letter words. */
export function terms(text: string): string[] {
  const result: string[] = [];
  for (const word of words(text)) {
    const term = termOf(word);
    if (term !== null) result.push(term);
  }
  return result;
}
