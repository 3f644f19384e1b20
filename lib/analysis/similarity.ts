import TfIdf from 'natural/lib/natural/tfidf/tfidf.js';
import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import { RegexpTokenizer } from 'natural/lib/natural/tokenizers/regexp_tokenizer.js';

const STOPWORDS = new Set(
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

function stem(token: string): string {
  let stemmed = stems.get(token);
  if (stemmed === undefined) {
    stemmed = PorterStemmer.stem(token);
    if (stems.size < 50_000) stems.set(token, stemmed);
  }
  return stemmed;
}

/** Lower-cased, stop-word-free, Porter-stemmed tokens. */
export function terms(text: string): string[] {
  const result: string[] = [];
  for (const token of tokenizer.tokenize(text.toLowerCase()) ?? []) {
    // No word is 40 letters long; the stemmer's regular expressions are quadratic on such runs.
    if (token.length < 2 || token.length > MAX_TOKEN || STOPWORDS.has(token) || /^\d+$/.test(token)) continue;
    result.push(stem(token));
  }
  return result;
}

type Vector = Map<string, number>;

function countTerms(tokens: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = Object.create(null);
  for (const token of tokens) counts[token] = (counts[token] ?? 0) + 1;
  return counts;
}

function norm(vector: Vector): number {
  let sum = 0;
  for (const value of vector.values()) sum += value * value;
  return Math.sqrt(sum);
}

/**
 * TF-IDF over the document's own clauses plus the library's reference texts, so a term common
 * in this contract ("goods", "supplier") weighs less than one that marks the clause type.
 */
export class ClauseSimilarity {
  private readonly tfidf = new TfIdf();
  private readonly references = new Map<string, { vector: Vector; norm: number }>();

  constructor(corpus: readonly string[], referenceTexts: ReadonlyMap<string, readonly string[]>) {
    // Documents go in as term counts, which natural's TfIdf accepts as they are.
    for (const text of corpus) this.tfidf.addDocument(countTerms(terms(text)));
    const referenceTerms = new Map<string, string[]>();
    for (const [id, texts] of referenceTexts) {
      const tokens = terms(texts.join('\n'));
      referenceTerms.set(id, tokens);
      this.tfidf.addDocument(tokens);
    }
    for (const [id, tokens] of referenceTerms) {
      const vector = this.vector(tokens);
      this.references.set(id, { vector, norm: norm(vector) });
    }
  }

  private vector(tokens: readonly string[]): Vector {
    const counts: Vector = new Map();
    for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
    for (const [token, count] of counts) counts.set(token, count * this.tfidf.idf(token));
    return counts;
  }

  /** Cosine similarity (0–1) of a text to the reference texts of one clause type. */
  similarity(text: string, referenceId: string): number {
    const reference = this.references.get(referenceId);
    if (!reference || reference.norm === 0) return 0;
    const vector = this.vector(terms(text));
    const vectorNorm = norm(vector);
    if (vectorNorm === 0) return 0;
    let dot = 0;
    for (const [token, weight] of vector) dot += weight * (reference.vector.get(token) ?? 0);
    return dot / (vectorNorm * reference.norm);
  }
}
