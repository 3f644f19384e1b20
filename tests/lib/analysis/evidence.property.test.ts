import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Evidence } from '../../../lib/report/schema.js';
import { analyzeText } from '../../helpers/fixtures.js';

// Pieces of contracts, clause-like and not, joined in random order with random numbering, wrapping
// and noise: whatever the analyzer finds in such a text must be quoted verbatim.
const PIECES = [
  'Neither party shall be liable for any failure or delay caused by events beyond its reasonable control, including fire, flood, war, embargoes and acts of government.',
  'The affected party shall notify the other party within 5 days and use reasonable efforts to mitigate.',
  'If the event continues for more than 60 days, either party may terminate this Agreement.',
  'Payment obligations are not excused.',
  'Each party shall comply with all export control and sanctions laws, including the EAR.',
  'The Buyer shall not re-export the goods to any embargoed country or restricted party.',
  'Seller may cancel the order without liability if an export licence is refused.',
  'Seller shall state the ECCN and HS code of each item.',
  'Prices are in euros.',
  'Delivery is FCA Hamburg.',
  'This Agreement is governed by the laws of England.',
  'Embargo.',
  'Force majeure.',
  'Sanctions; notice; 30 days.',
  'Rare-earth magnets of Chinese origin shipped from Ningbo.',
  'Ünïcödé tëxt — “quoted” words… and tabs\tin it.',
];

const piece = fc.record({
  text: fc.constantFrom(...PIECES),
  number: fc.option(fc.constantFrom('1.', '2.1', '(a)', 'Article 7', '§ 3', 'IV.'), { nil: null }),
  heading: fc.option(fc.constantFrom('FORCE MAJEURE', 'Export Control', 'Delays', 'General'), { nil: null }),
  gap: fc.constantFrom(' ', '\n', '\n\n', '\n\n12\n\n', '\n  '),
});

function checkEvidence(text: string, evidence: Evidence): void {
  expect(evidence.quote).toBe(text.slice(evidence.start, evidence.end));
  expect(evidence.quote.length).toBeGreaterThanOrEqual(12);
  expect(evidence.start).toBeLessThan(evidence.end);
}

describe('evidence', () => {
  it("quotes the classifier's sentence, or leaves the element to the rules when it has no quote of its own", async () => {
    // A document the property once found: three provisions on one line, the remedy read by the classifier.
    const { report, text } = await analyzeText(
      'Each party shall comply with all export control and sanctions laws, including the EAR. Seller may cancel the order without liability if an export licence is refused. Neither party shall be liable for any failure or delay caused by events beyond its reasonable control, including fire, flood, war, embargoes and acts of government.',
    );
    for (const finding of report.findings) for (const element of finding.elements) if (element.evidence) checkEvidence(text, element.evidence);
  });

  it('is always a verbatim slice of the normalised text, at least 12 characters long (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { minLength: 1, maxLength: 14 }), async (pieces) => {
        const source = `SUPPLY AGREEMENT\n\n${pieces.map(({ text, number, heading, gap }) => [number, heading, text].filter(Boolean).join(heading ? '\n' : ' ') + gap).join('')}`;
        const { report, text } = await analyzeText(source);
        expect(report.status).toBe('ok');
        for (const finding of report.findings) {
          for (const element of finding.elements) if (element.evidence) checkEvidence(text, element.evidence);
          for (const part of finding.parts) expect(part.end).toBeLessThanOrEqual(text.length);
        }
        for (const material of report.exposure?.materials ?? []) for (const evidence of material.evidence) checkEvidence(text, evidence);
        for (const country of report.exposure?.countries ?? []) for (const evidence of country.evidence) checkEvidence(text, evidence);
      }),
      { numRuns: 60 },
    );
  });
});
