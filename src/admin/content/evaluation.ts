import { existsSync, readFileSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import { isTopicId, RISK_LEVELS, type RiskLevel } from '../../contract.js';
import { evaluateAndRecord, evaluateNlu, listEvalRuns } from '../../nlu/eval-runs.js';
import type { LabelledMessage } from '../../nlu/evaluate.js';
import type { TrainingExample } from '../../nlu/types.js';
import type { EvalPort } from '../ports.js';

// Figures before/after a retrain, computed and recorded by the NLU module (src/nlu/eval-runs.ts),
// so the console shows the numbers `npm run eval` prints. The set is the project's labelled
// messages (intents/eval/labelled.jsonl, the dev.jsonl format); only when that file is missing, a
// fixed held-out slice of the training examples. That slice is also part of what retrain learns
// from, so its "after" is optimistic, and it is not recorded (nlu_eval_runs cannot say which set a
// run used, and the history should compare like with like).

/** The labelled messages of a JSONL file; undefined when the file is missing or has none. Broken lines are skipped. */
export function readLabelledSet(path: string): LabelledMessage[] | undefined {
  if (!existsSync(path)) return undefined;
  const out: LabelledMessage[] = [];
  readFileSync(path, 'utf8').split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    try {
      const o = JSON.parse(line) as Partial<LabelledMessage> & { topic?: unknown; label?: unknown };
      const intent = o.intent ?? o.topic ?? o.label;
      if (typeof o.text !== 'string' || !isTopicId(intent)) return;
      const level: RiskLevel = (RISK_LEVELS as readonly unknown[]).includes(o.level) ? (o.level as RiskLevel) : 'none';
      out.push({
        ...o,
        id: typeof o.id === 'string' ? o.id : `line-${i + 1}`,
        lang: typeof o.lang === 'string' ? o.lang : 'und',
        text: o.text,
        intent,
        level,
        indicators: Array.isArray(o.indicators) ? o.indicators.filter((x): x is string => typeof x === 'string') : [],
      });
    } catch {
      // one broken line is not fatal: the figures say how many messages were used
    }
  });
  return out.length ? out : undefined;
}

/** Every `every`-th example in a stable order (so before and after use the same slice). */
export function heldOutSet(examples: readonly TrainingExample[], every = 10, max = 400): LabelledMessage[] {
  const sorted = [...examples].sort((a, b) => (a.topic + a.lang + a.text).localeCompare(b.topic + b.lang + b.text));
  return sorted
    .filter((_, i) => i % every === 0)
    .slice(0, max)
    .map((e, i) => ({ id: `held-out-${i}`, lang: e.lang, text: e.text, intent: e.topic, level: 'none', indicators: [] }));
}

export function nluEvaluation(db: Database, labelledPath: string, now: () => number): EvalPort {
  return {
    async evaluate(nlu, examples) {
      const labelled = readLabelledSet(labelledPath);
      if (labelled) {
        const run = await evaluateAndRecord(db, nlu, labelled, now);
        return { set: 'labelled', runId: run.id, metrics: run.metrics };
      }
      return { set: 'held-out', metrics: await evaluateNlu(nlu, heldOutSet(examples)) };
    },
    history: (limit = 10) => listEvalRuns(db, limit),
  };
}
