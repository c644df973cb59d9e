import type { SparseVector } from './features.js';

// Multinomial logistic regression on sparse features, trained with plain SGD and L2
// regularisation (Bottou's weight-scale trick keeps every step O(nnz × classes) instead of
// touching the whole matrix). Softmax outputs are probabilities, which a single temperature
// then calibrates on held-out data.

export interface LinearOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
  /** Average the weights of the last half of the epochs (smoother, generalises better). */
  average: boolean;
  /** 'inverse': eta = lr / (1 + lr·l2·t) (Bottou); 'linear': decays linearly to ~0 over the epochs. */
  schedule?: 'inverse' | 'linear';
}

// Few epochs with big, linearly decaying steps: on held-out splits of intents/ (2 seeds) 4 epochs at
// 5 beat 10 epochs at 0.5 with the inverse schedule (75.1 vs 72.0 % accuracy) in 40 % of the time;
// CLINC150 92.1 / 59.3 (in-scope / oos recall) vs 91.7 / 56.3.
export const DEFAULT_LINEAR_OPTIONS: LinearOptions = { epochs: 4, learningRate: 5, l2: 2e-6, seed: 7, average: true, schedule: 'linear' };

/** Gradients smaller than this are skipped: they would barely move the weights. */
const MIN_GRADIENT = 1e-3;

export interface LinearModelState {
  features: number;
  classes: number;
  weights: Float32Array; // features × classes, row-major
  bias: Float32Array;
}

/** Small deterministic PRNG, so training (and therefore the cache) is reproducible. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffleInPlace<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

export function trainSoftmaxRegression(
  xs: readonly SparseVector[],
  ys: readonly number[],
  features: number,
  classes: number,
  options: LinearOptions = DEFAULT_LINEAR_OPTIONS,
): LinearModelState {
  const v = new Float32Array(features * classes);
  const bias = new Float32Array(classes);
  const logits = new Float64Array(classes);
  const act = new Int32Array(classes);
  let scale = 1;
  let t = 0;
  const random = mulberry32(options.seed);
  const order = xs.map((_, i) => i);
  const { learningRate: lr0, l2 } = options;
  const avg = options.average ? new Float32Array(v.length) : undefined;
  let averaged = 0;
  const steps = options.epochs * xs.length;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffleInPlace(order, random);
    for (const n of order) {
      const x = xs[n]!;
      const y = ys[n]!;
      const eta = options.schedule === 'linear' ? lr0 * (1 - t++ / (steps + 1)) : lr0 / (1 + lr0 * l2 * t++);
      logits.set(bias);
      for (let j = 0; j < x.idx.length; j++) {
        const row = x.idx[j]! * classes;
        const xv = x.val[j]! * scale;
        for (let c = 0; c < classes; c++) logits[c]! += xv * v[row + c]!;
      }
      softmaxInPlace(logits);
      logits[y]! -= 1; // now the gradient of the log loss w.r.t. the logits
      scale *= 1 - eta * l2;
      const step = eta / scale;
      // Only classes with a noticeable gradient are updated (most are ~0 after the first epoch).
      let active = 0;
      for (let c = 0; c < classes; c++) if (logits[c]! > MIN_GRADIENT || logits[c]! < -MIN_GRADIENT) act[active++] = c;
      for (let j = 0; j < x.idx.length; j++) {
        const row = x.idx[j]! * classes;
        const xv = x.val[j]! * step;
        for (let a = 0; a < active; a++) {
          const c = act[a]!;
          v[row + c]! -= xv * logits[c]!;
        }
      }
      for (let c = 0; c < classes; c++) bias[c]! -= eta * logits[c]! * 0.1;
      if (scale < 1e-4) {
        for (let i = 0; i < v.length; i++) v[i]! *= scale;
        scale = 1;
      }
    }
    if (avg && epoch >= Math.floor(options.epochs / 2)) {
      for (let i = 0; i < v.length; i++) avg[i]! += v[i]! * scale;
      averaged++;
    }
  }
  if (avg && averaged > 0) {
    for (let i = 0; i < v.length; i++) avg[i]! /= averaged;
    return { features, classes, weights: avg, bias };
  }
  for (let i = 0; i < v.length; i++) v[i]! *= scale;
  return { features, classes, weights: v, bias };
}

/** Raw scores (logits) of one example. */
export function linearScores(model: LinearModelState, x: SparseVector, out = new Float64Array(model.classes)): Float64Array {
  const { classes, weights } = model;
  out.set(model.bias);
  for (let j = 0; j < x.idx.length; j++) {
    const row = x.idx[j]! * classes;
    const xv = x.val[j]!;
    for (let c = 0; c < classes; c++) out[c]! += xv * weights[row + c]!;
  }
  return out;
}

export function softmaxInPlace(z: Float64Array, temperature = 1): Float64Array {
  let max = -Infinity;
  for (let i = 0; i < z.length; i++) if (z[i]! > max) max = z[i]!;
  let sum = 0;
  for (let i = 0; i < z.length; i++) {
    const e = Math.exp((z[i]! - max) / temperature);
    z[i] = e;
    sum += e;
  }
  for (let i = 0; i < z.length; i++) z[i]! /= sum;
  return z;
}
