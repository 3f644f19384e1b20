import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { main as rescan } from '../../cli/rescan.js';
import { loadDefaultWatchlist } from '../../lib/exposure/load.js';
import { recordedLibraryVersion } from '../../lib/library/identity.js';
import { loadDefaultLibrary } from '../../lib/library/load.js';
import type { Report } from '../../lib/report/schema.js';
import type { LocalPipeline } from '../../local/pipeline.js';
import { fixtureBytes } from '../helpers/fixtures.js';
import { etagOf, readPortfolioRow, readReport, startPipeline } from '../helpers/pipeline.js';

const CONTRACTS = {
  'contracts/logistics/services terms.md': 'logistics-services.md',
  'contracts/weak.txt': 'weak-fm.txt',
  'contracts/strong.pdf': 'strong-fm.pdf',
};

/** The version a report records: the clause library's joined with the exposure watchlist's. */
const recorded = (version: string) => recordedLibraryVersion(version, loadDefaultWatchlist().version);

/** Library B: version "test-B", and a force-majeure clause no longer needs a termination right to be adequate. */
function writeLibraryB(dir: string): string {
  const library = JSON.parse(readFileSync(new URL('../../lib/library/clause-library.json', import.meta.url), 'utf8'));
  library.version = 'test-B';
  const fm = library.clauseTypes.find((type: { id: string }) => type.id === 'force-majeure');
  fm.policy.adequateRequires = fm.policy.adequateRequires.filter((id: string) => id !== 'termination');
  const file = path.join(dir, 'library-b.json');
  writeFileSync(file, JSON.stringify(library));
  return file;
}

describe('npm run rescan against the local pipeline', () => {
  let pipeline: LocalPipeline;
  let dispose: () => Promise<void>;
  let work: string;
  let libraryB: string;
  let output: string[];
  const before = new Map<string, Report>();

  beforeAll(async () => {
    ({ pipeline, dispose, work } = await startPipeline((dir) => ({ mirrorDirectory: path.join(dir, 'mirror') })));
    for (const [key, fixture] of Object.entries(CONTRACTS)) await pipeline.upload(key, fixtureBytes(fixture));
    await pipeline.idle();
    for (const key of Object.keys(CONTRACTS)) before.set(key, (await readReport(pipeline, reportKeyOf(key)))!);
    libraryB = writeLibraryB(work);
  });
  afterAll(async () => dispose());
  beforeEach(() => {
    output = [];
    vi.spyOn(console, 'log').mockImplementation((line: unknown) => void output.push(String(line)));
    vi.spyOn(console, 'error').mockImplementation((line: unknown) => void output.push(String(line)));
  });
  afterEach(() => vi.restoreAllMocks());

  const reportKeyOf = (key: string) => `reports/${key.slice('contracts/'.length)}.json`;
  const bucket = () => `s3://${pipeline.bucket}`;
  const readText = (key: string) =>
    pipeline.s3.send(new GetObjectCommand({ Bucket: pipeline.bucket, Key: key })).then((response) => response.Body!.transformToString());

  it('starts from reports of the built-in library', () => {
    const builtIn = recorded(loadDefaultLibrary().version);
    expect([...before.values()].map((report) => report.library.version)).toEqual([builtIn, builtIn, builtIn]);
    expect(before.get('contracts/logistics/services terms.md')?.summary.verdicts['force-majeure']).toBe('weak');
  });

  it('changes nothing on a dry run, but prints what would move', async () => {
    const etag = await etagOf(pipeline, 'reports/weak.txt.json');
    expect(await rescan([bucket(), '--endpoint-url', pipeline.endpoint, '--library', libraryB, '--dry-run'])).toBe(0);
    expect(output.join('\n')).toMatch(/logistics\/services terms\.md\s+force-majeure\s+weak → adequate/);
    expect(output.join('\n')).toMatch(/3 would be re-analyzed/);
    expect(await etagOf(pipeline, 'reports/weak.txt.json')).toBe(etag);
    expect((await readReport(pipeline, 'reports/weak.txt.json'))?.library.version).toBe(recorded(loadDefaultLibrary().version));
  });

  it('re-analyzes every report of another library, lists the verdicts that moved, and keeps each source', async () => {
    expect(await rescan([bucket(), '--endpoint-url', pipeline.endpoint, '--library', libraryB])).toBe(0);
    const printed = output.join('\n');
    expect(printed).toMatch(/logistics\/services terms\.md\s+force-majeure\s+weak → adequate/);
    // Only verdicts that moved are listed.
    expect(printed).not.toMatch(/weak\.txt\s+force-majeure/);
    expect(printed).not.toMatch(/strong\.pdf/);
    expect(printed).toMatch(/3 contract\(s\): 3 re-analyzed, 1 with verdicts that moved \(1 verdict\(s\)\), 0 already current/);

    for (const key of Object.keys(CONTRACTS)) {
      const after = (await readReport(pipeline, reportKeyOf(key)))!;
      expect(after.library).toEqual({ id: 'clausewatch-default', version: recorded('test-B'), source: libraryB });
      expect(after.source).toEqual(before.get(key)!.source);
      expect(after.analyzedAt > before.get(key)!.analyzedAt).toBe(true);
      const page = await readText(reportKeyOf(key).replace(/\.json$/, '.html'));
      expect(page).toContain('test-B');
      // The contract's portfolio row follows its rewritten report.
      expect((await readPortfolioRow(pipeline, key.replace(/^contracts\//, '')))?.library_version).toBe(recorded('test-B'));
    }
    expect((await readReport(pipeline, 'reports/logistics/services terms.md.json'))?.summary.verdicts['force-majeure']).toBe('adequate');
    // The local pipeline mirrors the rewritten report and page.
    await pipeline.idle();
    const mirrored = JSON.parse(readFileSync(path.join(work, 'mirror', 'logistics', 'services terms.md.json'), 'utf8')) as Report;
    expect(mirrored.library.version).toBe(recorded('test-B'));
    expect(readFileSync(path.join(work, 'mirror', 'logistics', 'services terms.md.html'), 'utf8')).toContain('test-B');
  });

  it('changes nothing when run again with the same library', async () => {
    const etags = await Promise.all(Object.keys(CONTRACTS).map((key) => etagOf(pipeline, reportKeyOf(key))));
    expect(await rescan([bucket(), '--endpoint-url', pipeline.endpoint, '--library', libraryB])).toBe(0);
    expect(output.join('\n')).toMatch(/No verdict moved/);
    expect(output.join('\n')).toMatch(/3 contract\(s\): 0 re-analyzed, 0 with verdicts that moved \(0 verdict\(s\)\), 3 already current/);
    expect(await Promise.all(Object.keys(CONTRACTS).map((key) => etagOf(pipeline, reportKeyOf(key))))).toEqual(etags);
  });

  it('uses the library stored in the bucket when no --library is given, and rejects an invalid one', async () => {
    const upload = (body: string) => pipeline.upload('config/clause-library.json', body);
    await upload(readFileSync(libraryB, 'utf8').replace('"test-B"', '"test-C"'));
    expect(await rescan([bucket(), '--endpoint-url', pipeline.endpoint, '--in-process'])).toBe(0);
    expect((await readReport(pipeline, 'reports/weak.txt.json'))?.library).toMatchObject({
      version: recorded('test-C'),
      source: `s3://${pipeline.bucket}/config/clause-library.json`,
    });

    await upload('{"id": "broken"}');
    const etag = await etagOf(pipeline, 'reports/weak.txt.json');
    expect(await rescan([bucket(), '--endpoint-url', pipeline.endpoint, '--in-process'])).toBe(2);
    expect(output.join('\n')).toMatch(/library_invalid/);
    expect(await etagOf(pipeline, 'reports/weak.txt.json')).toBe(etag);
  });

  it('re-analyzes a report graded with an older exposure watchlist, and only that one', async () => {
    await pipeline.upload('config/clause-library.json', readFileSync(libraryB, 'utf8').replace('"test-B"', '"test-C"'));
    expect(await rescan([bucket(), '--endpoint-url', pipeline.endpoint, '--in-process'])).toBe(0);
    // The same clause library, but the weak contract's report was graded by an earlier watchlist.
    const stale = (await readReport(pipeline, 'reports/weak.txt.json'))!;
    await pipeline.s3.send(
      new PutObjectCommand({
        Bucket: pipeline.bucket,
        Key: 'reports/weak.txt.json',
        Body: JSON.stringify({ ...stale, library: { ...stale.library, version: recordedLibraryVersion('test-C', '2000.01.01') } }),
      }),
    );
    output = [];
    expect(await rescan([bucket(), '--endpoint-url', pipeline.endpoint, '--in-process'])).toBe(0);
    expect(output.join('\n')).toMatch(/3 contract\(s\): 1 re-analyzed, 0 with verdicts that moved \(0 verdict\(s\)\), 2 already current/);
    expect((await readReport(pipeline, 'reports/weak.txt.json'))?.library.version).toBe(recorded('test-C'));
  });

  it('exits 2 on usage errors', async () => {
    expect(await rescan([])).toBe(2);
    expect(await rescan(['clausewatch-local'])).toBe(2);
    expect(await rescan([`${bucket()}/contracts/`])).toBe(2);
  });
});
