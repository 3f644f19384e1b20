import { sentenceFeatures } from '../learn/features.js';
import { probability } from '../learn/logistic.js';
import type { Classifier } from '../learn/model.js';
import { headingOf, type Segment } from '../segment.js';
import { splitSentences, type DocumentSentence } from './sentences.js';

/*
 * The learned second opinion: the sentence classifier's probabilities, read beside the rules. A
 * segment is split into sentences, and a sentence's features computed, only when a classifier first
 * asks for them, so a long contract whose clauses the rules found pays only for those clauses.
 */

export class ScoredSentences {
  private readonly sentencesBySegment = new Map<number, DocumentSentence[]>();
  private readonly features = new Map<DocumentSentence, string[]>();

  constructor(
    private readonly text: string,
    private readonly segments: readonly Segment[],
  ) {}

  private sentencesOf(segment: Segment): DocumentSentence[] {
    let sentences = this.sentencesBySegment.get(segment.index);
    if (!sentences) {
      sentences = splitSentences(this.text, segment.start, segment.end).map((sentence) => ({ ...sentence, segment: segment.index }));
      this.sentencesBySegment.set(segment.index, sentences);
    }
    return sentences;
  }

  /** Every sentence of the document, in text order. */
  *all(): Generator<DocumentSentence> {
    for (const segment of this.segments) yield* this.sentencesOf(segment);
  }

  /** The sentences that overlap one of the ranges, each once. */
  *within(ranges: ReadonlyArray<{ start: number; end: number }>): Generator<DocumentSentence> {
    const seen = new Set<number>();
    for (const range of ranges) {
      // Segments are in text order: the first one that ends after the range starts.
      let low = 0;
      let high = this.segments.length;
      while (low < high) {
        const middle = (low + high) >> 1;
        if (this.segments[middle]!.end <= range.start) low = middle + 1;
        else high = middle;
      }
      for (let index = low; index < this.segments.length && this.segments[index]!.start < range.end; index++) {
        if (seen.has(index)) continue;
        seen.add(index);
        for (const sentence of this.sentencesOf(this.segments[index]!)) if (sentence.start < range.end && sentence.end > range.start) yield sentence;
      }
    }
  }

  /** Whether a sentence reads the same in another rendering of the text (one with the sentences another clause took blanked out). */
  readsAlikeIn(text: string, sentence: DocumentSentence): boolean {
    return text === this.text || text.slice(sentence.start, sentence.end) === this.text.slice(sentence.start, sentence.end);
  }

  featuresOf(sentence: DocumentSentence): string[] {
    let features = this.features.get(sentence);
    if (!features) {
      features = sentenceFeatures(this.text.slice(sentence.start, sentence.end), headingOf(this.segments, sentence.segment)?.heading ?? null);
      this.features.set(sentence, features);
    }
    return features;
  }
}

export function scoreSentences(text: string, segments: readonly Segment[]): ScoredSentences {
  return new ScoredSentences(text, segments);
}

export interface Opinion {
  probability: number;
  /** The most probable sentence, or null when there is none. */
  sentence: DocumentSentence | null;
}

function best(classifier: Classifier, scored: ScoredSentences, sentences: Iterable<DocumentSentence>, keep: (sentence: DocumentSentence) => boolean): Opinion {
  let opinion: Opinion = { probability: 0, sentence: null };
  for (const sentence of sentences) {
    if (!keep(sentence)) continue;
    const value = probability(classifier, scored.featuresOf(sentence));
    if (value > opinion.probability) opinion = { probability: value, sentence };
  }
  return opinion;
}

/** The most probable sentence of the document among those the filter keeps. */
export function bestSentence(classifier: Classifier, scored: ScoredSentences, keep: (sentence: DocumentSentence) => boolean = () => true): Opinion {
  return best(classifier, scored, scored.all(), keep);
}

/** The most probable sentence overlapping one of the ranges (a provision's parts); only those sentences are read. */
export function bestSentenceIn(
  classifier: Classifier,
  scored: ScoredSentences,
  ranges: ReadonlyArray<{ start: number; end: number }>,
  keep: (sentence: DocumentSentence) => boolean = () => true,
): Opinion {
  return best(classifier, scored, scored.within(ranges), keep);
}

/** Rounded for reports: two decimals say all a reader needs. */
export function roundProbability(value: number): number {
  return Math.round(value * 100) / 100;
}
