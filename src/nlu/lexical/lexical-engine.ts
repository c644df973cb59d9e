import type { TopicId } from '../../contract.js';
import { tuneThresholds, type HeldOutPrediction, type Thresholds } from '../decide.js';
import { normalise } from '../normalise.js';
import type { TopicEngine, TopicScore, TrainingExample } from '../types.js';
import { mulberry32, shuffleInPlace } from './linear-model.js';
import { TermTable } from './term-table.js';
import {
  DEFAULT_LEXICAL_OPTIONS, fitCalibration, modelLogits, predictProbabilities, probabilitiesFrom,
  trainLexicalModel, type LexicalModel, type LexicalOptions,
} from './model.js';

// The default topic engine: no model files, trained at start-up from the training examples.
// Training runs twice: once on 85 % of the examples, to calibrate the temperature and coverage
// exponent and tune the thresholds on the 15 % it did not see, then on everything, keeping that
// calibration.

export const HELD_OUT_SHARE = 0.15;

export interface LexicalEngine extends TopicEngine {
  /** Synchronous scores (the engine is pure CPU; classify uses this on the hot path). */
  scoresSync(normalisedText: string): TopicScore[];
  readonly model: LexicalModel;
}

export interface TrainedLexical {
  engine: LexicalEngine;
  thresholds: Thresholds;
  trainMs: number;
}

export function lexicalEngineFromModel(model: LexicalModel): LexicalEngine {
  const scoresSync = (text: string): TopicScore[] => {
    const p = predictProbabilities(model, text);
    return model.labels
      .map((intent, i): TopicScore => ({ intent: intent as TopicId, score: p[i]! }))
      .sort((a, b) => b.score - a.score);
  };
  return {
    name: 'lexical',
    model,
    scoresSync,
    async scores(normalisedText) {
      return scoresSync(normalisedText);
    },
  };
}

/** Normalised, de-duplicated examples (one text can only teach one topic: the first wins). */
export function prepareExamples(examples: readonly TrainingExample[]): { text: string; topic: TopicId; lang: string }[] {
  const seen = new Set<string>();
  const out: { text: string; topic: TopicId; lang: string }[] = [];
  for (const e of examples) {
    const text = normalise(e.text);
    if (!text || seen.has(text)) continue;
    seen.add(text);
    out.push({ text, topic: e.topic, lang: e.lang });
  }
  return out;
}

/** Stratified by topic and language, so every topic in every language is represented in both parts. */
export function splitHeldOut<T extends { topic: string; lang: string }>(items: readonly T[], share: number, seed = 11): { train: T[]; held: T[] } {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = `${item.topic}\u0000${item.lang}`;
    const g = groups.get(key) ?? [];
    g.push(item);
    groups.set(key, g);
  }
  const random = mulberry32(seed);
  const train: T[] = [];
  const held: T[] = [];
  for (const g of groups.values()) {
    shuffleInPlace(g, random);
    const n = g.length >= 4 ? Math.max(1, Math.round(g.length * share)) : 0;
    held.push(...g.slice(0, n));
    train.push(...g.slice(n));
  }
  return { train, held };
}

export function trainLexicalEngine(examples: readonly TrainingExample[], options: LexicalOptions = DEFAULT_LEXICAL_OPTIONS): TrainedLexical {
  const started = Date.now();
  const items = prepareExamples(examples);
  const { train, held } = splitHeldOut(items, HELD_OUT_SHARE);
  const table = new TermTable(options.features);
  const probe = trainLexicalModel(train.map((e) => e.text), train.map((e) => e.topic), 'out_of_scope', options, table);
  const index = new Map(probe.labels.map((l, i) => [l, i]));
  const known = held.filter((h) => index.has(h.topic));
  const logits = known.map((h) => ({ ...modelLogits(probe, h.text), gold: index.get(h.topic)! }));
  Object.assign(probe, fitCalibration(probe, logits));
  const heldPredictions: HeldOutPrediction[] = known.map((h, i) => {
    const p = probabilitiesFrom(probe, logits[i]!.logits, logits[i]!.coverage);
    return { gold: h.topic, scores: probe.labels.map((intent, j) => ({ intent: intent as TopicId, score: p[j]! })) };
  });
  const thresholds = tuneThresholds(heldPredictions, 0.9);
  const model = trainLexicalModel(items.map((e) => e.text), items.map((e) => e.topic), 'out_of_scope', options, table);
  model.temperature = probe.temperature;
  model.coveragePower = probe.coveragePower;
  return { engine: lexicalEngineFromModel(model), thresholds, trainMs: Date.now() - started };
}
