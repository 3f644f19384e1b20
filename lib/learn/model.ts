import { z } from 'zod';
import { sentenceFeatures } from './features.js';
import { probability } from './logistic.js';

/*
 * The sentence classifier as data (lib/library/sentence-model.json, rebuilt by `npm run train`):
 * one logistic model per clause type ("does this sentence belong to such a provision?") and per
 * element ("does it state this element?"), with the thresholds chosen on calibration documents
 * (where the rules were never tuned) for how the analyzer combines it with the rules. It adds what
 * the rules missed, with the sentence as evidence and a review flag, and flags disagreement; it
 * never removes what the rules found, since a rules match carries a quote a reader can check and
 * a missed clause is the costliest error.
 */

const Probability = z.number().min(0).max(1);

export const Classifier = z.object({
  bias: z.number(),
  weights: z.record(z.string(), z.number()),
  /** From this probability the classifier finds what the rules missed (the finding is marked for review); null: never. */
  accept: Probability.nullable(),
  /** From this probability a disagreement with the rules is reported for review. */
  review: Probability,
});
export type Classifier = z.infer<typeof Classifier>;

export const SentenceModel = z.object({
  id: z.string(),
  version: z.string(),
  features: z.literal('stems-pairs-headings-1'),
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
export function sentenceProbability(classifier: Classifier, sentence: string, heading: string | null = null): number {
  return probability(classifier, sentenceFeatures(sentence, heading));
}
