#!/usr/bin/env node
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { analyzeDocument } from '../lib/analyze.js';
import { DEFAULT_OCR } from '../lib/extract/ocr.js';
import { evaluate, LabelFile, type Evaluation, type LabelRecord, type Scores } from '../lib/evaluation.js';
import type { ClauseLibrary } from '../lib/library/schema.js';
import type { Report } from '../lib/report/schema.js';
import { parseCommandLine, usageError } from './args.js';
import { describeAbsent, loadCorpora, type LabelledDocument, type Split } from './corpora.js';
import { evaluateParties } from './eval-parties.js';
import { loadLibrary } from './library.js';
import { runCommand } from './main.js';
import { formatTable } from './table.js';

const USAGE = `Usage: npm run eval -- [<corpus dir>...] [--split held-out|calibration|dev|all] [--corpus <name>]...
                       [--library <file>] [--json] [--mismatches] [--show-held-out]
       npm run eval -- --parties

Without folders, evaluates the corpora listed in eval/corpora.json: the held-out part first (never
used to write rules or to train; its figures predict unseen contracts), then the calibration part
(trains the sentence classifier, never used to write rules), then the development part.
With folders, evaluates each folder (contracts and a labels.json, see docs/LABELLING.md).

Prints precision, recall and F1 for clause presence and every element, element micro-F1 and verdict
accuracy, per corpus and pooled. --mismatches lists each disagreement of development documents;
held-out and calibration disagreements are listed only with --show-held-out (reading them is
tuning on them). --parties scores the contracting parties found in each preamble instead
(eval/labels/parties.json).`;

const pct = (value: number) => value.toFixed(3);

interface Pair {
  label: LabelRecord;
  report: Report;
}

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
  const { review } = evaluation;
  const flags = `review: ${review.flagged} of ${review.findings} findings marked; ${review.wrongFlagged} of ${review.wrongVerdicts} wrong verdicts among them`;
  return `== ${title}: ${evaluation.documents} documents ==\n${formatTable(header, rows)}\nverdict accuracy: ${verdicts}\n${flags}${
    evaluation.errors.length > 0 ? `\nerror reports: ${evaluation.errors.join('; ')}` : ''
  }`;
}

/** One line per evaluation with the figures the acceptance targets name. */
export function formatSummary(rows: ReadonlyArray<{ title: string; evaluation: Evaluation }>): string {
  const header = ['part', 'docs', 'FM P/R', 'EC P/R', 'elements F1', 'weakest element', 'verdicts FM/EC', 'review (wrong caught)'];
  return formatTable(
    header,
    rows.map(({ title, evaluation }) => {
      const presence = (id: string) => {
        const scores = evaluation.presence[id];
        return scores ? `${pct(scores.precision)}/${pct(scores.recall)}` : '-';
      };
      const weakest = Object.entries(evaluation.elements)
        .filter(([, scores]) => scores.tp + scores.fn + scores.fp > 0)
        .sort((a, b) => a[1].f1 - b[1].f1)[0];
      const verdict = (id: string) => pct(evaluation.verdictAccuracy[id]?.accuracy ?? 1);
      return [
        title,
        `${evaluation.documents}`,
        presence('force-majeure'),
        presence('export-control'),
        pct(evaluation.elementsMicro.f1),
        weakest ? `${weakest[0]} ${pct(weakest[1].f1)}` : '-',
        `${verdict('force-majeure')}/${verdict('export-control')}`,
        `${evaluation.review.flagged}/${evaluation.review.findings} (${evaluation.review.wrongFlagged}/${evaluation.review.wrongVerdicts})`,
      ];
    }),
    80,
  );
}

interface Comparison {
  a: string;
  b: string;
  documents: number;
  scores: Array<{ measure: string; a: number; b: number }>;
}

/** Two corpora labelling the same documents (texts and their PDFs), scored on exactly those documents. */
function compare(aName: string, a: readonly Pair[], bName: string, b: readonly Pair[], library: ClauseLibrary): Comparison | null {
  const common = new Set(a.map((pair) => pair.label.id).filter((id) => b.some((pair) => pair.label.id === id)));
  if (common.size === 0) return null;
  const ea = evaluate(
    a.filter((pair) => common.has(pair.label.id)),
    library,
  );
  const eb = evaluate(
    b.filter((pair) => common.has(pair.label.id)),
    library,
  );
  return {
    a: aName,
    b: bName,
    documents: common.size,
    scores: [
      ...Object.keys(ea.presence).map((id) => ({ measure: `presence ${id} F1`, a: ea.presence[id]!.f1, b: eb.presence[id]?.f1 ?? 0 })),
      { measure: 'elements micro-F1', a: ea.elementsMicro.f1, b: eb.elementsMicro.f1 },
    ],
  };
}

function formatComparison(comparison: Comparison): string {
  return `== same ${comparison.documents} documents: ${comparison.a} vs ${comparison.b} ==\n${formatTable(
    ['measure', comparison.a, comparison.b, 'difference'],
    comparison.scores.map((score) => [score.measure, pct(score.a), pct(score.b), (score.b - score.a).toFixed(3)]),
  )}`;
}

function formatMismatches(evaluation: Evaluation): string {
  return evaluation.mismatches
    .map((miss) => {
      const why = miss.evidence ? `  ← "${miss.evidence.replace(/\s+/g, ' ').slice(0, 160)}"` : '';
      const marked = miss.flagged === undefined ? '' : miss.flagged ? ' (marked for review)' : ' (not marked for review)';
      return `  ${miss.id}  ${miss.what}: expected ${miss.expected}, got ${miss.actual}${marked}${why}`;
    })
    .join('\n');
}

async function analyzeAll(documents: readonly LabelledDocument[], library: ClauseLibrary, source: string): Promise<Pair[]> {
  const pairs: Pair[] = [];
  for (const document of documents) {
    const bytes = await readFile(document.file);
    // Scans are read as npm run analyze reads them: their figures are the OCR path's.
    const { report } = await analyzeDocument(bytes, { name: path.basename(document.file), library, librarySource: source, ocr: DEFAULT_OCR });
    pairs.push({ label: document.label, report });
  }
  return pairs;
}

async function folderDocuments(dir: string): Promise<LabelledDocument[]> {
  const labels = LabelFile.parse(JSON.parse(await readFile(path.join(dir, 'labels.json'), 'utf8')));
  return labels.map((label) => ({ corpus: dir, split: 'dev' as const, label, file: path.join(dir, label.file) }));
}

const prefixed = (name: string, pairs: readonly Pair[]): Pair[] =>
  pairs.map(({ label, report }) => ({ label: { ...label, id: `${name}/${label.id}` }, report }));

interface Section {
  title: string;
  evaluation: Evaluation;
  showMismatches: boolean;
}

export async function main(argv: string[]): Promise<number> {
  const parsed = parseCommandLine(
    argv,
    {
      library: { type: 'string' },
      split: { type: 'string', default: 'all' },
      corpus: { type: 'string', multiple: true },
      json: { type: 'boolean', default: false },
      mismatches: { type: 'boolean', default: false },
      'show-held-out': { type: 'boolean', default: false },
      parties: { type: 'boolean', default: false },
    },
    USAGE,
  );
  if ('exit' in parsed) return parsed.exit;
  const { values, positionals } = parsed;
  if (!['all', 'dev', 'calibration', 'held-out'].includes(values.split)) {
    return usageError(`--split must be held-out, calibration, dev or all, not "${values.split}"`, USAGE).exit;
  }
  if (values.parties) {
    console.log(await evaluateParties());
    return 0;
  }
  const { library, source } = await loadLibrary(values.library);
  const sections: Section[] = [];
  const comparisons: Comparison[] = [];
  const summary: Array<{ title: string; evaluation: Evaluation }> = [];

  if (positionals.length > 0) {
    const byDir = new Map<string, Pair[]>();
    for (const dir of positionals) {
      const pairs = await analyzeAll(await folderDocuments(dir), library, source);
      byDir.set(dir, pairs);
      sections.push({ title: dir, evaluation: evaluate(pairs, library), showMismatches: true });
    }
    if (positionals.length > 1) {
      const pooled = evaluate(
        [...byDir].flatMap(([dir, pairs]) => prefixed(path.basename(dir), pairs)),
        library,
      );
      sections.push({ title: 'pooled', evaluation: pooled, showMismatches: false });
      summary.push({ title: 'pooled', evaluation: pooled });
      const dirs = [...byDir.keys()];
      for (let i = 0; i < dirs.length; i++) {
        for (let j = i + 1; j < dirs.length; j++) {
          const comparison = compare(dirs[i]!, byDir.get(dirs[i]!)!, dirs[j]!, byDir.get(dirs[j]!)!, library);
          if (comparison) comparisons.push(comparison);
        }
      }
    }
  } else {
    const { loaded, absent } = await loadCorpora();
    const wanted = values.corpus ? new Set(values.corpus) : null;
    const splits: Split[] = values.split === 'all' ? ['held-out', 'calibration', 'dev'] : [values.split as Split];
    // Only the documents of the splits asked for are read and analysed: a development run never opens a held-out file.
    const corpora = loaded
      .filter((corpus) => !wanted || wanted.has(corpus.entry.name))
      .map((corpus) => ({ ...corpus, documents: corpus.documents.filter((document) => splits.includes(document.split)) }))
      .filter((corpus) => corpus.documents.length > 0);
    for (const line of describeAbsent(absent)) console.error(line);
    for (const corpus of corpora) {
      const count = corpus.missing.length;
      if (count > 0) console.error(`(corpus "${corpus.entry.name}": ${count} of ${count + corpus.documents.length} labelled documents not found: skipped)`);
    }
    const pairsByCorpus = new Map<string, Pair[]>();
    for (const corpus of corpora) pairsByCorpus.set(corpus.entry.name, await analyzeAll(corpus.documents, library, source));
    for (const split of splits) {
      const pooled: Pair[] = [];
      for (const corpus of corpora) {
        const pairs = pairsByCorpus.get(corpus.entry.name)!.filter((_, index) => corpus.documents[index]!.split === split);
        if (pairs.length === 0) continue;
        const title = `${split} · ${corpus.entry.name}`;
        const evaluation = evaluate(pairs, library);
        sections.push({ title, evaluation, showMismatches: split === 'dev' || values['show-held-out'] });
        summary.push({ title, evaluation });
        // The PDFs repeat documents of another corpus: pooled once.
        if (!corpus.entry.sameDocumentsAs) pooled.push(...prefixed(corpus.entry.name, pairs));
      }
      if (pooled.length > 0) {
        const evaluation = evaluate(pooled, library);
        sections.push({ title: `${split} · pooled`, evaluation, showMismatches: false });
        summary.push({ title: `${split} · pooled`, evaluation });
      }
    }
    for (const corpus of corpora) {
      const other = corpus.entry.sameDocumentsAs;
      if (!other || !pairsByCorpus.has(other)) continue;
      const comparison = compare(other, pairsByCorpus.get(other)!, corpus.entry.name, pairsByCorpus.get(corpus.entry.name)!, library);
      if (comparison) comparisons.push(comparison);
    }
  }

  if (values.json) {
    console.log(
      JSON.stringify({
        library: { id: library.id, version: library.version },
        results: Object.fromEntries(sections.map((section) => [section.title, section.evaluation])),
        comparisons,
      }),
    );
    return 0;
  }
  for (const section of sections) {
    console.log(`${formatEvaluation(section.title, section.evaluation)}\n`);
    if (values.mismatches && section.showMismatches && section.evaluation.mismatches.length > 0) console.log(`${formatMismatches(section.evaluation)}\n`);
  }
  for (const comparison of comparisons) console.log(`${formatComparison(comparison)}\n`);
  if (summary.length > 0) console.log(`== summary (library ${library.version}) ==\n${formatSummary(summary)}`);
  return 0;
}

await runCommand(import.meta.url, main);
