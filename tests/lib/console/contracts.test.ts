import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ContractSummary } from '../../../lib/console/api.js';
import { compareSummaries, contractReportKeys, isReportOfEarlierUpload, summarizeContract } from '../../../lib/console/contracts.js';
import { Report } from '../../../lib/report/schema.js';
import { DEFAULT_LAYOUT } from '../../../lib/s3-events.js';

const REPORTS = fileURLToPath(new URL('../../fixtures/reports/', import.meta.url));
const stored = (name: string) => Report.parse(JSON.parse(readFileSync(`${REPORTS}${name}`, 'utf8')));

const OBJECT = { key: 'contracts/team-a/msa.pdf', size: 1234, lastModified: '2026-12-01T09:00:00.000Z', eTag: '"abc"' };
const LINKS = { report: 'r', reviewPage: 'p', fixPack: null };

describe('summarizeContract', () => {
  it('reads reports of every released schema version (a 1.0.0 report has no exposure)', () => {
    for (const [name, exposure] of [
      ['1.0.0-strong-fm.json', null],
      ['1.2.0-strong-fm.json', 'low'],
    ] as const) {
      const report = stored(name);
      const summary = ContractSummary.parse(summarizeContract(OBJECT, 'msa.pdf', { report, ocrJobRunning: false, links: LINKS }));
      expect(summary).toMatchObject({
        key: OBJECT.key,
        name: 'msa.pdf',
        uploadedAt: OBJECT.lastModified,
        size: 1234,
        status: 'done',
        error: null,
        verdicts: { forceMajeure: report.summary.verdicts['force-majeure'], exportControl: report.summary.verdicts['export-control'] },
        severity: report.summary.overallSeverity,
        exposure,
        links: LINKS,
      });
      expect(summary.review?.needed).toBe(report.findings.some((finding) => finding.review.needed));
    }
  });

  it('an error report is an error with the report’s code and message', () => {
    const report = stored('1.3.0-blank-scan.json');
    const summary = summarizeContract(OBJECT, 'msa.pdf', { report, ocrJobRunning: false, links: LINKS });
    expect(summary).toMatchObject({ status: 'error', error: report.error, severity: null, exposure: null, review: null });
  });

  it('a running OCR job wins over everything; no report or an earlier upload’s report is queued', () => {
    const report = stored('1.2.0-strong-fm.json');
    expect(summarizeContract(OBJECT, 'msa.pdf', { report, ocrJobRunning: true, links: LINKS }).status).toBe('analyzing');
    expect(summarizeContract(OBJECT, 'msa.pdf', { report: null, ocrJobRunning: false, links: LINKS })).toMatchObject({
      status: 'queued',
      links: { report: null, reviewPage: null, fixPack: null },
    });
    const earlier = { ...report, source: { bucket: 'b', key: OBJECT.key, versionId: null, eTag: '"older"', sequencer: null } };
    expect(summarizeContract(OBJECT, 'msa.pdf', { report: earlier, ocrJobRunning: false, links: LINKS }).status).toBe('queued');
    const same = { ...report, source: { ...earlier.source, eTag: 'abc' } };
    expect(summarizeContract(OBJECT, 'msa.pdf', { report: same, ocrJobRunning: false, links: LINKS }).status).toBe('done');
  });

  it('compares ETags with or without quotes, and trusts reports that name no source', () => {
    const report = stored('1.2.0-strong-fm.json');
    expect(isReportOfEarlierUpload(report, { eTag: '"x"' })).toBe(false);
    const withSource = { ...report, source: { bucket: 'b', key: 'k', versionId: null, eTag: '"x"', sequencer: null } };
    expect(isReportOfEarlierUpload(withSource, { eTag: 'x' })).toBe(false);
    expect(isReportOfEarlierUpload(withSource, { eTag: '"y"' })).toBe(true);
    expect(isReportOfEarlierUpload(withSource, { eTag: null })).toBe(false);
  });
});

describe('contractReportKeys', () => {
  it('puts the report and the files beside it where the analyze function writes them', () => {
    expect(contractReportKeys('contracts/team-a/suppliers/msa.pdf', DEFAULT_LAYOUT)).toEqual({
      report: 'reports/team-a/suppliers/msa.pdf.json',
      reviewPage: 'reports/team-a/suppliers/msa.pdf.html',
      fixPack: 'reports/team-a/suppliers/msa.pdf.fixes.docx',
    });
    expect(contractReportKeys('elsewhere/msa.pdf', DEFAULT_LAYOUT)).toBeNull();
  });
});

describe('compareSummaries', () => {
  it('sorts newest first, then by name', () => {
    const base = summarizeContract(OBJECT, 'b.pdf', { report: null, ocrJobRunning: false, links: LINKS });
    const rows = [
      { ...base, name: 'b.pdf', uploadedAt: '2026-12-01T00:00:00.000Z' },
      { ...base, name: 'a.pdf', uploadedAt: '2026-12-01T00:00:00.000Z' },
      { ...base, name: 'c.pdf', uploadedAt: '2026-12-02T00:00:00.000Z' },
    ];
    expect(rows.sort(compareSummaries).map((row) => row.name)).toEqual(['c.pdf', 'a.pdf', 'b.pdf']);
  });
});
