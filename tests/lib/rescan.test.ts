import { describe, expect, it } from 'vitest';
import { analyzeDocument } from '../../lib/analyze.js';
import { loadDefaultWatchlist } from '../../lib/exposure/load.js';
import { recordedLibrary, recordedLibraryVersion } from '../../lib/library/identity.js';
import { loadDefaultLibrary } from '../../lib/library/load.js';
import type { Report } from '../../lib/report/schema.js';
import { decideRescan, sameETag, verdictChanges } from '../../lib/rescan.js';
import { analyzeFixture, FIXED_NOW, fixtureBytes } from '../helpers/fixtures.js';

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
    expect(decideRescan({ report, readable: true }, '"e1"', { id: 'acme', version: LIBRARY_A.version })).toEqual({
      action: 'reanalyze',
      reason: 'library-changed',
    });
  });

  it('sees a watchlist update: a report graded with another watchlist version is stale', async () => {
    const watchlist = loadDefaultWatchlist();
    const updated = { ...structuredClone(watchlist), version: '2027.01.15' };
    const report = withSource((await analyzeFixture('weak-fm.txt')).report, '"e1"');
    expect(report.library.version).toBe(`${LIBRARY_A.version}+wl.${watchlist.version}`);
    expect(decideRescan({ report, readable: true }, '"e1"', LIBRARY_A, watchlist)).toEqual({ action: 'skip', reason: 'current' });
    expect(decideRescan({ report, readable: true }, '"e1"', LIBRARY_A, updated)).toEqual({ action: 'reanalyze', reason: 'library-changed' });

    // A report made with the updated watchlist records it, and is current for it.
    const { report: fresh } = await analyzeDocument(fixtureBytes('weak-fm.txt'), {
      name: 'weak-fm.txt',
      library: loadDefaultLibrary(),
      watchlist: updated,
      now: FIXED_NOW,
    });
    expect(fresh.library).toMatchObject(recordedLibrary(LIBRARY_A, updated));
    expect(fresh.exposure?.watchlist).toEqual({ id: watchlist.id, version: '2027.01.15' });
    expect(decideRescan({ report: withSource(fresh, '"e1"'), readable: true }, '"e1"', LIBRARY_A, updated)).toEqual({ action: 'skip', reason: 'current' });
  });

  it('joins the two versions in one place, replacing an older watchlist part', () => {
    expect(recordedLibraryVersion('2026.11.3', '2026.11.30')).toBe('2026.11.3+wl.2026.11.30');
    expect(recordedLibraryVersion('2026.11.3+wl.2026.11.30', '2027.01.15')).toBe('2026.11.3+wl.2027.01.15');
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
