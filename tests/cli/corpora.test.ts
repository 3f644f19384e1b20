import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../cli/corpora.js';

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
