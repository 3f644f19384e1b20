import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalPipeline } from '../../local/pipeline.js';
import { fixtureBytes } from '../helpers/fixtures.js';
import {
  emptyFile,
  HOSTILE_LIMITS,
  type HostileCase,
  hostileCorpus,
  htmlPage,
  pngImage,
  RUNAWAY_TIMEOUT_SECONDS,
  runawayCorpus,
  truncatedPdf,
} from '../helpers/hostile.js';
import { readReport, startPipeline } from '../helpers/pipeline.js';

const environment = {
  MAX_BYTES: String(HOSTILE_LIMITS.maxBytes),
  MAX_PAGES: String(HOSTILE_LIMITS.maxPages),
  DOCUMENT_TIMEOUT_SECONDS: String(HOSTILE_LIMITS.timeoutSeconds),
};

async function listKeys(pipeline: LocalPipeline, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await pipeline.s3.send(new ListObjectsV2Command({ Bucket: pipeline.bucket, Prefix: prefix, ContinuationToken: token }));
    keys.push(...(page.Contents ?? []).map((object) => object.Key!));
    token = page.NextContinuationToken;
  } while (token);
  return keys;
}

/** Uploads a corpus to a pipeline of its own (one worker, as in Lambda) and waits until every event is handled. */
function hostileRun(cases: () => Promise<HostileCase[]> | HostileCase[], timeoutSeconds: number) {
  const run = { pipeline: undefined as unknown as LocalPipeline, corpus: [] as HostileCase[], dispose: async () => {} };
  beforeAll(async () => {
    ({ pipeline: run.pipeline, dispose: run.dispose } = await startPipeline({
      isolation: 'worker',
      environment: { ...environment, DOCUMENT_TIMEOUT_SECONDS: String(timeoutSeconds) },
    }));
    run.corpus = await cases();
    for (const item of run.corpus) await run.pipeline.upload(`contracts/hostile/${item.name}`, item.bytes);
    await run.pipeline.idle();
  }, 300_000);
  afterAll(async () => run.dispose());
  return run;
}

async function expectOutcome(pipeline: LocalPipeline, item: HostileCase): Promise<void> {
  const report = await readReport(pipeline, `reports/hostile/${item.name}.json`);
  expect(report, item.name).not.toBeNull();
  expect(report!.error?.code ?? report!.status, item.name).toBe(item.expected);
  expect(report!.source?.key).toBe(`contracts/hostile/${item.name}`);
}

describe('local pipeline (worker isolation, as in Lambda) on the hostile corpus', () => {
  const run = hostileRun(hostileCorpus, HOSTILE_LIMITS.timeoutSeconds);

  it.each([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14])('case %i ends in exactly one report with its expected outcome', async (index) => {
    expect(run.corpus).toHaveLength(15);
    await expectOutcome(run.pipeline, run.corpus[index]!);
  });

  it('never retried a bad file into the dead-letter queue', () => {
    expect(run.pipeline.stats.redeliveries).toBe(0);
    expect(run.pipeline.stats.deadLettered).toBe(0);
  });
});

describe('local pipeline: a document that outlasts its deadline', () => {
  const run = hostileRun(runawayCorpus, RUNAWAY_TIMEOUT_SECONDS);

  it('gets a timeout report, and the next upload is read by the replacement worker', async () => {
    for (const item of run.corpus) await expectOutcome(run.pipeline, item);
    expect(run.pipeline.stats.redeliveries).toBe(0);
    expect(run.pipeline.stats.deadLettered).toBe(0);
  });
});

describe('burst: 200 uploads at once, every event delivered twice', () => {
  it('writes exactly 200 reports, once each, none lost', async () => {
    const { pipeline, dispose } = await startPipeline({ isolation: 'worker', workers: 2, deliveriesPerEvent: 2, environment });
    try {
      const bad = [emptyFile(), htmlPage(), pngImage(), truncatedPdf()];
      const good = [fixtureBytes('weak-fm.txt'), fixtureBytes('one-line-ec.txt'), fixtureBytes('split-fm.docx'), fixtureBytes('weak-fm.pdf')];
      const uploads = Array.from({ length: 200 }, (_, index) => ({
        key: `contracts/burst/${String(index).padStart(3, '0')} ${index % 5 === 0 ? 'bad' : 'good'}.bin`,
        body: index % 5 === 0 ? bad[(index / 5) % bad.length]! : good[index % good.length]!,
      }));
      await Promise.all(uploads.map((upload) => pipeline.upload(upload.key, upload.body)));
      await pipeline.idle();

      const reports = (await listKeys(pipeline, 'reports/burst/')).filter((key) => key.endsWith('.json'));
      const statuses = await Promise.all(reports.map(async (key) => (await readReport(pipeline, key))!.status));
      const counts = {
        uploads: uploads.length,
        messages: pipeline.stats.messages,
        reports: reports.length,
        reportWrites: pipeline.stats.reportWrites,
        ok: statuses.filter((status) => status === 'ok').length,
        errors: statuses.filter((status) => status === 'error').length,
        redeliveries: pipeline.stats.redeliveries,
        deadLettered: pipeline.stats.deadLettered,
      };
      console.log(`burst: ${JSON.stringify(counts)}`);
      expect(counts.messages).toBe(400);
      expect(counts.reports).toBe(200);
      expect(new Set(reports).size).toBe(200);
      expect(counts.reportWrites).toBe(200);
      expect(counts.errors).toBe(40);
      expect(counts.ok).toBe(160);
      expect(counts.deadLettered).toBe(0);
    } finally {
      await dispose();
    }
  }, 300_000);
});
