import { describe, expect, it } from 'vitest';
import { parseRescanMessage, rescanMessageFor, rescanOutcomeKey, summarizeRescan } from '../../lib/rescan-message.js';

describe('rescan messages', () => {
  it('round-trips the message the fan-out makes, and leaves S3 notifications to their own parser', () => {
    const message = rescanMessageFor('r-1', 'bucket-a', { key: 'contracts/a b.pdf', eTag: '"abc"' });
    expect(parseRescanMessage(JSON.stringify(message))).toEqual({ kind: 'rescan', message });
    expect(parseRescanMessage(JSON.stringify({ Records: [] }))).toEqual({ kind: 'not-rescan' });
    expect(parseRescanMessage('not json')).toEqual({ kind: 'not-rescan' });
  });

  it('calls a rescan message with a bad id or no key invalid, naming the field', () => {
    const bad = parseRescanMessage(JSON.stringify({ kind: 'clausewatch.rescan', rescanId: '../x', bucket: 'bucket-a' }));
    expect(bad.kind).toBe('invalid');
    expect(bad.kind === 'invalid' && bad.reason).toMatch(/rescanId/);
    expect(bad.kind === 'invalid' && bad.reason).toMatch(/key/);
  });
});

describe('summarizeRescan', () => {
  const at = (hash: string, outcome: string, moved: number, lastModified: number) => ({
    key: rescanOutcomeKey('rescans/', 'r', hash, outcome as never, moved),
    lastModified,
  });

  it('counts each contract once: a re-analysis stands over a later delivery, otherwise the latest outcome', () => {
    const summary = summarizeRescan([
      at('aa', 'reanalyzed', 2, 1),
      at('aa', 'skipped-current', 0, 2),
      at('bb', 'error', 0, 1),
      at('bb', 'skipped-current', 0, 3),
      at('cc', 'error', 0, 5),
      at('dd', 'skipped-written-meanwhile', 0, 1),
      at('ee', 'reanalyzed', 0, 1),
      { key: 'rescans/r/outcomes/unrelated.txt', lastModified: 1 },
    ]);
    expect(summary).toEqual({ scanned: 5, reanalyzed: 2, skippedCurrent: 1, skippedOther: 1, verdictsMoved: 2, contractsWithMovedVerdicts: 1, errors: 1 });
  });
});
