#!/usr/bin/env node
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { analyzeDocument } from '../lib/analyze.js';
import { evaluate, LabelFile, type Evaluation, type LabelRecord, type Scores } from '../lib/evaluation.js';
import type { ClauseLibrary } from '../lib/library/schema.js';
import type { Report } from '../lib/report/schema.js';
import { loadLibrary } from './library.js';
import { isMain } from './main.js';
import { formatTable } from './table.js';

const USAGE = `Usage: npm run eval -- <corpus dir...> [--library <file>] [--json] [--mismatches]

Each folder holds contracts and a labels.json (see the labelling rubric). Prints precision, recall
and F1 for clause presence and every element, element micro-F1 and verdict accuracy, per folder
and pooled over all folders.`;

const pct = (value: number) => value.toFixed(3);

function scoreRow(name: string, scores: Scores): string[] {
  return [name, pct(scores.precision), pct(scores.recall), pct(scores.f1), `${scores.tp}`, `${scores.fp}`, `${scores.fn}`];
}

export function formatEvaluation(title: string, evaluation: Evaluation): string {
  const header = ['measure', 'precision', 'recall', 'F1', 'tp', 'fp', 'fn'];
  const rows = [
    ...Object.entries(evaluation.presence).map(([id, scores]) => scoreRow(`presence ${id}`, scores)),
    ...Object.entries(evaluation.elements).map(([id, scores]) => scoreRow(`  ${id}`, scores)),
    scoreRow('elements (micro)', evaluation.elementsMicro),
  ];
  const verdicts = Object.entries(evaluation.verdictAccuracy)
    .map(([id, tally]) => `${id} ${tally.correct}/${tally.total} (${pct(tally.accuracy)})`)
    .join(', ');
  return `== ${title}: ${evaluation.documents} documents ==\n${formatTable(header, rows)}\nverdict accuracy: ${verdicts}${
    evaluation.errors.length > 0 ? `\nerror reports: ${evaluation.errors.join('; ')}` : ''
  }`;
}

interface Comparison {
  a: string;
  b: string;
  documents: number;
  scores: Array<{ measure: string; a: number; b: number }>;
}

/** Folders labelling the same documents (texts and their PDFs) scored on exactly those documents. */
function compareSameDocuments(byDir: ReadonlyMap<string, Array<{ label: LabelRecord; report: Report }>>, library: ClauseLibrary): Comparison[] {
  const dirs = [...byDir.keys()];
  const comparisons: Comparison[] = [];
  for (let i = 0; i < dirs.length; i++) {
    for (let j = i + 1; j < dirs.length; j++) {
      const a = byDir.get(dirs[i]!)!;
      const b = byDir.get(dirs[j]!)!;
      const common = new Set(a.map((pair) => pair.label.id).filter((id) => b.some((pair) => pair.label.id === id)));
      if (common.size === 0) continue;
      const ea = evaluate(a.filter((pair) => common.has(pair.label.id)), library);
      const eb = evaluate(b.filter((pair) => common.has(pair.label.id)), library);
      comparisons.push({
        a: dirs[i]!,
        b: dirs[j]!,
        documents: common.size,
        scores: [
          ...Object.keys(ea.presence).map((id) => ({ measure: `presence ${id} F1`, a: ea.presence[id]!.f1, b: eb.presence[id]?.f1 ?? 0 })),
          { measure: 'elements micro-F1', a: ea.elementsMicro.f1, b: eb.elementsMicro.f1 },
        ],
      });
    }
  }
  return comparisons;
}

function formatComparison(comparison: Comparison): string {
  return `== same ${comparison.documents} documents: ${comparison.a} vs ${comparison.b} ==\n${formatTable(
    ['measure', comparison.a, comparison.b, 'difference'],
    comparison.scores.map((score) => [score.measure, pct(score.a), pct(score.b), (score.b - score.a).toFixed(3)]),
  )}`;
}

async function analyzeCorpus(dir: string, library: ClauseLibrary, source: string): Promise<Array<{ label: LabelRecord; report: Report }>> {
  const labels = LabelFile.parse(JSON.parse(await readFile(path.join(dir, 'labels.json'), 'utf8')));
  const pairs: Array<{ label: LabelRecord; report: Report }> = [];
  for (const label of labels) {
    const bytes = await readFile(path.join(dir, label.file));
    const { report } = await analyzeDocument(bytes, { name: label.file, library, librarySource: source });
    pairs.push({ label, report });
  }
  return pairs;
}

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      library: { type: 'string' },
      json: { type: 'boolean', default: false },
      mismatches: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || positionals.length === 0) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  const { library, source } = await loadLibrary(values.library);
  const all: Array<{ label: LabelRecord; report: Report }> = [];
  const results: Record<string, Evaluation> = {};
  const byDir = new Map<string, Array<{ label: LabelRecord; report: Report }>>();
  for (const dir of positionals) {
    const pairs = await analyzeCorpus(dir, library, source);
    byDir.set(dir, pairs);
    all.push(...pairs.map(({ label, report }) => ({ label: { ...label, id: `${path.basename(dir)}/${label.id}` }, report })));
    results[dir] = evaluate(pairs, library);
  }
  if (positionals.length > 1) results.pooled = evaluate(all, library);
  const comparisons = compareSameDocuments(byDir, library);
  if (values.json) {
    console.log(JSON.stringify({ library: { id: library.id, version: library.version }, results, comparisons }));
    return 0;
  }
  for (const [title, evaluation] of Object.entries(results)) {
    console.log(`${formatEvaluation(title, evaluation)}\n`);
    if (values.mismatches) {
      for (const miss of evaluation.mismatches) {
        const why = miss.evidence ? `  ← "${miss.evidence.replace(/\s+/g, ' ').slice(0, 160)}"` : '';
        console.log(`  ${miss.id}  ${miss.what}: expected ${miss.expected}, got ${miss.actual}${why}`);
      }
      console.log('');
    }
  }
  for (const comparison of comparisons) console.log(`${formatComparison(comparison)}\n`);
  return 0;
}

if (isMain(import.meta.url)) process.exitCode = await main(process.argv.slice(2));
