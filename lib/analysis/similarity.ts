import { terms } from './tokens.js';

type Vector = Map<string, number>;

function norm(vector: Vector): number {
  let sum = 0;
  for (const value of vector.values()) sum += value * value;
  return Math.sqrt(sum);
}

/**
 * TF-IDF over the document's own clauses plus the library's reference texts, so a term common
 * in this contract ("goods", "supplier") weighs less than one that marks the clause type. The
 * inverse document frequency is natural's (1 + ln(N / (1 + df))), with the document frequencies
 * counted in one pass: natural's TfIdf recounts them over every clause for each new term, which on
 * a 200-page contract cost more than all the rest of the analysis.
 */
export class ClauseSimilarity {
  private readonly documentFrequency = new Map<string, number>();
  private readonly documents: number;
  private readonly references = new Map<string, { vector: Vector; norm: number }>();

  constructor(corpus: readonly string[], referenceTexts: ReadonlyMap<string, readonly string[]>) {
    // A term counts once per document: the last document that counted it says whether this one has,
    // without a set of each document's terms (a 200-page contract has thousands of clauses).
    const lastCounted = new Map<string, number>();
    let document = 0;
    const count = (tokens: readonly string[]) => {
      for (const token of tokens) {
        if (lastCounted.get(token) === document) continue;
        lastCounted.set(token, document);
        this.documentFrequency.set(token, (this.documentFrequency.get(token) ?? 0) + 1);
      }
      document++;
    };
    for (const text of corpus) count(terms(text));
    const referenceTerms = new Map<string, string[]>();
    for (const [id, texts] of referenceTexts) {
      const tokens = terms(texts.join('\n'));
      referenceTerms.set(id, tokens);
      count(tokens);
    }
    this.documents = corpus.length + referenceTexts.size;
    for (const [id, tokens] of referenceTerms) {
      const vector = this.vector(tokens);
      this.references.set(id, { vector, norm: norm(vector) });
    }
  }

  private idf(term: string): number {
    return 1 + Math.log(this.documents / (1 + (this.documentFrequency.get(term) ?? 0)));
  }

  private vector(tokens: readonly string[]): Vector {
    const counts: Vector = new Map();
    for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
    for (const [token, count] of counts) counts.set(token, count * this.idf(token));
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
