import { createHash } from 'node:crypto';
import type { Thresholds } from './decide.js';
import { Vectorizer, type VectorizerState } from './lexical/features.js';
import { lexicalEngineFromModel, trainLexicalEngine, type TrainedLexical } from './lexical/lexical-engine.js';
import { DEFAULT_LEXICAL_OPTIONS } from './lexical/model.js';
import { DEFAULT_RISK_OPTIONS, riskModelFromState, riskModelToState, type RiskClassifierModel, type RiskClassifierState } from './risk/classifier.js';
import { createRiskDetector } from './risk/detector.js';
import type { RiskExample } from './risk/examples.js';
import type { RiskLexicon } from './risk/lexicon.js';
import { ordinaryNegatives } from './risk/negatives.js';
import { trainRiskClassifier, type RiskTrainingReport } from './risk/risk-tuning.js';
import type { TrainingExample } from './types.js';

// The trained parts of the NLU, as plain data: trained in a worker thread (train-worker.ts),
// cached in SQLite or on disk under a hash of everything they were trained from (engine-cache.ts),
// and sent between threads as one JSON string plus one Float32Array (transferred, not copied).

/** Bump when the training code or the serialised shape changes: old caches are then ignored. */
export const ENGINE_FORMAT = 11;

export interface TrainingInput {
  examples: readonly TrainingExample[];
  riskExamples: readonly RiskExample[];
  riskLexicon: RiskLexicon;
}

export type EngineJob = 'topic' | 'risk';

export interface TrainedEngines {
  topic?: TrainedLexical;
  risk?: RiskClassifierModel;
  riskReport?: RiskTrainingReport;
}

export function trainJob(job: EngineJob, input: TrainingInput): TrainedEngines {
  if (job === 'topic') return { topic: trainLexicalEngine(input.examples, DEFAULT_LEXICAL_OPTIONS) };
  const detector = createRiskDetector(input.riskLexicon);
  // Memoised: the negatives pass the detector while being chosen, and again in tuning (the slow part).
  const seen = new Map<string, ReturnType<typeof detector.detect>>();
  const detect = (text: string, lang: string) => {
    const key = `${lang}\u0000${text}`;
    let d = seen.get(key);
    if (!d) seen.set(key, (d = detector.detect(text, lang)));
    return d;
  };
  const labelled = [...input.riskExamples, ...ordinaryNegatives(input.examples, detect)];
  const trained = trainRiskClassifier(labelled, detect, DEFAULT_RISK_OPTIONS);
  return trained ? { risk: trained.model, riskReport: trained.report } : {};
}

/** Cache key of one job: its inputs, its options and the format. */
export function engineKey(job: EngineJob, input: TrainingInput): string {
  const h = createHash('sha256').update(JSON.stringify({ ENGINE_FORMAT, job }));
  // The risk classifier also learns from ordinary topic examples (negatives), so both hash them.
  for (const e of input.examples) h.update(`${e.topic}\u0000${e.lang}\u0000${e.text}\u0001`);
  if (job === 'topic') {
    h.update(JSON.stringify(DEFAULT_LEXICAL_OPTIONS));
  } else {
    h.update(JSON.stringify(DEFAULT_RISK_OPTIONS));
    h.update(JSON.stringify(input.riskLexicon));
    for (const e of input.riskExamples) h.update(`${e.lang}\u0000${e.level}\u0000${e.indicators.join(',')}\u0000${e.text}\u0001`);
  }
  return `${job}-${h.digest('hex').slice(0, 24)}`;
}

interface TopicMeta {
  labels: string[];
  oosIndex: number;
  temperature: number;
  coveragePower: number;
  thresholds: Thresholds;
  vectorizer: VectorizerState;
  bias: number[];
  classes: number;
  trainMs: number;
}

interface Meta {
  format: number;
  topic?: TopicMeta;
  risk?: RiskClassifierState;
  riskReport?: RiskTrainingReport;
  /** Lengths (in floats) of the weight blocks in `weights`: topic first, then risk. */
  blocks: number[];
}

export interface SerialisedEngines {
  meta: string;
  weights: Float32Array;
}

export function serialiseEngines(e: TrainedEngines): SerialisedEngines {
  const blocks: Float32Array[] = [];
  const meta: Meta = { format: ENGINE_FORMAT, blocks: [], riskReport: e.riskReport };
  if (e.topic) {
    const m = e.topic.engine.model;
    meta.topic = {
      labels: m.labels, oosIndex: m.oosIndex, temperature: m.temperature, coveragePower: m.coveragePower,
      thresholds: e.topic.thresholds, vectorizer: m.vectorizer.toState(), bias: Array.from(m.linear.bias),
      classes: m.linear.classes, trainMs: e.topic.trainMs,
    };
    blocks.push(m.linear.weights);
  }
  if (e.risk) {
    const { state, weights } = riskModelToState(e.risk);
    meta.risk = state;
    blocks.push(weights);
  }
  meta.blocks = blocks.map((b) => b.length);
  const weights = new Float32Array(meta.blocks.reduce((a, b) => a + b, 0));
  let at = 0;
  for (const b of blocks) {
    weights.set(b, at);
    at += b.length;
  }
  return { meta: JSON.stringify(meta), weights };
}

/** Throws on a format or size mismatch (callers treat that as "train again"). */
export function deserialiseEngines(s: SerialisedEngines): TrainedEngines {
  const meta = JSON.parse(s.meta) as Meta;
  if (meta.format !== ENGINE_FORMAT) throw new Error(`engine format ${meta.format}, expected ${ENGINE_FORMAT}`);
  if (meta.blocks.reduce((a, b) => a + b, 0) !== s.weights.length) throw new Error('engine weights truncated');
  let at = 0;
  const next = (): Float32Array => {
    const len = meta.blocks.shift()!;
    const block = s.weights.subarray(at, at + len);
    at += len;
    return block;
  };
  const out: TrainedEngines = { riskReport: meta.riskReport };
  if (meta.topic) {
    const t = meta.topic;
    const vectorizer = Vectorizer.fromState(t.vectorizer);
    const weights = next();
    if (weights.length !== vectorizer.size * t.classes) throw new Error('topic weights do not match the vocabulary');
    const model = {
      labels: t.labels, oosIndex: t.oosIndex, vectorizer, temperature: t.temperature, coveragePower: t.coveragePower,
      linear: { features: vectorizer.size, classes: t.classes, weights, bias: Float32Array.from(t.bias) },
    };
    out.topic = { engine: lexicalEngineFromModel(model), thresholds: t.thresholds, trainMs: t.trainMs };
  }
  if (meta.risk) out.risk = riskModelFromState(meta.risk, next());
  return out;
}
