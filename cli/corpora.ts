import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { LabelFile, type LabelRecord } from '../lib/evaluation.js';

/*
 * The labelled corpora that `npm run eval` and `npm run train` read (eval/corpora.json). Each has a
 * split: `dev` documents may be used to write rules and to train; `calibration` documents train the
 * sentence classifier and decide how it combines with the rules, but never shape the rules, so the
 * rules' figures on them are honest; `held-out` documents are used for neither, so their figures
 * predict how the analyzer does on contracts it has not seen.
 */

/** The project folder (the one with package.json), from the source tree or from dist/. */
function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

export const PROJECT_ROOT = projectRoot();
export const REGISTRY = path.join(PROJECT_ROOT, 'eval/corpora.json');

export const Split = z.enum(['dev', 'calibration', 'held-out']);
export type Split = z.infer<typeof Split>;

const CorpusEntry = z.object({
  name: z.string().regex(/^[a-z][a-z0-9-]*$/),
  dir: z.string().min(1),
  /** Label file when it is not `<dir>/labels.json` (labels written for a corpus the project does not own). */
  labels: z.string().optional(),
  /** Extra annotations merged into the labels by id: spans of each provision, every supporting quote. */
  annotations: z.string().optional(),
  description: z.string(),
  split: Split,
  /** Files of this corpus held out even though the corpus is `dev`. */
  heldOut: z.array(z.string()).default([]),
  /** Another corpus labelling the same documents in another format (PDFs of texts), for comparison. */
  sameDocumentsAs: z.string().optional(),
  /**
   * False for a corpus whose texts are not in every checkout (only its labels are): npm run train
   * leaves it out, so the model it writes is the same on every machine.
   */
  trainable: z.boolean().default(true),
});
export type CorpusEntry = z.infer<typeof CorpusEntry>;

export const Registry = z.object({ $comment: z.string().optional(), corpora: z.array(CorpusEntry).min(1) });

export interface LabelledDocument {
  corpus: string;
  split: Split;
  label: LabelRecord;
  file: string;
}

export interface LoadedCorpus {
  entry: CorpusEntry;
  documents: LabelledDocument[];
  /** Labelled files the folder does not hold (a set whose texts are only partly restored): left out. */
  missing: string[];
}

const Annotation = z.looseObject({ id: z.string() });

export async function readRegistry(file = REGISTRY): Promise<z.infer<typeof Registry>> {
  return Registry.parse(JSON.parse(await readFile(file, 'utf8')));
}

/** A corpus folder's labelled documents with their split; null when the folder is not there (a clone without ../shared). Labelled files the folder lacks are listed in `missing`, not read. */
export async function loadCorpus(entry: CorpusEntry, root = PROJECT_ROOT): Promise<LoadedCorpus | null> {
  const dir = path.resolve(root, entry.dir);
  const labelsFile = entry.labels ? path.resolve(root, entry.labels) : path.join(dir, 'labels.json');
  if (!existsSync(dir) || !existsSync(labelsFile)) return null;
  const labels = LabelFile.parse(JSON.parse(await readFile(labelsFile, 'utf8')));
  const annotations = new Map<string, Record<string, unknown>>();
  if (entry.annotations) {
    const records = z.array(Annotation).parse(JSON.parse(await readFile(path.resolve(root, entry.annotations), 'utf8')));
    for (const record of records) annotations.set(record.id, record);
  }
  const heldOut = new Set(entry.heldOut);
  const missing = labels.filter((label) => !existsSync(path.join(dir, label.file))).map((label) => label.file);
  return {
    entry,
    missing,
    documents: labels
      .filter((label) => !missing.includes(label.file))
      .map((label) => {
        const extra = annotations.get(label.id);
        return {
          corpus: entry.name,
          split: heldOut.has(label.file) ? 'held-out' : entry.split,
          label: extra ? { ...extra, ...label, spans: extra.spans ?? label.spans, evidenceAll: extra.evidenceAll ?? label.evidenceAll } : label,
          file: path.join(dir, label.file),
        };
      }),
  };
}

/** Every corpus of the registry that is present, in registry order. */
export async function loadCorpora(registryFile = REGISTRY): Promise<{ loaded: LoadedCorpus[]; absent: CorpusEntry[] }> {
  const registry = await readRegistry(registryFile);
  const root = path.dirname(path.dirname(registryFile));
  const loaded: LoadedCorpus[] = [];
  const absent: CorpusEntry[] = [];
  for (const entry of registry.corpora) {
    const corpus = await loadCorpus(entry, root);
    if (corpus) loaded.push(corpus);
    else absent.push(entry);
  }
  return { loaded, absent };
}

/**
 * What to say of the registered corpora whose folders are absent: one line per parent folder (a new
 * machine lacks a whole collection of sets at once), naming the first and last set and how many of
 * each split are skipped, rather than one line per set.
 */
export function describeAbsent(absent: readonly CorpusEntry[]): string[] {
  const byParent = new Map<string, CorpusEntry[]>();
  for (const entry of absent) {
    const parent = path.dirname(entry.dir);
    const siblings = byParent.get(parent);
    if (siblings) siblings.push(entry);
    else byParent.set(parent, [entry]);
  }
  return [...byParent].map(([parent, entries]) => {
    const names = entries.map((entry) => entry.name).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    const named = names.length <= 3 ? names.join(', ') : `${names[0]} … ${names[names.length - 1]}`;
    const splits = Split.options
      .map((split) => [split, entries.filter((entry) => entry.split === split).length] as const)
      .filter(([, count]) => count > 0)
      .map(([split, count]) => `${count} ${split}`)
      .join(', ');
    const corpora = entries.length === 1 ? 'corpus' : 'corpora';
    return `(${entries.length} ${corpora} not found under ${parent}: ${named}; ${splits}; skipped)`;
  });
}
