import { describe, expect, it } from 'vitest';
import { loadDefaultLibrary } from '../../../lib/library/load.js';
import { analyzeFixture, DETECTION_FIXTURES, fixtureLabels } from '../../helpers/fixtures.js';
import { expectMatchesLabel } from '../../helpers/labels.js';

const library = loadDefaultLibrary();

// Each fixture is one kind of provision real contracts hold and a locator easily misses: a title
// other than "Force Majeure", an untitled or first-person excuse, a translated clause, an exhibit,
// a fragment, a termination right in the Term article, a one-line export legend, a remedy elsewhere.
describe('detection fixtures', () => {
  it.each(fixtureLabels(DETECTION_FIXTURES).map((label) => [label.file, label] as const))(
    '%s: found with the labelled elements and verdict',
    async (file, label) => {
      const { report, text } = await analyzeFixture(file, DETECTION_FIXTURES);
      expectMatchesLabel(report, text, label, library, { everyElement: true });
    },
  );

  it('gives each part of a spread provision its own section: definition, excuse and termination right', async () => {
    const { report } = await analyzeFixture('termination-in-term-article.txt', DETECTION_FIXTURES);
    const fm = report.findings.find((finding) => finding.clauseType === 'force-majeure')!;
    const element = (id: string) => fm.elements.find((candidate) => candidate.id === id)!;
    expect(element('termination').evidence?.section).toBe('14.3');
    expect(element('notice').evidence?.section).toBe('9.2');
    expect(element('governmentAction').evidence?.section).toBe('1.2');
    expect(fm.parts.map((part) => part.section)).toEqual(expect.arrayContaining(['9', '1.2', '14.3']));
  });

  it('takes a term the contract defines with force-majeure words as the clause\'s name ("Contingency")', async () => {
    const { report } = await analyzeFixture('contingencies-heading.txt', DETECTION_FIXTURES);
    const fm = report.findings.find((finding) => finding.clauseType === 'force-majeure')!;
    expect(fm.elements.find((element) => element.id === 'termination')?.evidence?.section).toBe('12.2');
  });

  it('marks a contract in a language the library does not cover for review instead of a confident "missing"', async () => {
    const { report } = await analyzeFixture('german-contract.txt', DETECTION_FIXTURES);
    expect(report.document.language).toBe('deu');
    expect(report.summary.reviewNeeded).toBe(true);
    for (const finding of report.findings) {
      expect(finding.review.needed).toBe(true);
      expect(finding.review.reasons.map((reason) => reason.code)).toContain('language_not_covered');
      expect(finding.confidence).toBeLessThanOrEqual(0.2);
    }
  });
});
