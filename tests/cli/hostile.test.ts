import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../cli/analyze.js';
import { Report } from '../../lib/report/schema.js';
import { HOSTILE_LIMITS, type HostileCase, hostileCorpus, RUNAWAY_TIMEOUT_SECONDS, runawayCorpus } from '../helpers/hostile.js';

/** Runs `npm run analyze` (two jobs, OCR on as by default) on a corpus in a folder of its own. */
function analyzeRun(cases: () => Promise<HostileCase[]> | HostileCase[], timeoutSeconds: number) {
  const run = { work: '', corpus: [] as HostileCase[], code: -1 };
  beforeAll(async () => {
    run.work = mkdtempSync(path.join(tmpdir(), 'clausewatch-hostile-'));
    run.corpus = await cases();
    mkdirSync(path.join(run.work, 'in'));
    for (const item of run.corpus) writeFileSync(path.join(run.work, 'in', item.name), item.bytes);
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    run.code = await main([
      path.join(run.work, 'in'),
      '--out',
      path.join(run.work, 'out'),
      '--jobs',
      '2',
      '--max-mb',
      String(HOSTILE_LIMITS.maxBytes / 1024 / 1024),
      '--max-pages',
      String(HOSTILE_LIMITS.maxPages),
      '--timeout',
      String(timeoutSeconds),
      '--no-html',
    ]);
    vi.restoreAllMocks();
  }, 300_000);
  afterAll(() => rmSync(run.work, { recursive: true, force: true }));
  return run;
}

function reportOf(work: string, item: HostileCase): Report {
  return Report.parse(JSON.parse(readFileSync(path.join(work, 'out', `${item.name}.json`), 'utf8')));
}

describe('npm run analyze on the hostile corpus (OCR on, as by default)', () => {
  const run = analyzeRun(hostileCorpus, HOSTILE_LIMITS.timeoutSeconds);

  it('writes exactly one report per input and exits 1 for the error reports', () => {
    expect(run.code).toBe(1);
    expect(run.corpus).toHaveLength(15);
    for (const item of run.corpus) expect(() => reportOf(run.work, item)).not.toThrow();
  });

  it.each([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14])('case %i gets its expected outcome with the known facts', (index) => {
    const item = run.corpus[index]!;
    const report = reportOf(run.work, item);
    expect(report.error?.code ?? report.status, item.name).toBe(item.expectedWithOcr ?? item.expected);
    expect(report.document.bytes).toBe(item.bytes.length);
    if (report.status === 'error') {
      expect(report.findings).toEqual([]);
      expect(report.error!.message.length).toBeGreaterThan(20);
    }
    if (item.name === 'latin-1.txt') expect(report.document.extractionNotes.join(' ')).toMatch(/Windows-1252/);
  });
});

describe('npm run analyze on a document that outlasts its deadline', () => {
  const run = analyzeRun(runawayCorpus, RUNAWAY_TIMEOUT_SECONDS);

  it('reports the timeout, reads the next file, and exits 1', () => {
    expect(run.code).toBe(1);
    for (const item of run.corpus) {
      const report = reportOf(run.work, item);
      expect(report.error?.code ?? report.status, item.name).toBe(item.expected);
      expect(report.document.bytes).toBe(item.bytes.length);
    }
    expect(reportOf(run.work, run.corpus[0]!).error!.message).toMatch(/longer than the limit of 10 s/);
  });
});
