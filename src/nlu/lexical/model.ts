import { DEFAULT_FEATURE_OPTIONS, Vectorizer, type FeatureOptions, type SparseVector } from './features.js';
import {
  DEFAULT_LINEAR_OPTIONS, linearScores, softmaxInPlace, trainSoftmaxRegression,
  type LinearModelState, type LinearOptions,
} from './linear-model.js';
import { tableFits, type TermTable } from './term-table.js';

// The lexical classifier: TF-IDF features → softmax regression → temperature → coverage.
// Coverage (share of known words) moves probability mass to the out-of-scope label, so a message
// made of words no training example uses is not answered confidently. Generic over labels, so
// the CLINC150 benchmark and the bot's topics use exactly the same code.

export interface LexicalOptions {
  features: FeatureOptions;
  linear: LinearOptions;
  /** Exponent of the coverage factor (0 disables it). */
  coveragePower: number;
}

export const DEFAULT_LEXICAL_OPTIONS: LexicalOptions = {
  features: DEFAULT_FEATURE_OPTIONS,
  linear: DEFAULT_LINEAR_OPTIONS,
  coveragePower: 1,
};

export interface LexicalModel {
  labels: string[];
  /** Index of the out-of-scope label in `labels`, -1 when the data has none. */
  oosIndex: number;
  vectorizer: Vectorizer;
  linear: LinearModelState;
  temperature: number;
  coveragePower: number;
}

export function trainLexicalModel(
  texts: readonly string[],
  labels: readonly string[],
  oosLabel: string | undefined,
  options: LexicalOptions = DEFAULT_LEXICAL_OPTIONS,
  /** Shared term extraction when the same texts are fitted more than once (training). */
  table?: TermTable,
): LexicalModel {
  const names = [...new Set(labels)].sort();
  const index = new Map(names.map((l, i) => [l, i]));
  let vectorizer: Vectorizer;
  let xs: SparseVector[];
  if (table && tableFits(table, options.features)) {
    const docs = texts.map((t) => table.doc(t));
    vectorizer = Vectorizer.fitDocs(table, docs, options.features);
    xs = docs.map((d) => vectorizer.transformDoc(d));
  } else {
    vectorizer = Vectorizer.fit(texts, options.features);
    xs = texts.map((t) => vectorizer.transform(t));
  }
  const ys = labels.map((l) => index.get(l)!);
  const linear = trainSoftmaxRegression(xs, ys, vectorizer.size, names.length, options.linear);
  return {
    labels: names,
    oosIndex: oosLabel === undefined ? -1 : (index.get(oosLabel) ?? -1),
    vectorizer,
    linear,
    temperature: 1,
    coveragePower: options.coveragePower,
  };
}

/** Raw logits and coverage of one normalised text (for calibration). */
export function modelLogits(model: LexicalModel, text: string): { logits: Float64Array; coverage: number } {
  const { vector, coverage } = model.vectorizer.transformWithCoverage(text);
  return { logits: linearScores(model.linear, vector), coverage };
}

/** Calibrated probabilities over `model.labels` from logits and coverage. */
export function probabilitiesFrom(model: LexicalModel, logits: Float64Array, coverage: number, temperature = model.temperature): Float64Array {
  const p = softmaxInPlace(Float64Array.from(logits), temperature);
  if (model.oosIndex >= 0 && model.coveragePower > 0) {
    const keep = Math.pow(coverage, model.coveragePower);
    let moved = 0;
    for (let i = 0; i < p.length; i++) {
      if (i === model.oosIndex) continue;
      moved += p[i]! * (1 - keep);
      p[i]! *= keep;
    }
    p[model.oosIndex]! += moved;
  }
  return p;
}

export function predictProbabilities(model: LexicalModel, text: string): Float64Array {
  const { logits, coverage } = modelLogits(model, text);
  return probabilitiesFrom(model, logits, coverage);
}

export interface HeldLogits {
  logits: Float64Array;
  coverage: number;
  gold: number;
}

/**
 * Temperature and coverage exponent minimising the negative log-likelihood of held-out labels
 * (a small grid search: robust, and the surface is smooth). Coverage is a strong out-of-scope
 * signal on large single-language data (CLINC150) but can hurt where examples are few per
 * language, so the held-out data decides how much of it to use.
 */
export function fitCalibration(model: LexicalModel, held: readonly HeldLogits[], powers = [0, 0.5, 1, 1.5]): { temperature: number; coveragePower: number } {
  if (held.length === 0) return { temperature: 1, coveragePower: model.coveragePower };
  const usable = model.oosIndex >= 0 ? powers : [0];
  const oos = model.oosIndex;
  const keeps = held.map((h) => usable.map((power) => (power > 0 ? Math.pow(h.coverage, power) : 1)));
  const maxes = held.map((h) => h.logits.reduce((a, b) => Math.max(a, b), -Infinity));
  let best = { temperature: 1, coveragePower: 0 };
  let bestLoss = Infinity;
  const loss = new Float64Array(usable.length);
  for (let t = 0.2; t <= 3.0001; t += 0.05) {
    loss.fill(0);
    // One softmax per example and temperature serves every coverage exponent (same as probabilitiesFrom).
    held.forEach((h, n) => {
      let sum = 0;
      for (let i = 0; i < h.logits.length; i++) sum += Math.exp((h.logits[i]! - maxes[n]!) / t);
      const pGold = Math.exp((h.logits[h.gold]! - maxes[n]!) / t) / sum;
      const pOos = oos >= 0 ? Math.exp((h.logits[oos]! - maxes[n]!) / t) / sum : 0;
      usable.forEach((_, k) => {
        const keep = keeps[n]![k]!;
        const p = h.gold === oos ? pOos + (1 - pOos) * (1 - keep) : pGold * keep;
        loss[k]! -= Math.log(Math.max(1e-9, p));
      });
    });
    usable.forEach((power, k) => {
      if (loss[k]! < bestLoss) [best, bestLoss] = [{ temperature: Math.round(t * 100) / 100, coveragePower: power }, loss[k]!];
    });
  }
  return best;
}
