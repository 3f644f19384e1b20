#!/usr/bin/env node
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { analyzeDocument } from '../lib/analyze.js';
import { LABEL_GROUPS, score } from '../lib/evaluation.js';
import { labelSentences, type LabelledSentence, type SentenceLabels } from '../lib/learn/examples.js';
import { trainLogistic, type Example, type LogisticModel, probability } from '../lib/learn/logistic.js';
import { SentenceModel, type Classifier } from '../lib/learn/model.js';
import type { ClauseLibrary } from '../lib/library/schema.js';
import type { Report } from '../lib/report/schema.js';
import { classifierMayTake } from '../lib/analysis/locate.js';
import { compileForDocument } from '../lib/analysis/patterns.js';
import { flattenLines } from '../lib/analysis/sentences.js';
import { excludedFor } from '../lib/analysis/elements.js';
import { parseCommandLine, usageError } from './args.js';
import { loadCorpora, PROJECT_ROOT } from './corpora.js';
import { loadLibrary } from './library.js';
import { runCommand } from './main.js';
import { formatTable } from './table.js';

const USAGE = `Usage: npm run train -- [--folds 5] [--out lib/library/sentence-model.json] [--dry-run]

Trains the sentence classifier on the development and calibration documents of eval/corpora.json
that have labelled spans (never on held-out ones), cross-validates it by document, chooses on the
calibration documents (where the rules were never tuned) from which probability each classifier
may add what the rules missed and from which it flags disagreement, and writes the model. Same data, same model:
training is deterministic.`;

const DEFAULT_OUT = path.join(PROJECT_ROOT, 'lib/library/sentence-model.json');
const THRESHOLDS = [0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.98];
/**
 * A classifier may find what the rules missed only when that adds this much F1 on the calibration
 * documents: about one document in thirty, more than the noise of a few dozen documents.
 */
const MIN_GAIN = 0.03;
/** Weights kept per classifier: the model ships inside the Lambda bundle. */
const CLAUSE_FEATURES = 2500;
const ELEMENT_FEATURES = 500;

interface TrainingDocument {
  id: string;
  corpus: string;
  split: 'dev' | 'calibration';
  fold: number;
  label: Record<string, unknown> & { fm: Record<string, boolean>; ec: Record<string, boolean> };
  report: Report;
  sentences: LabelledSentence[];
  /** Per clause type, the sentences the analyzer lets the classifier take as that clause (lib/analysis/locate.ts). */
  vocabulary: Map<string, Set<LabelledSentence>>;
  /** Per element ("export-control/remedy"), the sentences its library excludes, which the classifier may not take either. */
  excluded: Map<string, Set<LabelledSentence>>;
}

function foldOf(id: string, folds: number): number {
  return createHash('sha256').update(id).digest().readUInt32BE(0) % folds;
}

/**
 * Sentences of the document inside the analyzer's located parts; given an element, without those its
 * rules exclude (what that element's classifier reads at run time).
 */
function partSentences(document: TrainingDocument, clauseType: string, elementId?: string): LabelledSentence[] {
  const finding = document.report.findings.find((candidate) => candidate.clauseType === clauseType);
  if (!finding?.present) return [];
  const excluded = elementId ? document.excluded.get(`${clauseType}/${elementId}`) : undefined;
  return document.sentences.filter(
    (sentence) => !excluded?.has(sentence) && finding.parts.some((part) => sentence.start < part.end && sentence.end > part.start),
  );
}

function maxProbability(model: LogisticModel, sentences: readonly LabelledSentence[]): number {
  let best = 0;
  for (const sentence of sentences) best = Math.max(best, probability(model, sentence.features));
  return best;
}

interface Decision {
  /** From a calibration document: the rules were never tuned on it. */
  calibration: boolean;
  expected: boolean;
  rules: boolean;
  model: number;
}

/** Cross-validation by document: each fold's documents are decided by a model trained on the other folds. */
function outOfFold(
  documents: readonly TrainingDocument[],
  folds: number,
  examples: (training: TrainingDocument[]) => Example[],
  decide: (model: LogisticModel, document: TrainingDocument) => Decision | null,
): Decision[] {
  const decisions: Decision[] = [];
  for (let fold = 0; fold < folds; fold++) {
    const model = trainLogistic(examples(documents.filter((document) => document.fold !== fold)));
    for (const document of documents.filter((candidate) => candidate.fold === fold)) {
      const decision = decide(model, document);
      if (decision) decisions.push(decision);
    }
  }
  return decisions;
}

function f1At(decisions: readonly Decision[], pick: (decision: Decision) => boolean) {
  const counts = { tp: 0, fp: 0, fn: 0, tn: 0 };
  for (const decision of decisions) {
    const actual = pick(decision);
    if (decision.expected && actual) counts.tp++;
    else if (!decision.expected && actual) counts.fp++;
    else if (decision.expected && !actual) counts.fn++;
    else counts.tn++;
  }
  return score(counts);
}

interface Choice {
  classifier: Omit<Classifier, 'bias' | 'weights'>;
  figures: Record<string, unknown>;
}

// Only high probabilities: what the classifier adds alone has no rule to explain it.
const ACCEPTS = [0.9, 0.95, 0.98] as const;

/**
 * How the analyzer combines a classifier with the rules, chosen on documents whose rules were never
 * tuned on them (calibration; all documents when there are none): from `accept` the classifier finds
 * what the rules missed. It is kept only when that adds MIN_GAIN F1 over the rules alone; the
 * classifier never removes what the rules found.
 */
function choose(decisions: readonly Decision[]): Choice {
  const rules = f1At(decisions, (decision) => decision.rules);
  let best = { accept: null as number | null, scores: rules };
  for (const accept of ACCEPTS) {
    const scores = f1At(decisions, (decision) => decision.rules || decision.model >= accept);
    if (scores.f1 > best.scores.f1 + 1e-9) best = { accept, scores };
  }
  const kept = best.scores.f1 >= rules.f1 + MIN_GAIN ? best : { accept: null, scores: rules };
  const modelOnly = THRESHOLDS.map((threshold) => ({ threshold, ...pick(f1At(decisions, (decision) => decision.model >= threshold)) }));
  // A disagreement is worth a reviewer's time from the lowest probability at which the classifier alone is mostly right.
  const review = modelOnly.filter((entry) => entry.precision >= 0.8).sort((a, b) => a.threshold - b.threshold)[0]?.threshold ?? 0.95;
  return {
    classifier: { accept: kept.accept, review },
    figures: {
      documents: decisions.length,
      positives: decisions.filter((decision) => decision.expected).length,
      rules: pick(rules),
      combined: kept.accept !== null ? { accept: kept.accept, ...pick(kept.scores) } : null,
      modelOnly,
    },
  };
}

/** The calibration documents' decisions, or every decision when there are none. */
function calibrationFirst(decisions: readonly Decision[]): Decision[] {
  const calibration = decisions.filter((decision) => decision.calibration);
  return calibration.length > 0 ? calibration : [...decisions];
}

function pick(scores: { precision: number; recall: number; f1: number }) {
  const round = (value: number) => Math.round(value * 1000) / 1000;
  return { precision: round(scores.precision), recall: round(scores.recall), f1: round(scores.f1) };
}

function clauseExamples(documents: readonly TrainingDocument[], prefix: string): Example[] {
  return documents.flatMap((document) => document.sentences.map((sentence) => ({ features: sentence.features, label: sentence.clauses.has(prefix) })));
}

/** Element examples: the sentences of the labelled provision and the analyzer's located parts, positive where they hold a quote of the element. */
function elementExamples(documents: readonly TrainingDocument[], prefix: string, clauseType: string, key: string): Example[] {
  return documents.flatMap((document) => {
    const located = new Set(partSentences(document, clauseType));
    return document.sentences
      .filter((sentence) => sentence.clauses.has(prefix) || sentence.elements.has(key) || located.has(sentence))
      .map((sentence) => ({ features: sentence.features, label: sentence.elements.has(key) }));
  });
}

async function loadTrainingDocuments(library: ClauseLibrary, folds: number): Promise<{ documents: TrainingDocument[]; corpora: string[]; unmatched: number }> {
  const { loaded } = await loadCorpora();
  const documents: TrainingDocument[] = [];
  const corpora: string[] = [];
  let unmatched = 0;
  for (const corpus of loaded) {
    if (corpus.entry.sameDocumentsAs || !corpus.entry.trainable) continue;
    const usable = corpus.documents.filter((document) => document.split !== 'held-out' && document.label.spans);
    if (usable.length === 0) continue;
    corpora.push(corpus.entry.name);
    for (const document of usable) {
      const analysis = await analyzeDocument(await readFile(document.file), {
        name: path.basename(document.file),
        library,
        librarySource: 'built-in',
        model: null,
      });
      const labelled = labelSentences(analysis.text, analysis.segments, document.label as SentenceLabels);
      unmatched += labelled.unmatched.length;
      const id = `${corpus.entry.name}/${document.label.id}`;
      const flat = flattenLines(analysis.text);
      const vocabulary = new Map(
        library.clauseTypes.map((type) => {
          const mayTake = classifierMayTake(compileForDocument(type, flat), flat, analysis.segments);
          return [type.id, new Set(labelled.sentences.filter(mayTake))];
        }),
      );
      const excluded = new Map(
        library.clauseTypes.flatMap((type) =>
          compileForDocument(type, flat).elements.map((element) => [
            `${type.id}/${element.id}`,
            new Set(labelled.sentences.filter((sentence) => excludedFor(element, flat.slice(sentence.start, sentence.end)))),
          ]),
        ),
      );
      documents.push({
        id,
        corpus: corpus.entry.name,
        split: document.split as 'dev' | 'calibration',
        fold: foldOf(id, folds),
        label: document.label as TrainingDocument['label'],
        report: analysis.report,
        sentences: labelled.sentences,
        vocabulary,
        excluded,
      });
    }
  }
  return { documents, corpora, unmatched };
}

export async function main(argv: string[]): Promise<number> {
  const parsed = parseCommandLine(
    argv,
    { folds: { type: 'string', default: '5' }, out: { type: 'string', default: DEFAULT_OUT }, 'dry-run': { type: 'boolean', default: false } },
    USAGE,
  );
  if ('exit' in parsed) return parsed.exit;
  const { values } = parsed;
  const folds = Number(values.folds);
  if (!Number.isInteger(folds) || folds < 2) return usageError('--folds must be a whole number of at least 2', USAGE).exit;
  const { library } = await loadLibrary(undefined);
  const { documents, corpora, unmatched } = await loadTrainingDocuments(library, folds);
  if (documents.length === 0) {
    console.error('No development documents with labelled spans were found (eval/corpora.json).');
    return 2;
  }
  const sentences = documents.reduce((sum, document) => sum + document.sentences.length, 0);
  console.log(
    `${documents.length} documents (${corpora.join(', ')}), ${sentences} sentences; ${unmatched} labelled spans or quotes not found in the normalised text.`,
  );

  const clauses: Record<string, Classifier> = {};
  const elements: Record<string, Classifier> = {};
  const crossValidation: Record<string, unknown> = {};
  const rows: string[][] = [];

  for (const { prefix, clauseType } of LABEL_GROUPS) {
    const type = library.clauseTypes.find((candidate) => candidate.id === clauseType);
    if (!type) continue;
    // Clause presence: out-of-fold maximum sentence probability per document, against the rules' verdict.
    const presence = outOfFold(
      documents,
      folds,
      (training) => clauseExamples(training, prefix),
      (model, document) => ({
        calibration: document.split === 'calibration',
        expected: document.label[prefix].present === true,
        rules: document.report.findings.find((finding) => finding.clauseType === clauseType)?.present ?? false,
        model: maxProbability(model, [...document.vocabulary.get(clauseType)!]),
      }),
    );
    const presenceChoice = choose(calibrationFirst(presence));
    clauses[clauseType] = { ...trainLogistic(clauseExamples(documents, prefix), { maxFeatures: CLAUSE_FEATURES }), ...presenceChoice.classifier };
    crossValidation[clauseType] = presenceChoice.figures;
    rows.push(row(clauseType, presenceChoice));

    for (const element of type.elements) {
      const key = `${prefix}.${element.id}`;
      const decisions = outOfFold(
        documents,
        folds,
        (training) => elementExamples(training, prefix, clauseType, key),
        (model, document) => {
          const finding = document.report.findings.find((candidate) => candidate.clauseType === clauseType);
          // Elements are scored where both the label and the analyzer have the clause, as the evaluation does.
          if (document.label[prefix].present !== true || !finding?.present) return null;
          return {
            calibration: document.split === 'calibration',
            expected: document.label[prefix][element.id] === true,
            rules: finding.elements.find((candidate) => candidate.id === element.id)?.present ?? false,
            model: maxProbability(model, partSentences(document, clauseType, element.id)),
          };
        },
      );
      const choice = choose(calibrationFirst(decisions));
      elements[`${clauseType}/${element.id}`] = {
        ...trainLogistic(elementExamples(documents, prefix, clauseType, key), { maxFeatures: ELEMENT_FEATURES }),
        ...choice.classifier,
      };
      crossValidation[`${clauseType}/${element.id}`] = choice.figures;
      rows.push(row(`  ${element.id}`, choice));
    }
  }

  console.log(formatTable(['classifier', 'docs', 'pos', 'rules P/R/F1', 'rules+model P/R/F1', 'accept', 'review'], rows, 80));
  const model = SentenceModel.parse({
    id: 'clausewatch-sentence-model',
    version: `${library.version}.1`,
    features: 'stems-pairs-headings-1',
    trainedOn: { documents: documents.length, sentences, corpora, libraryVersion: library.version },
    clauses,
    elements,
    crossValidation,
  });
  if (values['dry-run']) return 0;
  await writeFile(values.out, serialize(model));
  console.log(`Wrote ${path.relative(process.cwd(), values.out)}.`);
  return 0;
}

/** Readable JSON with each classifier's weights on one line, so that a retrained model diffs by classifier. */
function serialize(model: SentenceModel): string {
  const classifiers = (group: Record<string, Classifier>) =>
    Object.entries(group)
      .map(
        ([id, { weights, ...rest }]) =>
          `    ${JSON.stringify(id)}: {${Object.entries(rest)
            .map(([key, value]) => `${JSON.stringify(key)}: ${JSON.stringify(value)}`)
            .join(', ')}, "weights": ${JSON.stringify(weights)}}`,
      )
      .join(',\n');
  const { clauses, elements, ...rest } = model;
  const head = JSON.stringify(rest, null, 2).replace(/\n}$/, '');
  return `${head},\n  "clauses": {\n${classifiers(clauses)}\n  },\n  "elements": {\n${classifiers(elements)}\n  }\n}\n`;
}

function row(name: string, choice: Choice): string[] {
  const figures = choice.figures as { documents: number; positives: number; rules: ReturnType<typeof pick>; combined: ReturnType<typeof pick> | null };
  const prf = (scores: ReturnType<typeof pick> | null) => (scores ? `${scores.precision.toFixed(2)}/${scores.recall.toFixed(2)}/${scores.f1.toFixed(2)}` : '-');
  const threshold = (value: number | null) => (value === null ? '-' : value.toFixed(2));
  const { accept, review } = choice.classifier;
  return [name, `${figures.documents}`, `${figures.positives}`, prf(figures.rules), prf(figures.combined), threshold(accept), threshold(review)];
}

await runCommand(import.meta.url, main);
