import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { decodeText } from '../lib/extract/text.js';
import { normalizeText } from '../lib/normalize.js';
import { findParties } from '../lib/parties.js';
import { score } from '../lib/evaluation.js';
import { PROJECT_ROOT, readRegistry, type Split } from './corpora.js';
import { formatTable } from './table.js';

/*
 * Party extraction against eval/labels/parties.json (the parties each preamble names, with their
 * roles), split as the registry splits the corpora: held-out documents predict unseen contracts.
 */

const PartyLabels = z.array(
  z.object({
    corpus: z.string(),
    file: z.string(),
    parties: z.array(z.object({ name: z.string(), role: z.string().nullable() })),
    notes: z.string().optional(),
  }),
);

/** Names compared without case, punctuation spacing or a final full stop. */
const key = (name: string) =>
  name
    .toLowerCase()
    .replace(/[\s.,]+/g, ' ')
    .trim();

export async function evaluateParties(): Promise<string> {
  const labels = PartyLabels.parse(JSON.parse(await readFile(path.join(PROJECT_ROOT, 'eval/labels/parties.json'), 'utf8')));
  const registry = await readRegistry();
  const rows: string[][] = [];
  for (const split of ['held-out', 'dev'] as Split[]) {
    const counts = { tp: 0, fp: 0, fn: 0, tn: 0 };
    let roles = 0;
    let documents = 0;
    for (const label of labels) {
      const entry = registry.corpora.find((corpus) => corpus.name === label.corpus);
      if (!entry) continue;
      const documentSplit = entry.heldOut.includes(label.file) ? 'held-out' : entry.split;
      if (documentSplit !== split) continue;
      const bytes = await readFile(path.resolve(PROJECT_ROOT, entry.dir, label.file)).catch(() => null);
      if (!bytes) continue;
      documents++;
      const found = findParties(normalizeText(decodeText(bytes)).text);
      const expected = new Map(label.parties.map((party) => [key(party.name), party]));
      for (const party of found) {
        const match = expected.get(key(party.name));
        if (!match) counts.fp++;
        else {
          counts.tp++;
          if (match.role !== null && key(match.role) === key(party.role)) roles++;
        }
      }
      counts.fn += [...expected.keys()].filter((name) => !found.some((party) => key(party.name) === name)).length;
    }
    if (documents === 0) continue;
    const scores = score(counts);
    rows.push([
      split,
      `${documents}`,
      scores.precision.toFixed(3),
      scores.recall.toFixed(3),
      scores.f1.toFixed(3),
      `${counts.tp}`,
      `${counts.fp}`,
      `${counts.fn}`,
      `${roles}/${counts.tp}`,
    ]);
  }
  return `== contracting parties (eval/labels/parties.json) ==\n${formatTable(['part', 'docs', 'precision', 'recall', 'F1', 'tp', 'fp', 'fn', 'role right'], rows)}`;
}
