import { describe, expect, it } from 'vitest';
import { withoutTradeWordsInNames } from '../../../lib/analysis/names.js';
import { analyzeText } from '../../helpers/fixtures.js';

describe('withoutTradeWordsInNames', () => {
  it('blanks the trade words of a name wherever the name recurs, keeping every offset', () => {
    const text =
      'Sunrise Exports Private Limited ("Sunrise Exports") shall deliver. The Buyer shall comply with all laws applicable to its dealings with Sunrise\nExports.';
    const masked = withoutTradeWordsInNames(text, ['Sunrise Exports Private Limited', 'Sunrise Exports']);
    expect(masked).toHaveLength(text.length);
    expect(masked).toBe(
      'Sunrise Xxxxxxx Private Limited ("Sunrise Xxxxxxx") shall deliver. The Buyer shall comply with all laws applicable to its dealings with Sunrise\nXxxxxxx.',
    );
  });

  it('blanks every trade word of a name ("Import and Export") and leaves the same words elsewhere', () => {
    const text = 'Baotou Rare Earth Import and Export Co., Ltd. shall comply with export control laws.';
    const masked = withoutTradeWordsInNames(text, ['Baotou Rare Earth Import and Export Co., Ltd.']);
    expect(masked).toBe('Baotou Rare Earth Xxxxxx and Xxxxxx Co., Ltd. shall comply with export control laws.');
  });

  it('leaves names without trade words, names that are bodies of law, and words inside longer words', () => {
    const text = 'Exporter Holdings Ltd and the Export Control Regulations; Acme Ltd.';
    expect(withoutTradeWordsInNames(text, ['Exporter Holdings Ltd', 'Export Control Regulations', 'Acme Ltd'])).toBe(text);
  });
});

describe('a party named for its trade', () => {
  it('is no export-control provision when a compliance sentence only names the party', async () => {
    const { report } = await analyzeText(
      [
        'SUPPLY AGREEMENT between Sunrise Exports Private Limited ("Sunrise Exports") and Halden Components GmbH ("Buyer").',
        '1. Supply. Sunrise Exports shall supply the products listed in Annex 1.',
        '2. Laws. The Buyer shall comply with all laws and regulations applicable to its dealings with Sunrise Exports.',
        '3. Price. Prices are ex works Chennai.',
      ].join('\n'),
    );
    expect(report.findings.find((finding) => finding.clauseType === 'export-control')?.present).toBe(false);
  });

  it('still has its export clause found', async () => {
    const { report } = await analyzeText(
      [
        'SUPPLY AGREEMENT between Sunrise Exports Private Limited ("Sunrise Exports") and Halden Components GmbH ("Buyer").',
        '1. Supply. Sunrise Exports shall supply the products listed in Annex 1.',
        '2. Export. The Buyer shall not re-export the Products to any country subject to a United States embargo.',
      ].join('\n'),
    );
    const finding = report.findings.find((candidate) => candidate.clauseType === 'export-control')!;
    expect(finding.present).toBe(true);
    expect(finding.elements.find((element) => element.id === 'compliance')?.evidence?.quote).toContain('re-export the Products');
  });
});
