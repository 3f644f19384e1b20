import { describe, expect, it } from 'vitest';
import { ClauseSimilarity } from '../../../lib/analysis/similarity.js';
import { stem, termOf, terms } from '../../../lib/analysis/tokens.js';

/** The same TF-IDF cosine written out plainly: document frequencies from a set of each document's terms. */
function plainSimilarity(corpus: readonly string[], reference: readonly string[], text: string): number {
  const documents = [...corpus.map(terms), terms(reference.join('\n'))];
  const frequency = (term: string) => documents.filter((tokens) => tokens.includes(term)).length;
  const idf = (term: string) => 1 + Math.log(documents.length / (1 + frequency(term)));
  const vector = (tokens: string[]) => {
    const counts = new Map<string, number>();
    for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
    for (const [token, count] of counts) counts.set(token, count * idf(token));
    return counts;
  };
  const norm = (weights: Map<string, number>) => Math.sqrt([...weights.values()].reduce((sum, weight) => sum + weight * weight, 0));
  const query = vector(terms(text));
  const model = vector(documents.at(-1)!);
  let dot = 0;
  for (const [token, weight] of query) dot += weight * (model.get(token) ?? 0);
  return dot / (norm(query) * norm(model));
}

describe('termOf', () => {
  it('stems a word and leaves out stop words, numbers and one-letter words, the same on every call', () => {
    expect(termOf('delays')).toBe(stem('delays'));
    expect(termOf('delays')).toBe('delai');
    expect(termOf('the')).toBeNull();
    expect(termOf('agreement')).toBeNull();
    expect(termOf('2024')).toBeNull();
    expect(termOf('x')).toBeNull();
    expect(termOf('x2')).toBe('x2');
    expect(termOf('the')).toBeNull();
  });

  it('gives terms their words', () => {
    expect(terms('The Supplier delays 42 shipments of goods; a delay.')).toEqual(['supplier', 'delai', 'shipment', 'good', 'delai']);
  });
});

describe('ClauseSimilarity', () => {
  it('counts a term once for each document that holds it, however often it repeats there', () => {
    const corpus = [
      'Delivery delays and more delays and delays again.',
      'The Supplier shall deliver the goods.',
      'Neither party is liable for delays caused by events beyond its control.',
      'Payment is due in thirty days.',
      'Goods goods goods.',
    ];
    const reference = ['Neither party shall be liable for any delay or failure caused by events beyond its reasonable control, such as fire or flood.'];
    const similarity = new ClauseSimilarity(corpus, new Map([['force-majeure', reference]]));
    for (const text of [corpus[2]!, 'Delays in delivery of goods.', 'Fire, flood and delays beyond control.']) {
      expect(similarity.similarity(text, 'force-majeure')).toBeCloseTo(plainSimilarity(corpus, reference, text), 12);
    }
    expect(similarity.similarity('Payment is due.', 'force-majeure')).toBe(0);
    expect(similarity.similarity(corpus[2]!, 'export-control')).toBe(0);
  });
});
