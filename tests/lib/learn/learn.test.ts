import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sentenceFeatures } from '../../../lib/learn/features.js';
import { probability, trainLogistic } from '../../../lib/learn/logistic.js';
import { findQuote, findSpan, squeeze } from '../../../lib/learn/spans.js';

describe('sentenceFeatures', () => {
  it('keeps the function words that decide meaning, stems words and folds numbers', () => {
    const features = sentenceFeatures('Neither party shall be liable for delays of 30 days.');
    expect(features).toEqual(expect.arrayContaining(['w:neither', 'w:liabl', 'p:neither_shall', 'w:#', 'p:delai_#']));
    expect(features).not.toContain('w:be');
  });
});

describe('trainLogistic', () => {
  const examples = [
    ...Array.from({ length: 30 }, (_, i) => ({ features: ['w:embargo', `w:noise${i % 5}`], label: true })),
    ...Array.from({ length: 90 }, (_, i) => ({ features: ['w:price', `w:noise${i % 5}`], label: false })),
  ];

  it('separates a separable problem and is deterministic', () => {
    const model = trainLogistic(examples);
    expect(probability(model, ['w:embargo'])).toBeGreaterThan(0.8);
    expect(probability(model, ['w:price'])).toBeLessThan(0.2);
    expect(trainLogistic(examples)).toEqual(model);
  });

  it('leaves out features seen too rarely and keeps at most the weights asked for', () => {
    const model = trainLogistic([...examples, { features: ['w:once'], label: true }], { maxFeatures: 2 });
    expect(Object.keys(model.weights)).toHaveLength(2);
    expect(model.weights['w:once']).toBeUndefined();
  });
});

describe('finding labelled quotes in normalised text', () => {
  const text = 'Section 9.\nNeither party shall be\n  liable for any delay.  The affected party shall notify the other.';

  it('finds a quote whatever the line breaks, with offsets into the original text', () => {
    const squeezed = squeeze(text);
    const found = findQuote(squeezed, 'Neither party shall be liable')!;
    expect(text.slice(found[0], found[1])).toBe('Neither party shall be\n  liable');
    expect(findQuote(squeezed, 'not in the text')).toBeNull();
    const span = findSpan(squeezed, 'The affected party', 'notify the other.')!;
    expect(text.slice(span[0], span[1])).toBe('The affected party shall notify the other.');
  });

  it('maps every quote of a random text back to a slice equal to it up to whitespace (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[a-z]{1,6}$/), { minLength: 3, maxLength: 30 }),
        fc.array(fc.constantFrom(' ', '\n', '  ', ' \n '), { minLength: 30, maxLength: 30 }),
        fc.nat(),
        fc.nat(),
        (words, gaps, a, b) => {
          const original = words.map((word, index) => (index === 0 ? word : `${gaps[index]}${word}`)).join('');
          const first = a % words.length;
          const last = first + (b % (words.length - first));
          const quote = words.slice(first, last + 1).join(' ');
          const found = findQuote(squeeze(original), quote);
          expect(found).not.toBeNull();
          expect(original.slice(found![0], found![1]).replace(/\s+/g, ' ')).toBe(quote);
        },
      ),
    );
  });
});

describe('the built-in sentence model', () => {
  it('was trained for the built-in clause library (retrain with npm run train after changing it)', async () => {
    const { loadDefaultModel } = await import('../../../lib/learn/load.js');
    const { loadDefaultLibrary } = await import('../../../lib/library/load.js');
    const model = loadDefaultModel();
    const library = loadDefaultLibrary();
    expect(model.trainedOn.libraryVersion).toBe(library.version);
    for (const type of library.clauseTypes) {
      expect(model.clauses[type.id], type.id).toBeDefined();
      for (const element of type.elements) expect(model.elements[`${type.id}/${element.id}`], `${type.id}/${element.id}`).toBeDefined();
    }
  });
});
