import { ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnalyzeHandler } from '../../functions/analyze/handler.js';
import { loadDefaultWatchlist } from '../../lib/exposure/load.js';
import { recordedLibraryVersion } from '../../lib/library/identity.js';
import { loadDefaultLibrary } from '../../lib/library/load.js';
import type { RescanOutcomeName } from '../../lib/rescan-message.js';
import { inlineAnalyzer } from '../../lib/runner/index.js';
import { encodeS3Key } from '../../lib/s3-events.js';
import type { LocalPipeline } from '../../local/pipeline.js';
import { loadConfig } from '../../service/config.js';
import { LibraryCache } from '../../service/library-cache.js';
import { createLogger } from '../../service/logger.js';
import { NO_METRICS, type PipelineMetrics } from '../../service/metrics.js';
import { readRescanSummary } from '../../service/rescan.js';
import { handleRescanBatch } from '../../service/rescan-batch.js';
import { fixtureBytes } from '../helpers/fixtures.js';
import { etagOf, notification, readReport, sqsEvent, startPipeline } from '../helpers/pipeline.js';

const rescanBody = (bucket: string, key: string, eTag: string | null | undefined, rescanId = 'r-handler') =>
  JSON.stringify({ kind: 'clausewatch.rescan', rescanId, bucket, key, eTag: eTag ?? null, versionId: null });

describe('analyze handler: rescan messages against a real local S3 server', () => {
  let pipeline: LocalPipeline;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ pipeline, dispose } = await startPipeline({ deliverEvents: false }));
  });
  afterAll(async () => dispose());

  const env = () => ({ S3_ENDPOINT: pipeline.endpoint, AWS_REGION: 'us-east-1', LOG_LEVEL: 'error', ANALYZER_ISOLATION: 'inline' });
  const builtIn = () => recordedLibraryVersion(loadDefaultLibrary().version, loadDefaultWatchlist().version);

  /** Uploads and reports a contract, then marks its report as graded by an older watchlist (stale). */
  async function staleContract(key: string, fixture: string, sequencer: string): Promise<string> {
    const handler = createAnalyzeHandler(env(), { analyzer: inlineAnalyzer });
    await pipeline.upload(key, fixtureBytes(fixture));
    expect((await handler(sqsEvent(notification(pipeline.bucket, encodeS3Key(key), sequencer)))).batchItemFailures).toEqual([]);
    const reportKey = `reports/${key.slice('contracts/'.length)}.json`;
    const report = (await readReport(pipeline, reportKey))!;
    const stale = { ...report, library: { ...report.library, version: recordedLibraryVersion(loadDefaultLibrary().version, '2000.01.01') } };
    await pipeline.s3.send(new PutObjectCommand({ Bucket: pipeline.bucket, Key: reportKey, Body: JSON.stringify(stale) }));
    return reportKey;
  }

  const contractETag = (key: string) => etagOf(pipeline, key);

  it('re-analyzes a stale report, keeps its source, and records the outcome', async () => {
    const key = 'contracts/handler/stale one.txt';
    const reportKey = await staleContract(key, 'weak-fm.txt', '0A00');
    const staleReport = (await readReport(pipeline, reportKey))!;
    const handler = createAnalyzeHandler(env(), { analyzer: inlineAnalyzer });
    const response = await handler(sqsEvent(rescanBody(pipeline.bucket, key, await contractETag(key), 'r-stale')));
    expect(response.batchItemFailures).toEqual([]);
    const after = (await readReport(pipeline, reportKey))!;
    expect(after.library.version).toBe(builtIn());
    expect(after.source).toEqual(staleReport.source);
    expect(after.source?.sequencer).toBe('0A00');
    expect(await readRescanSummary(pipeline.s3, pipeline.bucket, 'r-stale')).toMatchObject({ scanned: 1, reanalyzed: 1, errors: 0 });
    // A later upload's event still wins over the rescanned report.
    await pipeline.upload(key, fixtureBytes('strong-fm.txt'));
    await handler(sqsEvent(notification(pipeline.bucket, encodeS3Key(key), '0B00')));
    expect((await readReport(pipeline, reportKey))?.summary.verdicts['force-majeure']).toBe('adequate');
  });

  it('skips a current report and a contract uploaded again since the listing, writing neither', async () => {
    const current = 'contracts/handler/current.txt';
    const handler = createAnalyzeHandler(env(), { analyzer: inlineAnalyzer });
    await pipeline.upload(current, fixtureBytes('strong-fm.txt'));
    await handler(sqsEvent(notification(pipeline.bucket, encodeS3Key(current), '0100')));
    const currentETag = await etagOf(pipeline, 'reports/handler/current.txt.json');

    const changed = 'contracts/handler/changed.txt';
    const changedReport = await staleContract(changed, 'weak-fm.txt', '0200');
    const listedETag = await contractETag(changed);
    await pipeline.upload(changed, fixtureBytes('strong-fm.txt'));
    const changedETag = await etagOf(pipeline, changedReport);

    const response = await handler(
      sqsEvent(rescanBody(pipeline.bucket, current, await contractETag(current), 'r-skip'), rescanBody(pipeline.bucket, changed, listedETag, 'r-skip')),
    );
    expect(response.batchItemFailures).toEqual([]);
    expect(await etagOf(pipeline, 'reports/handler/current.txt.json')).toBe(currentETag);
    expect(await etagOf(pipeline, changedReport)).toBe(changedETag);
    expect(await readRescanSummary(pipeline.s3, pipeline.bucket, 'r-skip')).toEqual({
      scanned: 2,
      reanalyzed: 0,
      skippedCurrent: 1,
      skippedOther: 1,
      verdictsMoved: 0,
      contractsWithMovedVerdicts: 0,
      errors: 0,
    });
  });

  it('handles uploads and rescan messages of one batch, and drops malformed rescan messages and non-contract keys', async () => {
    const upload = 'contracts/handler/mixed.txt';
    const stale = 'contracts/handler/mixed stale.txt';
    const staleReport = await staleContract(stale, 'strong-fm.txt', '0300');
    await pipeline.upload(upload, fixtureBytes('weak-fm.txt'));
    const handler = createAnalyzeHandler(env(), { analyzer: inlineAnalyzer });
    const response = await handler(
      sqsEvent(
        notification(pipeline.bucket, encodeS3Key(upload), '0400'),
        rescanBody(pipeline.bucket, stale, await contractETag(stale), 'r-mixed'),
        JSON.stringify({ kind: 'clausewatch.rescan', rescanId: '../escape', bucket: pipeline.bucket, key: stale }),
        rescanBody(pipeline.bucket, 'contracts/', null, 'r-mixed'),
      ),
    );
    expect(response.batchItemFailures).toEqual([]);
    expect((await readReport(pipeline, 'reports/handler/mixed.txt.json'))?.source?.sequencer).toBe('0400');
    expect((await readReport(pipeline, staleReport))?.library.version).toBe(builtIn());
    const outcomes = await pipeline.s3.send(new ListObjectsV2Command({ Bucket: pipeline.bucket, Prefix: 'rescans/' }));
    const keys = (outcomes.Contents ?? []).map((object) => object.Key!);
    expect(keys.filter((key) => key.startsWith('rescans/r-mixed/'))).toHaveLength(1);
    expect(keys.some((key) => key.includes('escape'))).toBe(false);
  });

  it('records an error outcome and retries the message when S3 fails transiently, and reports outcomes as metrics', async () => {
    const key = 'contracts/handler/flaky.txt';
    await staleContract(key, 'weak-fm.txt', '0500');
    const config = loadConfig(env());
    const flaky = Object.create(pipeline.s3) as typeof pipeline.s3;
    let failures = 1;
    flaky.send = ((command: unknown) => {
      if (failures > 0 && (command as { constructor: { name: string } }).constructor.name === 'GetObjectCommand') {
        failures--;
        return Promise.reject(Object.assign(new Error('slow down'), { name: 'SlowDown', $metadata: { httpStatusCode: 503 } }));
      }
      return pipeline.s3.send(command as never);
    }) as typeof pipeline.s3.send;
    const outcomes: [RescanOutcomeName, number][] = [];
    const metrics: PipelineMetrics = { ...NO_METRICS, rescanOutcome: (outcome, moved) => void outcomes.push([outcome, moved]) };
    const deps = {
      s3: flaky,
      config,
      layout: { contractsPrefix: 'contracts/', reportsPrefix: 'reports/' },
      libraries: new LibraryCache(pipeline.s3, config.LIBRARY_KEY, 60),
      analyzer: inlineAnalyzer,
      logger: createLogger('error', 'test'),
      metrics,
    };
    const event = sqsEvent(rescanBody(pipeline.bucket, key, await contractETag(key), 'r-flaky'));
    const first = await handleRescanBatch(event.Records, deps);
    expect(first.batchItemFailures).toEqual([{ itemIdentifier: event.Records[0]!.messageId }]);
    expect(await readRescanSummary(pipeline.s3, pipeline.bucket, 'r-flaky')).toMatchObject({ scanned: 1, errors: 1 });
    const second = await handleRescanBatch(event.Records, deps);
    expect(second.batchItemFailures).toEqual([]);
    // The retry's outcome replaces the error.
    expect(await readRescanSummary(pipeline.s3, pipeline.bucket, 'r-flaky')).toMatchObject({ scanned: 1, reanalyzed: 1, errors: 0 });
    expect(outcomes.map(([outcome]) => outcome)).toEqual(['error', 'reanalyzed']);
  });
});
