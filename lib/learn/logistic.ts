/*
 * Logistic regression over sparse binary features, trained with AdaGrad and L2 regularisation.
 * Sparse on purpose: a sentence has tens of features out of tens of thousands, so each update
 * touches only its own; general-purpose packages keep dense vectors per example and do not scale
 * to every sentence of a corpus of contracts.
 */

import { mulberry32 } from '../random.js';

export interface LogisticModel {
  bias: number;
  weights: Record<string, number>;
}

export interface Example {
  features: readonly string[];
  label: boolean;
}

export interface TrainOptions {
  epochs?: number;
  /** L2 penalty per update. */
  l2?: number;
  learningRate?: number;
  /** Weight of a positive example relative to a negative one (rare classes need more). */
  positiveWeight?: number;
  /** Features seen in fewer training examples than this are left out. */
  minCount?: number;
  /** Weights kept, largest first (the model ships as data; small weights change nothing). */
  maxFeatures?: number;
  seed?: number;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-Math.max(-35, Math.min(35, z))));

export function trainLogistic(examples: readonly Example[], options: TrainOptions = {}): LogisticModel {
  const { epochs = 25, l2 = 1e-5, learningRate = 0.3, minCount = 2, maxFeatures = 4000, seed = 1 } = options;
  const positives = examples.filter((example) => example.label).length;
  const positiveWeight = options.positiveWeight ?? Math.min(20, Math.max(1, (examples.length - positives) / Math.max(1, positives)));
  const counts = new Map<string, number>();
  for (const example of examples) for (const feature of example.features) counts.set(feature, (counts.get(feature) ?? 0) + 1);
  const index = new Map<string, number>();
  for (const [feature, count] of counts) if (count >= minCount) index.set(feature, index.size);
  const rows = examples.map((example) => ({
    features: Int32Array.from(example.features.flatMap((feature) => (index.has(feature) ? [index.get(feature)!] : []))),
    label: example.label ? 1 : 0,
    weight: example.label ? positiveWeight : 1,
  }));
  const weights = new Float64Array(index.size);
  const squared = new Float64Array(index.size).fill(1e-8);
  let bias = 0;
  let biasSquared = 1e-8;
  const random = mulberry32(seed);
  const order = rows.map((_, position) => position);
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let position = order.length - 1; position > 0; position--) {
      const other = Math.floor(random() * (position + 1));
      [order[position], order[other]] = [order[other]!, order[position]!];
    }
    for (const position of order) {
      const row = rows[position]!;
      let z = bias;
      for (const feature of row.features) z += weights[feature]!;
      const gradient = (sigmoid(z) - row.label) * row.weight;
      for (const feature of row.features) {
        const g = gradient + l2 * weights[feature]!;
        squared[feature]! += g * g;
        weights[feature]! -= (learningRate * g) / Math.sqrt(squared[feature]!);
      }
      biasSquared += gradient * gradient;
      bias -= (learningRate * gradient) / Math.sqrt(biasSquared);
    }
  }
  const kept = [...index]
    .map(([feature, position]) => [feature, weights[position]!] as const)
    .filter(([, weight]) => Math.abs(weight) >= 1e-3)
    .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]) || (a[0] < b[0] ? -1 : 1))
    .slice(0, maxFeatures);
  return { bias: round(bias), weights: Object.fromEntries(kept.map(([feature, weight]) => [feature, round(weight)])) };
}

function round(value: number): number {
  return Math.round(value * 1e4) / 1e4;
}

/** The probability the model gives a set of features. */
export function probability(model: LogisticModel, features: readonly string[]): number {
  let z = model.bias;
  for (const feature of features) z += model.weights[feature] ?? 0;
  return sigmoid(z);
}
