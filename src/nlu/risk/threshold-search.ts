import { RISK_INDICATORS, riskRank } from '../../contract.js';
import { combineMasks, escalates, maskOf, popcount, URGENT_MASK, type DetectionMasks, type RiskParams } from './combine.js';
import type { RiskExample } from './examples.js';
import { URGENT_INDICATORS } from './level.js';

// Choosing the risk classifier's decision parameters on out-of-fold predictions (every example
// scored by a model that did not see it), combined with what the cues already find: the
// classifier only has to add recall where cues miss. Missing a worker in danger is the worst
// failure, so the search maximises escalation and urgent recall (plus indicator F1 as a
// tie-breaker) within a budget of false escalations, and urgent indicators get the most
// sensitive thresholds first.

// Out-of-fold figures come from examples written like the training ones; real messages differ more,
// so no threshold goes below `floor` 0.5 (chosen on intents/eval/labelled.jsonl: same recall, fewer
// false alarms), except for urgent indicators (`urgentFloor`), where a miss costs most.
export interface SearchOptions {
  floor: number;
  urgentFloor: number;
  /** False escalations the classifier may add to those of the cues alone (share of calm examples). */
  budget: number;
  /** Recall an urgent indicator's threshold aims for (out of fold, cues included). */
  urgentRecall: number;
  /** Recall the cue situation check may cost (share of escalation / urgent examples). */
  situationCheckLoss: number;
  /** Extra false escalations (share of calm examples) the message-level escalate head may add. */
  escalateBudget: number;
}

export const DEFAULT_SEARCH_OPTIONS: SearchOptions = { floor: 0.5, urgentFloor: 0.35, budget: 0.02, urgentRecall: 0.95, situationCheckLoss: 0.005, escalateBudget: 0.01 };
const NEVER = 2;

export interface Scored {
  d: DetectionMasks;
  p: Float64Array;
  gold: number;
  escalate: boolean; // gold level ≥ high
  urgent: boolean;
}

export function scoredExamples(examples: readonly RiskExample[], oof: readonly Float64Array[], detections: readonly DetectionMasks[]): Scored[] {
  return examples.map((e, n) => ({
    d: detections[n]!, p: oof[n]!, gold: maskOf(e.indicators),
    escalate: riskRank(e.level) >= riskRank('high'), urgent: e.level === 'urgent',
  }));
}

export interface Figures {
  escalationRecall: number;
  urgentRecall: number;
  falseEscalation: number;
  f1: number;
  /** Per indicator: share of its gold examples found. */
  recall: number[];
}

export function figures(scored: readonly Scored[], params: RiskParams): Figures {
  let escN = 0, escOk = 0, urgN = 0, urgOk = 0, calmN = 0, calmEsc = 0, tp = 0, fp = 0, fn = 0;
  const goldN = RISK_INDICATORS.map(() => 0);
  const hit = RISK_INDICATORS.map(() => 0);
  for (const x of scored) {
    const c = combineMasks(x.d, x.p, params);
    const high = escalates(c);
    if (x.escalate) { escN++; if (high) escOk++; } else { calmN++; if (high) calmEsc++; }
    if (x.urgent) { urgN++; if (c.all & URGENT_MASK) urgOk++; }
    tp += popcount(c.all & x.gold); fp += popcount(c.all & ~x.gold); fn += popcount(x.gold & ~c.all);
    for (let i = 0; i < goldN.length; i++) if (x.gold & (1 << i)) { goldN[i]!++; if (c.all & (1 << i)) hit[i]!++; }
  }
  return {
    escalationRecall: escN ? escOk / escN : 1, urgentRecall: urgN ? urgOk / urgN : 1, falseEscalation: calmN ? calmEsc / calmN : 0,
    f1: tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn), recall: goldN.map((n, i) => (n ? hit[i]! / n : 1)),
  };
}

const objective = (f: Figures) => f.escalationRecall + f.urgentRecall + 0.5 * f.f1;

/** All decision parameters, from out-of-fold predictions. */
export function searchParams(scored: readonly Scored[], situationThreshold: number, o: SearchOptions = DEFAULT_SEARCH_OPTIONS): RiskParams {
  const GRID = Array.from({ length: Math.round((0.95 - o.urgentFloor) / 0.05) + 1 }, (_, i) => Math.round((o.urgentFloor + i * 0.05) * 100) / 100);
  const never = RISK_INDICATORS.map(() => NEVER);
  const base: RiskParams = { thresholds: never, firmThresholds: never, situationThreshold, escalateThreshold: NEVER, cueSituationThreshold: 0 };
  // 1. The cue situation check: the strictest that costs (almost) no escalation or urgent recall.
  const open = figures(scored, base);
  for (const c of [0.05, 0.1, 0.15, 0.2, 0.25, 0.3]) {
    const f = figures(scored, { ...base, cueSituationThreshold: c });
    if (f.escalationRecall < open.escalationRecall - o.situationCheckLoss || f.urgentRecall < open.urgentRecall - o.situationCheckLoss) break;
    base.cueSituationThreshold = c;
  }
  const budget = figures(scored, base).falseEscalation + o.budget;
  const at = RISK_INDICATORS.map(() => GRID.length);
  const paramsOf = (idx: readonly number[]): RiskParams => {
    const thresholds = idx.map((g) => GRID[g] ?? NEVER);
    return { ...base, thresholds, firmThresholds: thresholds.map(() => NEVER) };
  };
  // 2. Urgent indicators first: the highest threshold reaching URGENT_RECALL, within the budget.
  for (const id of URGENT_INDICATORS) {
    const i = RISK_INDICATORS.indexOf(id);
    for (let g = GRID.length - 1; g >= 0; g--) {
      const trial = [...at];
      trial[i] = g;
      const f = figures(scored, paramsOf(trial));
      if (f.falseEscalation > budget) break;
      at[i] = g;
      if (f.recall[i]! >= o.urgentRecall) break;
    }
  }
  // 3. Greedy: each step lowers the one threshold that gains most within budget, until none gains.
  const floorOf = (i: number) => GRID.findIndex((v) => v >= (URGENT_MASK & (1 << i) ? o.urgentFloor : o.floor));
  let current = objective(figures(scored, paramsOf(at)));
  for (;;) {
    let move: [number, number] | undefined;
    let bestGain = 1e-6;
    for (let i = 0; i < at.length; i++) {
      for (let g = at[i]! - 1; g >= floorOf(i); g--) {
        const trial = [...at];
        trial[i] = g;
        const f = figures(scored, paramsOf(trial));
        if (f.falseEscalation > budget) break; // lower only adds hits
        if (objective(f) - current > bestGain) [move, bestGain] = [[i, g], objective(f) - current];
      }
    }
    if (!move) break;
    at[move[0]] = move[1];
    current += bestGain;
  }
  const params = paramsOf(at);
  // 4. From which probability a weak classifier indicator counts toward "two or more": the
  // loosest that gains and stays within budget.
  let firm = NEVER;
  for (const v of [...GRID].reverse()) {
    const trial = { ...params, firmThresholds: params.thresholds.map((t) => Math.max(t, v)) };
    const f = figures(scored, trial);
    if (f.falseEscalation > budget) break;
    if (objective(f) > current + 1e-6) [firm, current] = [v, objective(f)];
  }
  params.firmThresholds = params.thresholds.map((t) => Math.max(t, firm));
  // 5. The escalate head (a fallback when no indicator passed): the loosest threshold that gains
  // within the budget plus escalateBudget. On held-out risk examples (3 splits) +1 point of false
  // escalation bought +7 points of escalation recall and urgent recall: a good trade for this head.
  for (const t of [...GRID].reverse().filter((v) => v >= o.floor)) {
    const f = figures(scored, { ...params, escalateThreshold: t });
    if (f.falseEscalation > budget + o.escalateBudget) break;
    if (objective(f) > current + 1e-6) [params.escalateThreshold, current] = [t, objective(f)];
  }
  return params;
}
