import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { main as rescan } from '../../cli/rescan.js';
import { loadDefaultWatchlist } from '../../lib/exposure/load.js';
import { recordedLibraryVersion } from '../../lib/library/identity.js';
import type { Report } from '../../lib/report/schema.js';
import { verdictChanges } from '../../lib/rescan.js';
import { type DocumentAnalyzer, inlineAnalyzer } from '../../lib/runner/index.js';
import type { LocalPipeline } from '../../local/pipeline.js';
import { readRescanSummary } from '../../service/rescan.js';
import { fixtureBytes } from '../helpers/fixtures.js';
import { etagOf, notification, readReport, sqsEvent, startPipeline } from '../helpers/pipeline.js';
import { createAnalyzeHandler } from '../../functions/analyze/handler.js';
import { encodeS3Key } from '../../lib/s3-events.js';

/** Built-in library first; then the bucket's own library (version "test-B", FM adequate without a termination right). */
const STALE = {
  'contracts/logistics/services terms.md': 'logistics-services.md',
  'contracts/weak.txt': 'weak-fm.txt',
  'contracts/strong.pdf': 'strong-fm.pdf',
  'contracts/excusable.txt': 'excusable-delay.txt',
};
/** Uploaded again while the rescan runs: its new upload's report must stand. */
const REUPLOADED = 'contracts/reuploaded.txt';
/** Uploaded after the library changed: already current, never rewritten. */
const CURRENT = 'contracts/current/untitled.txt';

const recorded = (version: string) => recordedLibraryVersion(version, loadDefaultWatchlist().version);
const reportKeyOf = (key: string) => `reports/${key.slice('contracts/'.length)}.json`;

function libraryB(): string {
  const library = JSON.parse(readFileSync(new URL('../../lib/library/clause-library.json', import.meta.url), 'utf8'));
  library.version = 'test-B';
  const fm = library.clauseTypes.find((type: { id: string }) => type.id === 'force-majeure');
  fm.policy.adequateRequires = fm.policy.adequateRequires.filter((id: string) => id !== 'termination');
  return JSON.stringify(library);
}

describe('npm run rescan --enqueue through the local pipeline', () => {
  let pipeline: LocalPipeline;
  let dispose: () => Promise<void>;
  let output: string[];
  const before = new Map<string, Report>();
  const reuploadBytes = fixtureBytes('strong-fm.txt');
  const originalBytes = fixtureBytes('no-fm.txt');
  /** Set during the rescan: the first analysis of the re-uploaded contract uploads it again first (a user's upload racing the rescan). */
  let raceReupload = false;
  let reportWritesByKey = new Map<string, number>();

  const analyzer: DocumentAnalyzer = {
    async analyze(bytes, options) {
      if (raceReupload && Buffer.from(bytes).equals(Buffer.from(originalBytes))) {
        raceReupload = false;
        // The user uploads again, and another function instance reports the upload before this
        // analysis ends (its sequencer is above any the local queue hands out, so the queue's own
        // delivery of the same upload is then an older event).
        await pipeline.upload(REUPLOADED, reuploadBytes);
        const otherInstance = createAnalyzeHandler(
          { S3_ENDPOINT: pipeline.endpoint, AWS_REGION: 'us-east-1', LOG_LEVEL: 'error', ANALYZER_ISOLATION: 'inline' },
          { analyzer: inlineAnalyzer },
        );
        const handled = await otherInstance(sqsEvent(notification(pipeline.bucket, encodeS3Key(REUPLOADED), 'F'.repeat(24))));
        expect(handled.batchItemFailures).toEqual([]);
      }
      return inlineAnalyzer.analyze(bytes, options);
    },
    close: async () => {},
  };

  beforeAll(async () => {
    ({ pipeline, dispose } = await startPipeline({ analyzer, environment: { LIBRARY_CACHE_SECONDS: '0' } }));
    for (const [key, fixture] of Object.entries(STALE)) await pipeline.upload(key, fixtureBytes(fixture));
    await pipeline.upload(REUPLOADED, originalBytes);
    await pipeline.idle();
    await pipeline.upload('config/clause-library.json', libraryB());
    await pipeline.upload(CURRENT, fixtureBytes('untitled-fm.txt'));
    await pipeline.idle();
    for (const key of [...Object.keys(STALE), REUPLOADED, CURRENT]) before.set(key, (await readReport(pipeline, reportKeyOf(key)))!);
  });
  afterAll(async () => dispose());
  beforeEach(() => {
    output = [];
    vi.spyOn(console, 'log').mockImplementation((line: unknown) => void output.push(String(line)));
    vi.spyOn(console, 'error').mockImplementation((line: unknown) => void output.push(String(line)));
  });
  afterEach(() => vi.restoreAllMocks());

  it('starts from reports of the built-in library, except the contract uploaded after the change', () => {
    for (const key of [...Object.keys(STALE), REUPLOADED]) expect(before.get(key)?.library.version).not.toBe(recorded('test-B'));
    expect(before.get(CURRENT)?.library.version).toBe(recorded('test-B'));
  });

  it('enqueues one rescan message per contract; rewrites each stale report once, leaves the current one and the newer upload alone, and counts it all', async () => {
    const currentETag = await etagOf(pipeline, reportKeyOf(CURRENT));
    const messagesBefore = pipeline.stats.messages;
    // Count report writes per key from the server's own events.
    reportWritesByKey = new Map();
    const server = (
      pipeline as unknown as {
        server: { on: (name: string, listener: (event: { Records: { eventName: string; s3: { object: { key: string } } }[] }) => void) => void };
      }
    ).server;
    server.on('event', (event) => {
      for (const record of event.Records) {
        const key = record.s3.object.key;
        if (record.eventName.startsWith('ObjectCreated') && key.startsWith('reports/') && key.endsWith('.json'))
          reportWritesByKey.set(key, (reportWritesByKey.get(key) ?? 0) + 1);
      }
    });
    raceReupload = true;

    // No flag: against the local pipeline's server on loopback the rescan goes through its queue.
    expect(await rescan([`s3://${pipeline.bucket}`, '--endpoint-url', pipeline.endpoint])).toBe(0);
    const rescanId = /Rescan (rescan-[0-9A-Za-z-]+) requested/.exec(output.join('\n'))?.[1];
    expect(rescanId).toBeDefined();
    await pipeline.idle();
    expect(raceReupload).toBe(false);

    // Six contracts enumerated, six rescan messages, plus the re-upload's own event.
    expect(pipeline.stats.messages - messagesBefore).toBe(7);
    for (const key of Object.keys(STALE)) {
      expect(reportWritesByKey.get(reportKeyOf(key)), key).toBe(1);
      const after = (await readReport(pipeline, reportKeyOf(key)))!;
      expect(after.library.version).toBe(recorded('test-B'));
      // The stored source stays, so a later upload's event still wins.
      expect(after.source).toEqual(before.get(key)!.source);
    }
    expect(reportWritesByKey.get(reportKeyOf(CURRENT))).toBeUndefined();
    expect(await etagOf(pipeline, reportKeyOf(CURRENT))).toBe(currentETag);

    // The re-uploaded contract has the report of its new upload, written once: the rescan's
    // conditional write lost to it, and the queue's late delivery of the upload was an older event.
    const reuploaded = (await readReport(pipeline, reportKeyOf(REUPLOADED)))!;
    expect(reportWritesByKey.get(reportKeyOf(REUPLOADED))).toBe(1);
    expect(reuploaded.source?.sequencer).toBe('F'.repeat(24));
    expect(reuploaded.library.version).toBe(recorded('test-B'));
    expect(reuploaded.summary.verdicts['force-majeure']).toBe('adequate');

    // The summary, counted from the outcome objects, against what the reports say.
    let moved = 0;
    let contractsMoved = 0;
    for (const key of Object.keys(STALE)) {
      const changes = verdictChanges(before.get(key)!, (await readReport(pipeline, reportKeyOf(key)))!).length;
      moved += changes;
      if (changes > 0) contractsMoved++;
    }
    expect(moved).toBeGreaterThan(0);
    const summary = await readRescanSummary(pipeline.s3, pipeline.bucket, rescanId!);
    expect(summary).toEqual({
      scanned: 6,
      reanalyzed: 4,
      skippedCurrent: 1,
      skippedOther: 1,
      verdictsMoved: moved,
      contractsWithMovedVerdicts: contractsMoved,
      errors: 0,
    });

    output = [];
    expect(await rescan([`s3://${pipeline.bucket}`, '--endpoint-url', pipeline.endpoint, '--status', rescanId!])).toBe(0);
    expect(output.join('\n')).toContain(`scanned 6, re-analyzed 4, skipped 1 already current and 1 for another reason`);
    expect(output.join('\n')).toContain(`verdicts moved ${moved} (in ${contractsMoved} contract(s)), errors 0`);
  });

  it('a second rescan finds every report current and writes none', async () => {
    const etags = await Promise.all([...before.keys()].map((key) => etagOf(pipeline, reportKeyOf(key))));
    expect(await rescan([`s3://${pipeline.bucket}`, '--endpoint-url', pipeline.endpoint, '--enqueue', '--max-items', '3'])).toBe(0);
    const rescanId = /Rescan (rescan-[0-9A-Za-z-]+) requested/.exec(output.join('\n'))![1]!;
    await pipeline.idle();
    expect(await Promise.all([...before.keys()].map((key) => etagOf(pipeline, reportKeyOf(key))))).toEqual(etags);
    const summary = await readRescanSummary(pipeline.s3, pipeline.bucket, rescanId);
    expect(summary).toMatchObject({ scanned: 3, reanalyzed: 0, skippedCurrent: 3, errors: 0 });
  });

  it('rejects conflicting modes and a bad --max-items with a usage error', async () => {
    const bucket = `s3://${pipeline.bucket}`;
    expect(await rescan([bucket, '--endpoint-url', pipeline.endpoint, '--enqueue', '--in-aws'])).toBe(2);
    expect(await rescan([bucket, '--endpoint-url', pipeline.endpoint, '--enqueue', '--in-process'])).toBe(2);
    expect(await rescan([bucket, '--endpoint-url', pipeline.endpoint, '--enqueue', '--max-items', '0'])).toBe(2);
    expect(await rescan([bucket, '--endpoint-url', pipeline.endpoint, '--status', '../etc'])).toBe(2);
    expect(output.join('\n')).toMatch(/--max-items must be a whole number/);
  });
});
