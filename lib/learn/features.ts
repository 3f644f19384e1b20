import { STOPWORDS, stem, words } from '../analysis/tokens.js';

/*
 * What the sentence classifier sees of a sentence: its stemmed words and the pairs of neighbouring
 * words, as a set. Function words that decide what a clause means stay in ("not liable", "neither
 * party", "except payment"); numbers become "#", so "ninety (90) days" and "30 days" look alike.
 */

const MEANINGFUL = new Set([
  'not',
  'no',
  'neither',
  'nor',
  'without',
  'except',
  'other',
  'than',
  'either',
  'each',
  'any',
  'all',
  'shall',
  'may',
  'must',
  'upon',
  'if',
  'under',
]);

function token(word: string): string | null {
  if (/^\d+$/.test(word)) return '#';
  if (word.length < 2 && word !== 'a') return null;
  if (STOPWORDS.has(word) && !MEANINGFUL.has(word)) return null;
  return stem(word);
}

/**
 * The features of one sentence: "w:<stem>" for each word, "p:<stem>_<stem>" for each pair of
 * neighbours, and "h:<stem>" for each word of the heading it sits under (context: the same
 * sentence about export licences means one thing under "Export Control" and another under "Delivery").
 */
export function sentenceFeatures(text: string, heading: string | null = null): string[] {
  const tokens: string[] = [];
  for (const word of words(text)) {
    const value = token(word);
    if (value !== null) tokens.push(value);
  }
  const features = new Set<string>();
  for (let index = 0; index < tokens.length; index++) {
    features.add(`w:${tokens[index]}`);
    if (index > 0) features.add(`p:${tokens[index - 1]}_${tokens[index]}`);
  }
  if (heading) {
    for (const word of words(heading)) {
      const value = token(word);
      if (value !== null && value !== '#') features.add(`h:${value}`);
    }
  }
  return [...features];
}
