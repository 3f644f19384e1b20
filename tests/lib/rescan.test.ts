import { describe, expect, it } from 'vitest';
import { loadDefaultLibrary } from '../../lib/library/load.js';
import type { Report } from '../../lib/report/schema.js';
import { decideRescan, sameETag, verdictChanges } from '../../lib/rescan.js';
import { analyzeFixture } from '../helpers/fixtures.js';

const LIBRARY_A = { id: loadDefaultLibrary().id, version: loadDefaultLibrary().version };
const LIBRARY_B = { id: LIBRARY_A.id, version: `${LIBRARY_A.version}-next` };

function withSource(report: Report, eTag: string | null): Report {
  return { ...report, source: { bucket: 'b', key: 'contracts/x.txt', versionId: null, eTag, sequencer: '0A' } };
}

describe('sameETag', () => {
  it('compares ETags without quotes or a weak prefix', () => {
    expect(sameETag('"abc"', 'abc')).toBe(true);
    expect(sameETag('W/"abc"', '"abc"')).toBe(true);
    expect(sameETag('"abc"', '"abd"')).toBe(false);
    expect(sameETag(null, 'abc')).toBe(false);
  });
});

describe('decideRescan', () => {
  it('skips reports made with the current library, by id and version', async () => {
    const report = withSource((await analyzeFixture('weak-fm.txt')).report, '"e1"');
    expect(decideRescan({ report, readable: true }, '"e1"', LIBRARY_A)).toEqual({ action: 'skip', reason: 'current' });
    expect(decideRescan({ report, readable: true }, '"e1"', LIBRARY_B)).toEqual({ action: 'reanalyze', reason: 'library-changed' });
    expect(decideRescan({ report, readable: true }, '"e1"', { id: 'acme', version: LIBRARY_A.version })).toEqual({ action: 'reanalyze', reason: 'library-changed' });
  });

  it('leaves a contract uploaded again since its report to the pipeline', async () => {
    const report = withSource((await analyzeFixture('weak-fm.txt')).report, '"e1"');
    expect(decideRescan({ report, readable: true }, '"e2"', LIBRARY_B)).toEqual({ action: 'skip', reason: 'changed-since-report' });
  });

  it('re-analyzes contracts without a report or with an unreadable one', () => {
    expect(decideRescan(null, '"e1"', LIBRARY_A)).toEqual({ action: 'reanalyze', reason: 'no-report' });
    expect(decideRescan({ report: null, readable: false }, '"e1"', LIBRARY_A)).toEqual({ action: 'reanalyze', reason: 'unreadable-report' });
  });
});

describe('verdictChanges', () => {
  it('lists only the verdicts that moved', async () => {
    const before = (await analyzeFixture('logistics-services.md')).report;
    const after: Report = {
      ...before,
      findings: before.findings.map((finding) => (finding.clauseType === 'force-majeure' ? { ...finding, verdict: 'adequate' } : finding)),
    };
    expect(verdictChanges(before, after)).toEqual([{ clauseType: 'force-majeure', from: 'weak', to: 'adequate' }]);
    expect(verdictChanges(before, before)).toEqual([]);
  });

  it('describes error reports and first reports', async () => {
    const ok = (await analyzeFixture('weak-fm.txt')).report;
    const error = (await analyzeFixture('scanned.pdf')).report;
    expect(verdictChanges(error, ok)).toEqual([
      { clauseType: 'force-majeure', from: 'error (no_text_layer)', to: 'weak' },
      { clauseType: 'export-control', from: 'error (no_text_layer)', to: 'missing' },
    ]);
    expect(verdictChanges(null, ok).map((change) => change.from)).toEqual(['no report', 'no report']);
    expect(verdictChanges(error, error)).toEqual([]);
    expect(verdictChanges(null, error)).toEqual([{ clauseType: '-', from: 'no report', to: 'error (no_text_layer)' }]);
  });
});
