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

/** Lower-cased, stop-word-free, Porter-stemmed tokens, without numbers and one-letter words. */
export function terms(text: string): string[] {
  const result: string[] = [];
  for (const token of words(text)) {
    if (token.length < 2 || STOPWORDS.has(token) || /^\d+$/.test(token)) continue;
    result.push(stem(token));
  }
  return result;
}
