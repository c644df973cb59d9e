import type { Database } from 'better-sqlite3';
import { classifyLine } from './cli/classify-lines.js';
import { evaluate, type EvalMetrics, type LabelledMessage, type Prediction } from './evaluate.js';
import type { Nlu } from './types.js';

// Evaluation runs recorded in nlu_eval_runs (migration 003), for the admin console's before/after
// figures around a retrain. Classification goes through the same path as the classify command,
// so the numbers mean what operators measure.

export interface EvalRun {
  id: number;
  at: number;
  engine: string;
  metrics: EvalMetrics;
}

export async function evaluateNlu(nlu: Nlu, rows: readonly LabelledMessage[]): Promise<EvalMetrics> {
  const predicted: Prediction[] = [];
  for (const g of rows) {
    const out = await classifyLine(nlu, JSON.stringify({ id: g.id, text: g.text }));
    predicted.push('error' in out ? { intent: 'error', risk: { level: 'none', indicators: [] } } : (out as unknown as Prediction));
  }
  return evaluate(rows, predicted);
}

/** Evaluates `nlu` on labelled rows and stores the run; returns it (with its id). */
export async function evaluateAndRecord(
  db: Database,
  nlu: Nlu,
  rows: readonly LabelledMessage[],
  now: () => number = Date.now,
): Promise<EvalRun> {
  const metrics = await evaluateNlu(nlu, rows);
  const at = now();
  const engine = nlu.engineName;
  const info = db.prepare('INSERT INTO nlu_eval_runs (at, engine, metrics_json) VALUES (?, ?, ?)').run(at, engine, JSON.stringify(metrics));
  return { id: Number(info.lastInsertRowid), at, engine, metrics };
}

/** Latest runs first. */
export function listEvalRuns(db: Database, limit = 20): EvalRun[] {
  const rows = db.prepare('SELECT id, at, engine, metrics_json FROM nlu_eval_runs ORDER BY at DESC, id DESC LIMIT ?').all(limit) as {
    id: number; at: number; engine: string; metrics_json: string;
  }[];
  return rows.map((r) => ({ id: r.id, at: r.at, engine: r.engine, metrics: JSON.parse(r.metrics_json) as EvalMetrics }));
}
