import { z } from 'zod';
import { sentenceFeatures } from './features.js';
import { probability } from './logistic.js';

/*
 * The sentence classifier as data (lib/library/sentence-model.json, rebuilt by `npm run train`):
 * one logistic model per clause type ("does this sentence belong to such a provision?") and per
 * element ("does it state this element?"), each with the threshold cross-validation chose and how
 * the analyzer uses it: `accept` lets it find what the rules missed (with a review flag), `review`
 * only flags disagreement, `off` leaves it out.
 */

export const Classifier = z.object({
  bias: z.number(),
  weights: z.record(z.string(), z.number()),
  /** Probability from which a sentence counts as positive. */
  threshold: z.number().min(0).max(1),
  use: z.enum(['accept', 'review', 'off']),
});
export type Classifier = z.infer<typeof Classifier>;

export const SentenceModel = z.object({
  id: z.string(),
  version: z.string(),
  features: z.literal('stems-and-pairs-1'),
  trainedOn: z.object({
    documents: z.number().int(),
    sentences: z.number().int(),
    corpora: z.array(z.string()),
    libraryVersion: z.string(),
  }),
  /** By clause type id. */
  clauses: z.record(z.string(), Classifier),
  /** By "<clause type id>/<element id>". */
  elements: z.record(z.string(), Classifier),
  /** Cross-validated figures that decided each `use`, for the record. */
  crossValidation: z.record(z.string(), z.unknown()).default({}),
});
export type SentenceModel = z.infer<typeof SentenceModel>;

/** The probability that a sentence is positive for the classifier. */
export function sentenceProbability(classifier: Classifier, sentence: string): number {
  return probability(classifier, sentenceFeatures(sentence));
}
