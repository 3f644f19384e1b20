import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { describeAbsent, loadCorpus } from '../../cli/corpora.js';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/detection');
let dir: string | null = null;

afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = null;
});

describe('loadCorpus', () => {
  it('reads the labelled documents a folder holds and lists the ones it lacks, as for a partly restored set', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'clausewatch-corpus-'));
    const labels = JSON.parse(await readFile(path.join(FIXTURES, 'labels.json'), 'utf8')).slice(0, 3);
    await writeFile(path.join(dir, 'labels.json'), JSON.stringify(labels));
    await writeFile(path.join(dir, labels[1].file), await readFile(path.join(FIXTURES, labels[1].file)));
    const corpus = await loadCorpus({ name: 'partial', dir, split: 'held-out' } as Parameters<typeof loadCorpus>[0], dir);
    expect(corpus?.documents.map((document) => path.basename(document.file))).toEqual([labels[1].file]);
    expect(corpus?.documents[0]?.split).toBe('held-out');
    expect(corpus?.missing).toEqual([labels[0].file, labels[2].file]);
  });

  it('is null for a folder that is not there', async () => {
    expect(await loadCorpus({ name: 'absent', dir: '/nonexistent/clausewatch', split: 'dev' } as Parameters<typeof loadCorpus>[0])).toBeNull();
  });
});

describe('describeAbsent', () => {
  type Entry = Parameters<typeof describeAbsent>[0][number];
  const entry = (name: string, dir: string, split: Entry['split']) => ({ name, dir, split }) as Entry;

  it('says once per folder which sets are skipped, in numeric order, with their splits', () => {
    const absent = [
      entry('real-14', '../fresh-real/r14', 'held-out'),
      entry('real-2', '../fresh-real/r2', 'dev'),
      entry('real-136', '../fresh-real/r136', 'dev'),
      entry('real-1', '../fresh-real/r1', 'held-out'),
      entry('pool', '../shared/corpus/pool', 'dev'),
    ];
    expect(describeAbsent(absent)).toEqual([
      '(4 corpora not found under ../fresh-real: real-1 … real-136; 2 dev, 2 held-out; skipped)',
      '(1 corpus not found under ../shared/corpus: pool; 1 dev; skipped)',
    ]);
  });

  it('says nothing when every folder is there', () => {
    expect(describeAbsent([])).toEqual([]);
  });
});
