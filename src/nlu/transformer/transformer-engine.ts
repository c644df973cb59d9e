import type { TopicId } from '../../contract.js';
import type { TopicEngine, TopicScore, TrainingExample } from '../types.js';
import type { Embedder } from './embedder.js';

// Topic scores from sentence embeddings: each topic's score is the mean cosine similarity of the
// query to its k nearest training examples, blended with the similarity to the topic centroid
// (k-NN catches paraphrases of one example; the centroid is robust to a stray mislabelled one),
// then a softmax with a low temperature turns similarities into probabilities that can be
// averaged with the lexical engine's.

export interface TransformerEngineOptions {
  k?: number;
  /** Softmax temperature over cosine similarities; 0.05 spreads 0.6 vs 0.8 into ~2% vs 98%. */
  temperature?: number;
  centroidWeight?: number;
}

interface TopicIndex {
  topic: TopicId;
  vectors: Float32Array[];
  centroid: Float32Array;
}

const dot = (a: Float32Array, b: Float32Array) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
};

function normalised(v: Float32Array): Float32Array {
  const n = Math.sqrt(dot(v, v)) || 1;
  return v.map((x) => x / n);
}

export async function createTransformerEngine(
  embedder: Embedder,
  examples: readonly TrainingExample[],
  options: TransformerEngineOptions = {},
): Promise<TopicEngine> {
  const k = options.k ?? 3;
  const temperature = options.temperature ?? 0.05;
  const centroidWeight = options.centroidWeight ?? 0.3;
  const vectors = await embedder.embed(examples.map((e) => e.text));
  const byTopic = new Map<TopicId, Float32Array[]>();
  examples.forEach((e, i) => {
    const list = byTopic.get(e.topic) ?? [];
    list.push(vectors[i]!);
    byTopic.set(e.topic, list);
  });
  const index: TopicIndex[] = [...byTopic].map(([topic, vs]) => {
    const sum = new Float32Array(vs[0]!.length);
    for (const v of vs) for (let i = 0; i < v.length; i++) sum[i]! += v[i]!;
    return { topic, vectors: vs, centroid: normalised(sum) };
  });

  return {
    name: `transformer:${embedder.modelId}`,
    async scores(_normalisedText, rawText) {
      const [query] = await embedder.embed([rawText]);
      if (!query || index.length === 0) return [];
      const sims = index.map(({ topic, vectors: vs, centroid }) => {
        const nearest = vs.map((v) => dot(query, v)).sort((a, b) => b - a).slice(0, k);
        const knn = nearest.reduce((s, x) => s + x, 0) / nearest.length;
        return { topic, sim: (1 - centroidWeight) * knn + centroidWeight * dot(query, centroid) };
      });
      const max = Math.max(...sims.map((s) => s.sim));
      const exps = sims.map((s) => Math.exp((s.sim - max) / temperature));
      const total = exps.reduce((s, x) => s + x, 0);
      return sims
        .map((s, i): TopicScore => ({ intent: s.topic, score: exps[i]! / total }))
        .sort((a, b) => b.score - a.score);
    },
  };
}

/** Weighted average of two engines' calibrated scores (topics missing from one count as 0 there). */
export function fuseScores(lexical: readonly TopicScore[], transformer: readonly TopicScore[], transformerWeight: number): TopicScore[] {
  const fused = new Map<TopicId, number>();
  for (const s of lexical) fused.set(s.intent, (1 - transformerWeight) * s.score);
  for (const s of transformer) fused.set(s.intent, (fused.get(s.intent) ?? 0) + transformerWeight * s.score);
  return [...fused].map(([intent, score]) => ({ intent, score })).sort((a, b) => b.score - a.score);
}
