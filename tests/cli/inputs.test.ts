import { mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../cli/analyze.js';
import { collectInputs } from '../../cli/inputs.js';

const CONTRACT = 'SUPPLY AGREEMENT\n\n1. Force Majeure. Neither party is liable for delays caused by events beyond its reasonable control.\n';

describe('collecting the inputs of npm run analyze', () => {
  let work: string;
  beforeEach(() => {
    work = mkdtempSync(path.join(tmpdir(), 'clausewatch-inputs-'));
  });

  it('gives files of the same name their own report paths', async () => {
    for (const dir of ['a', 'b']) {
      mkdirSync(path.join(work, dir));
      writeFileSync(path.join(work, dir, 'msa.txt'), CONTRACT);
    }
    const inputs = await collectInputs([path.join(work, 'a', 'msa.txt'), path.join(work, 'b', 'msa.txt')], work);
    expect(inputs.files.map((file) => file.relative).sort()).toEqual([path.join('a', 'msa.txt'), path.join('b', 'msa.txt')]);
    // Outside the current folder there is no path to tell them apart: a number does.
    const elsewhere = await collectInputs([path.join(work, 'a', 'msa.txt'), path.join(work, 'b', 'msa.txt')], path.join(work, 'a'));
    expect(new Set(elsewhere.files.map((file) => file.relative)).size).toBe(2);
    expect(elsewhere.renamed).toHaveLength(1);
  });

  it('follows links, reads a file once however it is reached, and names what it skips', async () => {
    const contracts = path.join(work, 'contracts');
    mkdirSync(path.join(contracts, 'sub'), { recursive: true });
    writeFileSync(path.join(work, 'real.txt'), CONTRACT);
    symlinkSync(path.join(work, 'real.txt'), path.join(contracts, 'linked.txt'));
    symlinkSync(path.join(work, 'real.txt'), path.join(contracts, 'again.txt'));
    symlinkSync(path.join(work, 'missing.txt'), path.join(contracts, 'broken.txt'));
    symlinkSync(contracts, path.join(contracts, 'sub', 'loop'));
    writeFileSync(path.join(contracts, 'notes.xlsx'), 'x');
    const inputs = await collectInputs([contracts], work);
    expect(inputs.files.map((file) => file.relative)).toEqual(['again.txt']);
    const reasons = inputs.skipped.map((entry) => `${path.basename(entry.path)}: ${entry.reason}`);
    expect(reasons).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^broken\.txt: a broken symbolic link/),
        expect.stringMatching(/^linked\.txt: the same file as .*again\.txt/),
        expect.stringMatching(/^loop: a symbolic link to a folder that contains it/),
        expect.stringMatching(/^notes\.xlsx: not a contract file type \(\.xlsx/),
      ]),
    );
  });

  it('writes as many reports as it says, one per input, none overwritten', async () => {
    for (const dir of ['a', 'b']) {
      mkdirSync(path.join(work, dir));
      writeFileSync(path.join(work, dir, 'msa.txt'), CONTRACT);
    }
    const printed: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: unknown) => void printed.push(String(line)));
    vi.spyOn(console, 'error').mockImplementation((line: unknown) => void printed.push(String(line)));
    const cwd = process.cwd();
    process.chdir(work);
    try {
      expect(await main(['a/msa.txt', 'b/msa.txt', '--out', 'out', '--no-html', '--no-docx', '--jobs', '1'])).toBe(0);
    } finally {
      process.chdir(cwd);
      vi.restoreAllMocks();
    }
    const written = ['a', 'b'].flatMap((dir) => readdirSync(path.join(work, 'out', dir)));
    expect(written).toEqual(['msa.txt.json', 'msa.txt.json']);
    expect(printed.join('\n')).toMatch(/2 report\(s\) written/);
  });
});
