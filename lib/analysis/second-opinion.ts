import { sentenceFeatures } from '../learn/features.js';
import { probability } from '../learn/logistic.js';
import type { Classifier } from '../learn/model.js';
import { headingOf, type Segment } from '../segment.js';
import { documentSentences, type DocumentSentence } from './sentences.js';

/*
 * The learned second opinion: the sentence classifier's probabilities over the document, read
 * beside the rules. Features are computed once per document and shared by every classifier.
 */

export interface ScoredSentences {
  sentences: DocumentSentence[];
  features: string[][];
}

export function scoreSentences(text: string, segments: readonly Segment[]): ScoredSentences {
  const sentences = documentSentences(text, segments);
  return { sentences, features: sentences.map((sentence) => sentenceFeatures(text.slice(sentence.start, sentence.end), headingOf(segments, sentence.segment)?.heading ?? null)) };
}

export interface Opinion {
  probability: number;
  /** Index of the most probable sentence, or -1 when there is none. */
  index: number;
}

/** The most probable sentence among those the filter keeps. */
export function bestSentence(classifier: Classifier, scored: ScoredSentences, keep: (sentence: DocumentSentence) => boolean = () => true): Opinion {
  let best: Opinion = { probability: 0, index: -1 };
  scored.sentences.forEach((sentence, index) => {
    if (!keep(sentence)) return;
    const value = probability(classifier, scored.features[index]!);
    if (value > best.probability) best = { probability: value, index };
  });
  return best;
}

/** A filter keeping the sentences that lie inside one of the ranges. */
export function inside(ranges: ReadonlyArray<{ start: number; end: number }>): (sentence: DocumentSentence) => boolean {
  return (sentence) => ranges.some((range) => sentence.start < range.end && sentence.end > range.start);
}

/** Rounded for reports: two decimals say all a reader needs. */
export function roundProbability(value: number): number {
  return Math.round(value * 100) / 100;
}
