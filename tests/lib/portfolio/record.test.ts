import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { portfolioCsv } from '../../../lib/portfolio/csv.js';
import { renderPortfolioPage } from '../../../lib/portfolio/page.js';
import {
  clauseTypesOfRecords,
  nameOfPortfolioRecordKey,
  PortfolioRecord,
  portfolioRecordKey,
  portfolioRecordOf,
  portfolioShard,
  rowOfRecord,
  serializePortfolioRecord,
} from '../../../lib/portfolio/record.js';
import { buildPortfolio, portfolioOf } from '../../../lib/portfolio/rows.js';
import { analyzeFixture } from '../../helpers/fixtures.js';

const NAMES = ['strong-fm.txt', 'weak-fm.txt', 'logistics-services.md', 'scanned.pdf', 'split-fm.txt'];

async function reports() {
  return Promise.all(NAMES.map(async (name) => ({ name, report: (await analyzeFixture(name)).report })));
}

describe('portfolio rows', () => {
  it('hold the columns of a report and never its text', async () => {
    for (const { name, report } of await reports()) {
      const record = portfolioRecordOf(`acme/${name}`, report, false);
      expect(PortfolioRecord.parse(record)).toEqual(record);
      const line = serializePortfolioRecord(record);
      expect(line.endsWith('\n')).toBe(true);
      expect(line.slice(0, -1)).not.toContain('\n');
      for (const finding of report.findings) {
        if (finding.excerpt) expect(line).not.toContain(finding.excerpt.slice(0, 40));
        for (const element of finding.elements) if (element.evidence) expect(line).not.toContain(element.evidence.quote);
      }
    }
  });

  it('give the same CSV and page as the reports they were made from', async () => {
    const analyzed = await reports();
    const entries = analyzed.map(({ name, report }) => ({ file: name, report, reviewHref: `${name}.html`, fixPackHref: null }));
    const records = analyzed.map(({ name, report }) => PortfolioRecord.parse(JSON.parse(serializePortfolioRecord(portfolioRecordOf(name, report, false)))));
    const clauseTypes = clauseTypesOfRecords(records);
    const fromRecords = portfolioOf(
      clauseTypes,
      records.map((record) => rowOfRecord(record, clauseTypes, { reviewHref: `${record.file}.html`, fixPackHref: null })),
    );
    const fromReports = buildPortfolio([...entries].sort((a, b) => (`${a.file}.json` < `${b.file}.json` ? -1 : 1)));
    expect(fromRecords.clauseTypes).toEqual(fromReports.clauseTypes);
    expect(fromRecords.counts).toEqual(fromReports.counts);
    expect(portfolioCsv(fromRecords)).toBe(portfolioCsv(fromReports));
    const options = { generatedAt: '2026-12-04T00:00:00.000Z', sourceLabel: 's3://b/reports/', skipped: [] };
    expect(renderPortfolioPage(fromRecords, options)).toBe(renderPortfolioPage(fromReports, options));
  });

  it('are keyed by a stable hash shard, one flat object per contract', () => {
    const key = portfolioRecordKey('acme/Master Supply Agreement.pdf');
    expect(key).toMatch(/^portfolio-rows\/shard=[0-9a-f]{2}\/acme%2FMaster%20Supply%20Agreement\.pdf\.json$/);
    expect(portfolioRecordKey('acme/Master Supply Agreement.pdf', 'rows/')).toBe(`rows/${key.slice('portfolio-rows/'.length)}`);
    expect(nameOfPortfolioRecordKey(key)).toBe('acme/Master Supply Agreement.pdf');
    expect(nameOfPortfolioRecordKey('portfolio-rows/shard=00/x.json')).toBe(portfolioShard('x') === '00' ? 'x' : null);
    expect(nameOfPortfolioRecordKey('portfolio-rows/shard=zz/x.json')).toBeNull();
    expect(nameOfPortfolioRecordKey('reports/x.json')).toBeNull();
  });

  it('round-trip any contract name through their key, in one of 256 shards', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 200 }), (name) => {
        const key = portfolioRecordKey(name);
        expect(key.slice('portfolio-rows/'.length).split('/')).toHaveLength(2);
        expect(nameOfPortfolioRecordKey(key)).toBe(name);
      }),
    );
    const shards = new Set(Array.from({ length: 4000 }, (_, index) => portfolioShard(`contract-${index}.pdf`)));
    expect(shards.size).toBe(256);
  });
});
