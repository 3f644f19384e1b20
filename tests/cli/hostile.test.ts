import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../cli/analyze.js';
import { Report } from '../../lib/report/schema.js';
import { HOSTILE_LIMITS, hostileCorpus, type HostileCase } from '../helpers/hostile.js';

describe('npm run analyze on the hostile corpus (OCR on, as by default)', () => {
  let work: string;
  let corpus: HostileCase[];
  let code: number;

  beforeAll(async () => {
    work = mkdtempSync(path.join(tmpdir(), 'clausewatch-hostile-'));
    corpus = await hostileCorpus();
    mkdirSync(path.join(work, 'in'));
    for (const item of corpus) writeFileSync(path.join(work, 'in', item.name), item.bytes);
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    code = await main([
      path.join(work, 'in'),
      '--out',
      path.join(work, 'out'),
      '--jobs',
      '2',
      '--max-mb',
      String(HOSTILE_LIMITS.maxBytes / 1024 / 1024),
      '--max-pages',
      String(HOSTILE_LIMITS.maxPages),
      '--timeout',
      String(HOSTILE_LIMITS.timeoutSeconds),
      '--no-html',
    ]);
    vi.restoreAllMocks();
  }, 300_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('writes exactly one report per input and exits 1 for the error reports', () => {
    expect(code).toBe(1);
    for (const item of corpus) {
      expect(() => Report.parse(JSON.parse(readFileSync(path.join(work, 'out', `${item.name}.json`), 'utf8')))).not.toThrow();
    }
  });

  it.each([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16])('case %i gets its expected outcome with the known facts', (index) => {
    const item = corpus[index]!;
    const report = Report.parse(JSON.parse(readFileSync(path.join(work, 'out', `${item.name}.json`), 'utf8')));
    expect(report.error?.code ?? report.status, item.name).toBe(item.expectedWithOcr ?? item.expected);
    expect(report.document.bytes).toBe(item.bytes.length);
    if (report.status === 'error') {
      expect(report.findings).toEqual([]);
      expect(report.error!.message.length).toBeGreaterThan(20);
    }
    if (item.name === 'latin-1.txt') expect(report.document.extractionNotes.join(' ')).toMatch(/Windows-1252/);
  });
});
