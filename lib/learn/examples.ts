import { documentSentences, type DocumentSentence } from '../analysis/sentences.js';
import { headingOf, type Segment } from '../segment.js';
import { sentenceFeatures } from './features.js';
import { findQuote, findSpan, squeeze } from './spans.js';

/*
 * Labelled sentences for training and cross-validating the sentence classifier: a sentence belongs
 * to a clause when it overlaps a labelled span of that clause, and states an element when it
 * overlaps one of the element's labelled quotes.
 */

export interface SpanLabel {
  role?: string;
  start: string;
  end: string;
}

export interface SentenceLabels {
  spans?: Partial<Record<string, SpanLabel[]>>;
  evidence?: Record<string, string>;
  evidenceAll?: Record<string, string[]>;
}

export interface LabelledSentence extends DocumentSentence {
  features: string[];
  /** Clause prefixes ("fm", "ec") whose spans the sentence overlaps. */
  clauses: Set<string>;
  /** Element keys ("fm.notice") whose quotes the sentence overlaps. */
  elements: Set<string>;
}

export interface LabelledDocument {
  sentences: LabelledSentence[];
  /** Spans and quotes that could not be found in the normalised text. */
  unmatched: string[];
}

const overlaps = (a: { start: number; end: number }, start: number, end: number) => a.start < end && a.end > start;

export function labelSentences(text: string, segments: readonly Segment[], labels: SentenceLabels): LabelledDocument {
  const squeezed = squeeze(text);
  const unmatched: string[] = [];
  const spans: Array<{ prefix: string; start: number; end: number }> = [];
  for (const [prefix, list] of Object.entries(labels.spans ?? {})) {
    for (const span of list ?? []) {
      const found = findSpan(squeezed, span.start, span.end);
      if (found) spans.push({ prefix, start: found[0], end: found[1] });
      else unmatched.push(`span ${prefix}: ${span.start.slice(0, 40)}`);
    }
  }
  const quotes: Array<{ key: string; start: number; end: number }> = [];
  const byKey = new Map<string, Set<string>>();
  for (const [key, quote] of Object.entries(labels.evidence ?? {})) byKey.set(key, new Set([quote]));
  for (const [key, list] of Object.entries(labels.evidenceAll ?? {}))
    for (const quote of list) (byKey.get(key) ?? byKey.set(key, new Set()).get(key)!).add(quote);
  for (const [key, set] of byKey) {
    if (key.endsWith('.present')) continue;
    for (const quote of set) {
      const found = findQuote(squeezed, quote);
      if (found) quotes.push({ key, start: found[0], end: found[1] });
      else unmatched.push(`quote ${key}: ${quote.slice(0, 40)}`);
    }
  }
  const sentences = documentSentences(text, segments).map((sentence) => ({
    ...sentence,
    features: sentenceFeatures(text.slice(sentence.start, sentence.end), headingOf(segments, sentence.segment)?.heading ?? null),
    clauses: new Set(spans.filter((span) => overlaps(sentence, span.start, span.end)).map((span) => span.prefix)),
    elements: new Set(quotes.filter((quote) => overlaps(sentence, quote.start, quote.end)).map((quote) => quote.key)),
  }));
  return { sentences, unmatched };
}
