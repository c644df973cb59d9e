import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Thresholds } from '../decide.js';
import type { TrainingExample } from '../types.js';
import { Vectorizer, type VectorizerState } from './features.js';
import { lexicalEngineFromModel, type TrainedLexical } from './lexical-engine.js';
import type { LexicalOptions } from './model.js';

// A trained lexical engine saved under a key that hashes the training data and the options, so
// a restart with unchanged examples skips training (start-up well under a second). Any change
// of an example, an option or this format gives a new key. The cache is an optimisation only:
// unreadable or corrupt files mean "train again".

const FORMAT = 1;

interface Meta {
  format: number;
  labels: string[];
  oosIndex: number;
  temperature: number;
  coveragePower: number;
  thresholds: Thresholds;
  vectorizer: VectorizerState;
  bias: number[];
  features: number;
  classes: number;
}

export function cacheKey(examples: readonly TrainingExample[], options: LexicalOptions): string {
  const h = createHash('sha256').update(JSON.stringify({ FORMAT, options }));
  for (const e of examples) h.update(`${e.topic}\u0000${e.lang}\u0000${e.text}\u0001`);
  return h.digest('hex').slice(0, 24);
}

export function saveLexical(dir: string, key: string, trained: TrainedLexical): void {
  const m = trained.engine.model;
  const meta: Meta = {
    format: FORMAT,
    labels: m.labels,
    oosIndex: m.oosIndex,
    temperature: m.temperature,
    coveragePower: m.coveragePower,
    thresholds: trained.thresholds,
    vectorizer: m.vectorizer.toState(),
    bias: Array.from(m.linear.bias),
    features: m.linear.features,
    classes: m.linear.classes,
  };
  mkdirSync(dir, { recursive: true });
  const base = join(dir, `lexical-${key}`);
  // Write then rename: a crash mid-write never leaves a half file under the real name.
  writeFileSync(`${base}.bin.tmp`, Buffer.from(m.linear.weights.buffer, m.linear.weights.byteOffset, m.linear.weights.byteLength));
  writeFileSync(`${base}.json.tmp`, JSON.stringify(meta));
  renameSync(`${base}.bin.tmp`, `${base}.bin`);
  renameSync(`${base}.json.tmp`, `${base}.json`);
}

export function loadLexical(dir: string, key: string): TrainedLexical | undefined {
  try {
    const base = join(dir, `lexical-${key}`);
    const meta = JSON.parse(readFileSync(`${base}.json`, 'utf8')) as Meta;
    const bin = readFileSync(`${base}.bin`);
    if (meta.format !== FORMAT || bin.byteLength !== meta.features * meta.classes * 4) return undefined;
    const weights = new Float32Array(bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength));
    const model = {
      labels: meta.labels,
      oosIndex: meta.oosIndex,
      vectorizer: Vectorizer.fromState(meta.vectorizer),
      linear: { features: meta.features, classes: meta.classes, weights, bias: Float32Array.from(meta.bias) },
      temperature: meta.temperature,
      coveragePower: meta.coveragePower,
    };
    return { engine: lexicalEngineFromModel(model), thresholds: meta.thresholds, trainMs: 0 };
  } catch {
    return undefined;
  }
}
