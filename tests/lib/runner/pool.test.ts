import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDefaultLibrary } from '../../../lib/library/load.js';
import { Report } from '../../../lib/report/schema.js';
import { AnalyzerPool } from '../../../lib/runner/pool.js';
import { fixtureBytes } from '../../helpers/fixtures.js';
import { runawayPdf } from '../../helpers/hostile.js';

const library = loadDefaultLibrary();

describe('AnalyzerPool: containment in worker threads', () => {
  let pool: AnalyzerPool;
  beforeAll(async () => {
    pool = new AnalyzerPool({ size: 1, memoryMb: 384 });
    await pool.ready();
  }, 120_000);
  afterAll(async () => pool.close());

  it('analyzes in a worker exactly as on the calling thread', async () => {
    const report = await pool.analyze(fixtureBytes('strong-fm.pdf'), {
      name: 'strong-fm.pdf',
      library,
      timeoutMs: 60_000,
      now: () => new Date('2026-11-30T00:00:00Z'),
    });
    expect(Report.parse(report).summary.verdicts).toEqual({ 'force-majeure': 'adequate', 'export-control': 'adequate' });
    expect(report.analyzedAt).toBe('2026-11-30T00:00:00.000Z');
  });

  it('uses the library each job names: a second library object reaches the worker, and the first is kept', async () => {
    const strict = { ...library, version: `${library.version}-strict`, clauseTypes: library.clauseTypes.map((type) => ({ ...type, threshold: 1000 })) };
    const options = { name: 'strong-fm.txt', timeoutMs: 60_000 };
    const first = await pool.analyze(fixtureBytes('strong-fm.txt'), { ...options, library });
    const second = await pool.analyze(fixtureBytes('strong-fm.txt'), { ...options, library: strict });
    const third = await pool.analyze(fixtureBytes('strong-fm.txt'), { ...options, library });
    expect(first.summary.verdicts['force-majeure']).toBe('adequate');
    // No passage reaches a threshold of 1000: both clauses missing, and the report names that library.
    expect(second.summary.verdicts).toEqual({ 'force-majeure': 'missing', 'export-control': 'missing' });
    expect(second.library.version.startsWith(strict.version)).toBe(true);
    expect(third).toEqual({ ...first, analyzedAt: third.analyzedAt, timings: third.timings });
  });

  it('stops a runaway parse at its deadline, reports timeout, and goes on with the next document', async () => {
    const runaway = runawayPdf(300_000);
    const stopped = await pool.analyze(runaway, { name: 'runaway.pdf', library, timeoutMs: 500 });
    expect(stopped.status).toBe('error');
    expect(stopped.error?.code).toBe('timeout');
    expect(stopped.document.bytes).toBe(runaway.length);
    expect(stopped.document.detectedType).toBe('pdf');
    const next = await pool.analyze(fixtureBytes('weak-fm.txt'), { name: 'weak-fm.txt', library, timeoutMs: 60_000 });
    expect(next.status).toBe('ok');
  }, 120_000);

  it('stops a parse that exceeds the memory cap and reports it as too large', async () => {
    const small = new AnalyzerPool({ size: 1, memoryMb: 256, standby: false });
    try {
      await small.ready();
      const report = await small.analyze(runawayPdf(600_000), { name: 'hungry.pdf', library, timeoutMs: 120_000 });
      expect(report.error?.code).toBe('too_large');
      expect(report.error?.message).toMatch(/256 MB of memory/);
      const next = await small.analyze(fixtureBytes('weak-fm.txt'), { name: 'weak-fm.txt', library, timeoutMs: 60_000 });
      expect(next.status).toBe('ok');
    } finally {
      await small.close();
    }
  }, 180_000);
});
