import { describe, expect, it } from 'vitest';
import { loadDefaultLibrary } from '../../lib/library/load.js';
import { Report } from '../../lib/report/schema.js';
import { analyzeBytes, analyzeFixture, analyzeText, fixtureLabels } from '../helpers/fixtures.js';
import { expectMatchesLabel } from '../helpers/labels.js';

const library = loadDefaultLibrary();

describe('analyzeDocument on the labelled fixtures', () => {
  const labels = fixtureLabels().filter((label) => label.file !== 'scanned.pdf');

  it.each(labels.map((label) => [label.file, label] as const))('%s: presence, elements and verdict match the labels', async (_file, label) => {
    const { report, text } = await analyzeFixture(label.file);
    expect(report.status).toBe('ok');
    expectMatchesLabel(report, text, label, library, { everyElement: false });
  });

  it('produces reports that satisfy the report schema', async () => {
    for (const label of labels.slice(0, 4)) {
      const { report } = await analyzeFixture(label.file);
      expect(() => Report.parse(report)).not.toThrow();
    }
  });
});

describe('evidence locations', () => {
  it('cites the section and the page of the PDF where each element is found', async () => {
    const { report, text } = await analyzeFixture('strong-fm.pdf');
    const fm = report.findings.find((finding) => finding.clauseType === 'force-majeure')!;
    expect(report.document.pages).toBe(4);
    expect(fm.location?.section).toMatch(/^11/);
    const trade = fm.elements.find((element) => element.id === 'tradeRestrictions')!.evidence!;
    expect(trade.page).toBeGreaterThanOrEqual(2);
    expect(trade.section).toMatch(/^11/);
    expect(trade.quote).toMatch(/embargo|sanction|export/i);
    // The words hyphenated across line ends in the PDF are joined again in the text.
    expect(text).toContain('Agreement');
    expect(text).not.toMatch(/Agree-\s*\nment/);
    expect(text).not.toMatch(/Page \d+ of \d+/);
  });

  it('joins a force-majeure definition to the operative clause that uses it', async () => {
    for (const file of ['split-fm.txt', 'split-fm.docx']) {
      const { report } = await analyzeFixture(file);
      const fm = report.findings.find((finding) => finding.clauseType === 'force-majeure')!;
      expect(fm.parts.map((part) => part.role)).toEqual(expect.arrayContaining(['primary', 'definition']));
      expect(fm.parts.find((part) => part.role === 'definition')?.section).toBe('1.5');
      expect(fm.elements.find((element) => element.id === 'tradeRestrictions')?.evidence?.section).toBe('1.5');
      expect(fm.elements.find((element) => element.id === 'tradeRestrictions')?.evidence?.page).toBeNull();
    }
  });

  it('gives a missing clause its negative evidence', async () => {
    const { report } = await analyzeFixture('no-fm.txt');
    for (const finding of report.findings) {
      expect(finding.verdict).toBe('missing');
      // No exposure to export controls: a missing clause is medium, not high (see the watchlist's severity rules).
      expect(finding.severity).toBe('medium');
      expect(finding.searched?.sectionsSearched).toBeGreaterThan(5);
      expect(finding.searched?.charactersSearched).toBe(report.document.characters);
      expect(finding.recommendations[0]?.suggestedWording.length).toBeGreaterThan(100);
    }
  });

  it('recommends wording for every element a weak clause lacks', async () => {
    const { report } = await analyzeFixture('weak-fm.pdf');
    const fm = report.findings.find((finding) => finding.clauseType === 'force-majeure')!;
    expect(fm.verdict).toBe('weak');
    // A US fastener supplier's terms name no controlled material: a weak clause without exposure is low.
    expect(fm.severity).toBe('low');
    expect(fm.recommendations.map((recommendation) => recommendation.element)).toEqual(fm.missingElements);
    expect(fm.missingElements).toEqual(expect.arrayContaining(['tradeRestrictions', 'notice', 'termination']));
  });
});

describe('error reports', () => {
  it('reports a scanned PDF as having no text layer, with its page count', async () => {
    const { report } = await analyzeFixture('scanned.pdf');
    expect(report.status).toBe('error');
    expect(report.error?.code).toBe('no_text_layer');
    expect(report.document.pages).toBe(2);
    expect(report.document.pagesWithoutText).toEqual([1, 2]);
    expect(report.findings).toEqual([]);
    expect(() => Report.parse(report)).not.toThrow();
  });

  it.each([
    ['empty', new Uint8Array(), 'empty'],
    ['a PNG', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), 'unsupported_type'],
    ['a truncated PDF', new TextEncoder().encode('%PDF-1.7\n1 0 obj\n<< /Type /Catalog'), 'corrupt'],
  ])('reports %s with a stable code and the known document facts', async (_name, bytes, code) => {
    const { report } = await analyzeBytes(bytes, 'upload.pdf');
    expect(report.status).toBe('error');
    expect(report.error?.code).toBe(code);
    expect(report.document.bytes).toBe(bytes.length);
    expect(report.document.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(() => Report.parse(report)).not.toThrow();
  });

  it('calls a text file empty only when it has no visible character, however short its text', async () => {
    expect((await analyzeText('  \n\t \n')).report.error?.code).toBe('empty');
    const short = (await analyzeText('SUPPLY AGREEMENT\n\nEmbargo. ')).report;
    expect(short.status).toBe('ok');
    expect(short.findings.map((finding) => finding.verdict)).toEqual(['missing', 'missing']);
  });

  it('enforces the byte limit before parsing', async () => {
    const { report } = await analyzeText('x'.repeat(2_000));
    expect(report.status).toBe('ok');
    const limited = await (await import('../../lib/analyze.js')).analyzeDocument(Buffer.from('x'.repeat(2_000)), {
      name: 'big.txt',
      library,
      limits: { maxBytes: 1_000 },
    });
    expect(limited.report.error?.code).toBe('too_large');
  });
});

describe('text inputs', () => {
  it('decodes Windows-1252 and says so', async () => {
    const bytes = Buffer.concat([
      Buffer.from(
        '12. Force Majeure. Neither party shall be liable for delays beyond its reasonable control, including embargoes. The affected party shall notify the other. ',
      ),
      Buffer.from([0x93]),
      Buffer.from('Lieferverzögerung'.replace('ö', ''), 'latin1'),
      Buffer.from([0x94, 0xe9]),
    ]);
    const { report } = await analyzeBytes(bytes);
    expect(report.status).toBe('ok');
    expect(report.document.extractionNotes.join(' ')).toMatch(/Windows-1252/);
    expect(report.findings.find((finding) => finding.clauseType === 'force-majeure')?.present).toBe(true);
  });

  it('does not take a governing-law clause full of similar words for force majeure', async () => {
    const { report } = await analyzeText(
      [
        '1. Governing Law. This Agreement is governed by the laws of England. Any government authority order shall be complied with.',
        '2. Limitation of Liability. Neither party shall be liable for indirect or consequential damages, loss of profit or delay.',
        '3. Delivery. Delivery is FCA (Incoterms 2020). The Buyer is responsible for obtaining any export licence and import permit.',
      ].join('\n'),
    );
    expect(report.summary.verdicts).toEqual({ 'force-majeure': 'missing', 'export-control': 'missing' });
  });
});
