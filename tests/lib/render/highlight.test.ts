import { describe, expect, it } from 'vitest';
import type { ElementResult } from '../../../lib/report/schema.js';
import { excerptRuns, placeEvidence } from '../../../lib/render/highlight.js';

const TEXT = 'Preamble. 9. Force Majeure. Neither party is liable for acts of government, embargoes or sanctions. Notice within 5 days.';
const START = TEXT.indexOf('9.');

function element(id: string, quote: string | null, at = quote === null ? -1 : TEXT.indexOf(quote)): ElementResult {
  return {
    id,
    title: id.toUpperCase(),
    present: quote !== null,
    foundBy: quote === null ? null : 'rules',
    required: false,
    explanation: '',
    evidence: quote === null ? null : { quote, page: 1, start: at, end: at + quote.length, section: '9' },
  };
}

describe('placeEvidence', () => {
  const excerpt = TEXT.slice(START, START + 80);
  const location = { section: '9', heading: 'Force Majeure', page: 1, start: START, end: TEXT.length };

  it('places quotes inside the excerpt by offset, and lists the others as found elsewhere', () => {
    const placement = placeEvidence({
      excerpt,
      location,
      elements: [
        element('government', 'acts of government'),
        element('preamble', 'Preamble'),
        element('notice', 'Notice within 5 days'),
        element('absent', null),
      ],
    });
    expect(placement.inside.map((item) => [item.element.id, excerpt.slice(item.start, item.end)])).toEqual([['government', 'acts of government']]);
    // Before the excerpt, and past its 80 characters.
    expect(placement.outside.map((item) => item.id)).toEqual(['preamble', 'notice']);
  });

  it('never highlights a quote whose offsets point at other words', () => {
    const wrong = element('wrong', 'acts of government', TEXT.indexOf('embargoes'));
    const placement = placeEvidence({ excerpt, location, elements: [wrong] });
    expect(placement.inside).toEqual([]);
    expect(placement.outside.map((item) => item.id)).toEqual(['wrong']);
  });
});

describe('excerptRuns', () => {
  it('cuts overlapping highlights into runs that keep every covering element, labelled where each begins', () => {
    const excerpt = 'abcdefghij';
    const a = { element: element('a', null), start: 2, end: 6 };
    const b = { element: element('b', null), start: 4, end: 8 };
    const runs = excerptRuns(excerpt, [a, b]);
    expect(
      runs.map((run) => [run.text, run.covering.map((item) => item.element.id).join('+'), run.beginning.map((item) => item.element.id).join('+')]),
    ).toEqual([
      ['ab', '', ''],
      ['cd', 'a', 'a'],
      ['ef', 'a+b', 'b'],
      ['gh', 'b', ''],
      ['ij', '', ''],
    ]);
    expect(runs.map((run) => run.text).join('')).toBe(excerpt);
  });

  it('returns the whole excerpt as one run without highlights', () => {
    expect(excerptRuns('plain', [])).toEqual([{ text: 'plain', covering: [], beginning: [] }]);
  });
});
