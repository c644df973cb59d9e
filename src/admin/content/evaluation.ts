import { existsSync, readFileSync } from 'node:fs';
import { isTopicId } from '../../contract.js';
import type { Nlu, TrainingExample } from '../../nlu/types.js';
import type { EvalFigures, EvalPort } from '../ports.js';

// Figures shown before/after a retrain. Prefers the project's labelled set
// (intents/eval/labelled.jsonl: {"text", "intent"} per line); without it, a fixed held-out slice of
// the training examples (every 10th, deterministic). NOTE the held-out slice is also part of what
// retrain learns from, so its "after" figure is optimistic; the labelled set is the honest one.

interface Labelled {
  text: string;
  intent: string;
}

export function readLabelled(path: string): Labelled[] | undefined {
  if (!existsSync(path)) return undefined;
  const out: Labelled[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      const o = JSON.parse(line) as Record<string, unknown>;
      const intent = o.intent ?? o.topic ?? o.label;
      if (typeof o.text === 'string' && isTopicId(intent)) out.push({ text: o.text, intent });
    } catch {
      // a broken line is skipped, not fatal: the figures say how many were used (n)
    }
  }
  return out.length ? out : undefined;
}

export function heldOut(examples: readonly TrainingExample[], every = 10, max = 400): Labelled[] {
  const sorted = [...examples].sort((a, b) => (a.topic + a.lang + a.text).localeCompare(b.topic + b.lang + b.text));
  return sorted.filter((_, i) => i % every === 0).slice(0, max).map((e) => ({ text: e.text, intent: e.topic }));
}

export async function scoreSet(nlu: Nlu, set: Labelled[]): Promise<{ accuracy: number; macroF1: number }> {
  const tp = new Map<string, number>();
  const fp = new Map<string, number>();
  const fn = new Map<string, number>();
  const inc = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  let correct = 0;
  for (const item of set) {
    const r = await nlu.classify(item.text);
    // An "unsure" or out-of-scope result counts as its top guess: the figures compare topics.
    if (r.intent === item.intent) (correct++, inc(tp, item.intent));
    else (inc(fp, r.intent), inc(fn, item.intent));
  }
  const labels = new Set(set.map((s) => s.intent));
  let f1sum = 0;
  for (const l of labels) {
    const p = (tp.get(l) ?? 0) / Math.max(1, (tp.get(l) ?? 0) + (fp.get(l) ?? 0));
    const r = (tp.get(l) ?? 0) / Math.max(1, (tp.get(l) ?? 0) + (fn.get(l) ?? 0));
    f1sum += p + r === 0 ? 0 : (2 * p * r) / (p + r);
  }
  return { accuracy: set.length ? correct / set.length : 0, macroF1: labels.size ? f1sum / labels.size : 0 };
}

export function fallbackEvaluation(labelledPath: string): EvalPort {
  return {
    async evaluate(nlu, examples): Promise<EvalFigures> {
      const labelled = readLabelled(labelledPath);
      const set = labelled ?? heldOut(examples);
      return { n: set.length, ...(await scoreSet(nlu, set)), set: labelled ? 'labelled' : 'held-out' };
    },
  };
}
