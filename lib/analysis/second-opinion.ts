import { sentenceFeatures } from '../learn/features.js';
import { probability } from '../learn/logistic.js';
import type { Classifier } from '../learn/model.js';
import { headingOf, type Segment } from '../segment.js';
import { documentSentences, type DocumentSentence } from './sentences.js';

/*
 * The learned second opinion: the sentence classifier's probabilities, read beside the rules.
 * A sentence's features are computed when a classifier first asks for them and shared by every
 * classifier after, so a long contract pays only for the sentences that could matter.
 */

export class ScoredSentences {
  readonly sentences: DocumentSentence[];
  private readonly features: Array<string[] | undefined>;

  constructor(
    private readonly text: string,
    private readonly segments: readonly Segment[],
  ) {
    this.sentences = documentSentences(text, segments);
    this.features = new Array(this.sentences.length);
  }

  featuresOf(index: number): string[] {
    let features = this.features[index];
    if (!features) {
      const sentence = this.sentences[index]!;
      features = sentenceFeatures(this.text.slice(sentence.start, sentence.end), headingOf(this.segments, sentence.segment)?.heading ?? null);
      this.features[index] = features;
    }
    return features;
  }
}

export function scoreSentences(text: string, segments: readonly Segment[]): ScoredSentences {
  return new ScoredSentences(text, segments);
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
    const value = probability(classifier, scored.featuresOf(index));
    if (value > best.probability) best = { probability: value, index };
  });
  return best;
}

/** The most probable sentence overlapping one of the ranges (a provision's parts); only those sentences are scored. */
export function bestSentenceIn(classifier: Classifier, scored: ScoredSentences, ranges: ReadonlyArray<{ start: number; end: number }>): Opinion {
  let best: Opinion = { probability: 0, index: -1 };
  const seen = new Set<number>();
  for (const range of ranges) {
    // Sentences are in text order: find the first that ends after the range starts.
    let low = 0;
    let high = scored.sentences.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (scored.sentences[middle]!.end <= range.start) low = middle + 1;
      else high = middle;
    }
    for (let index = low; index < scored.sentences.length && scored.sentences[index]!.start < range.end; index++) {
      if (seen.has(index)) continue;
      seen.add(index);
      const value = probability(classifier, scored.featuresOf(index));
      if (value > best.probability) best = { probability: value, index };
    }
  }
  return best;
}

/** Rounded for reports: two decimals say all a reader needs. */
export function roundProbability(value: number): number {
  return Math.round(value * 100) / 100;
}
