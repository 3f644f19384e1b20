import TfIdf from 'natural/lib/natural/tfidf/tfidf.js';
import { terms } from './tokens.js';

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
