import type { AppContext } from './context.js';
import type { EvalFigures } from './ports.js';
import { audit } from './audit.js';

// One background retrain at a time. The request that starts it returns at once; the bot keeps
// answering with the old model until nlu.retrain swaps the new one in (the NLU's job), so no
// message is dropped. Figures before/after come from the evaluation port (src/nlu/eval-runs.ts on
// the labelled set; each run is recorded there, and the audit entry names the two runs).

export interface RetrainState {
  status: 'idle' | 'running' | 'done' | 'failed';
  startedBy?: string;
  startedAt?: number;
  finishedAt?: number;
  examples?: number;
  before?: EvalFigures;
  after?: EvalFigures;
  error?: string;
}

export interface RetrainJob {
  state(): RetrainState;
  /** Starts a retrain unless one is running; returns false if one was already running. */
  start(by: string): boolean;
  /** Resolves when the running job (if any) has finished; for tests and shutdown. */
  settled(): Promise<void>;
}

export function createRetrainJob(ctx: AppContext): RetrainJob {
  let state: RetrainState = { status: 'idle' };
  let running: Promise<void> = Promise.resolve();

  async function run(by: string): Promise<void> {
    try {
      const examples = ctx.ports.training.all();
      state = { ...state, examples: examples.length };
      const before = await ctx.ports.evaluation.evaluate(ctx.nlu, examples);
      state = { ...state, before };
      await ctx.nlu.retrain(examples);
      const after = await ctx.ports.evaluation.evaluate(ctx.nlu, examples);
      state = { ...state, status: 'done', after, finishedAt: ctx.now() };
      audit(ctx.db, { actor: by, action: 'training.retrain', details: retrainDetails(examples.length, before, after) }, ctx.now());
    } catch (err) {
      ctx.logger.error({ err }, 'admin: retrain failed');
      state = { ...state, status: 'failed', error: err instanceof Error ? err.message : String(err), finishedAt: ctx.now() };
      audit(ctx.db, { actor: by, action: 'training.retrain_failed' }, ctx.now());
    }
  }

  return {
    state: () => state,
    start(by) {
      if (state.status === 'running') return false;
      state = { status: 'running', startedBy: by, startedAt: ctx.now() };
      // Deferred so the HTTP response goes out before any synchronous training work starts.
      running = new Promise((resolve) => setImmediate(resolve)).then(() => run(by));
      return true;
    },
    settled: () => running,
  };
}

/** The audit entry of a retrain: sizes and headline figures, and which nlu_eval_runs rows they are. */
function retrainDetails(examples: number, before: EvalFigures, after: EvalFigures): Record<string, unknown> {
  return {
    examples,
    set: before.set,
    n: before.metrics.count,
    beforeRun: before.runId,
    afterRun: after.runId,
    beforeAccuracy: before.metrics.intentAccuracy.rate,
    afterAccuracy: after.metrics.intentAccuracy.rate,
  };
}

/** Which recorded runs were taken just before / after a retrain, from the audit log (run id → role). */
export function retrainRunRoles(entries: readonly { details: string | null; actor: string }[]): Map<number, { role: 'before' | 'after'; by: string }> {
  const roles = new Map<number, { role: 'before' | 'after'; by: string }>();
  for (const e of entries) {
    try {
      const d = JSON.parse(e.details ?? '{}') as { beforeRun?: unknown; afterRun?: unknown };
      if (typeof d.beforeRun === 'number') roles.set(d.beforeRun, { role: 'before', by: e.actor });
      if (typeof d.afterRun === 'number') roles.set(d.afterRun, { role: 'after', by: e.actor });
    } catch {
      // an older entry without run ids: nothing to label
    }
  }
  return roles;
}
