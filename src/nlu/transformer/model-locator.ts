import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

// Finds a sentence-embedding model in MODEL_DIR laid out as transformers.js expects:
// <MODEL_DIR>/<org>/<name>/{config.json, tokenizer.json, onnx/model(_quantized).onnx} or one level
// shallower. No model → undefined, and the bot runs on the lexical engine alone.

export interface LocatedModel {
  /** Path relative to MODEL_DIR, used as the transformers.js model id. */
  id: string;
  dir: string;
  quantized: boolean;
  /** e5 models expect "query: " before every text; MiniLM-style models expect nothing. */
  prefix: string;
}

function describe(modelDir: string, id: string): LocatedModel | undefined {
  const dir = join(modelDir, id);
  if (!existsSync(join(dir, 'config.json')) || !existsSync(join(dir, 'tokenizer.json'))) return undefined;
  const quantized = existsSync(join(dir, 'onnx', 'model_quantized.onnx'));
  if (!quantized && !existsSync(join(dir, 'onnx', 'model.onnx'))) return undefined;
  let prefix = '';
  try {
    const marker = JSON.parse(readFileSync(join(dir, 'haqq.json'), 'utf8')) as { prefix?: string };
    prefix = marker.prefix ?? '';
  } catch {
    prefix = /e5/i.test(id) ? 'query: ' : '';
  }
  return { id, dir, quantized, prefix };
}

const isDir = (p: string) => {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
};

/** Returns the model named `preferred` if given and present, else the first model found. */
export function locateModel(modelDir: string, preferred?: string): LocatedModel | undefined {
  if (!isDir(modelDir)) return undefined;
  if (preferred) return describe(modelDir, preferred);
  const candidates: string[] = [];
  for (const a of readdirSync(modelDir).sort()) {
    if (!isDir(join(modelDir, a))) continue;
    candidates.push(a);
    for (const b of readdirSync(join(modelDir, a)).sort()) if (isDir(join(modelDir, a, b))) candidates.push(`${a}/${b}`);
  }
  for (const id of candidates) {
    const found = describe(modelDir, id);
    if (found) return found;
  }
  return undefined;
}
