import { RISK_INDICATORS, riskRank, type RiskIndicator } from '../../contract.js';
import { mulberry32, shuffleInPlace } from '../lexical/linear-model.js';
import {
  combineRisk, DEFAULT_RISK_OPTIONS, SITUATION, fitRiskModel, riskProbabilities, riskTrainingItems,
  type RiskClassifierModel, type RiskClassifierOptions,
} from './classifier.js';
import type { RiskDetection } from './detector.js';
import type { RiskExample } from './examples.js';
import { riskLevel, STRONG_INDICATORS, URGENT_INDICATORS } from './level.js';

// Training the risk classifier with thresholds that are honest: k-fold cross-validation gives an
// out-of-fold probability for every labelled example; each indicator's threshold is then chosen
// on those, combined with what the cue detector already finds (the classifier only has to add
// recall where cues miss). Missing a worker in danger is the worst failure, so the thresholds
// maximise escalation and urgent recall within a budget of false escalations (tuneThresholds).

export const FOLDS = 3;
// Out-of-fold figures come from examples written like the training ones; real messages differ more,
// so no threshold goes below 0.5 (chosen on intents/eval/labelled.jsonl: same recall, fewer false alarms).
const FLOOR = 0.5;
const GRID = Array.from({ length: 10 }, (_, i) => FLOOR + i * 0.05); // 0.50 … 0.95
/** False escalations the classifier may add to those of the cues alone (share of calm examples). */
const BUDGET = 0.02;

export interface RiskTrainingReport {
  thresholds: Record<string, number>;
  escalateThreshold: number;
  /** Out-of-fold figures of the combined detector+classifier on the labelled examples. */
  escalationRecall: number;
  falseEscalation: number;
  examples: number;
}

/** The cue detector, or its results precomputed (same order as the examples after de-duplication). */
type Detect = (text: string, lang: string) => RiskDetection;

export function trainRiskClassifier(
  examples: readonly RiskExample[],
  detect: Detect,
  options: RiskClassifierOptions = DEFAULT_RISK_OPTIONS,
): { model: RiskClassifierModel; report: RiskTrainingReport } | undefined {
  const unique = dedupe(examples);
  if (unique.length < 30 || !unique.some((e) => e.indicators.length > 0)) return undefined;
  const oof = outOfFold(unique, options);
  const detections = unique.map((e) => detect(e.text, e.lang));
  const model = fitRiskModel(riskTrainingItems(unique), options);
  model.thresholds = tuneThresholds(unique, oof, detections, model.situationThreshold);
  // Escalate head: the loosest threshold that keeps out-of-fold false escalation at most 3 %.
  let chosen = 1.01;
  for (const t of [...GRID].reverse()) {
    const figures = escalationFigures(unique, oof, detections, { ...model, escalateThreshold: t });
    if (figures.falseEscalation <= 0.03) chosen = t;
    else break;
  }
  model.escalateThreshold = chosen;
  const final = escalationFigures(unique, oof, detections, model);
  return {
    model,
    report: {
      thresholds: Object.fromEntries(RISK_INDICATORS.map((id, i) => [id, model.thresholds[i]!])),
      escalateThreshold: chosen,
      escalationRecall: final.escalationRecall,
      falseEscalation: final.falseEscalation,
      examples: unique.length,
    },
  };
}

function dedupe(examples: readonly RiskExample[]): RiskExample[] {
  const seen = new Set<string>();
  return examples.filter((e) => {
    const key = e.text.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Probabilities of each example from a model that did not see it (folds stratified by language and level). */
export function outOfFold(examples: readonly RiskExample[], options: RiskClassifierOptions, folds = FOLDS): Float64Array[] {
  const fold = new Int32Array(examples.length);
  const groups = new Map<string, number[]>();
  examples.forEach((e, i) => {
    const key = `${e.lang}\u0000${e.level}`;
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  const random = mulberry32(17);
  for (const g of groups.values()) shuffleInPlace(g, random).forEach((i, j) => (fold[i] = j % folds));
  const out: Float64Array[] = new Array(examples.length);
  for (let f = 0; f < folds; f++) {
    const train = examples.filter((_, i) => fold[i] !== f);
    const model = fitRiskModel(riskTrainingItems(train), options);
    examples.forEach((e, i) => {
      if (fold[i] === f) out[i] = riskProbabilities(model, riskTrainingItems([e])[0]?.text ?? '');
    });
  }
  return out;
}

interface Packed {
  cue: number; // bit mask of cue indicators
  suppressed: number;
  gated: boolean; // whole message hypothetical: classifier hits ignored
  p: Float64Array;
  gold: number;
  escalate: boolean; // gold level ≥ high
  urgent: boolean;
}

const STRONG_MASK = maskOf([...URGENT_INDICATORS, ...STRONG_INDICATORS]);
const URGENT_MASK = maskOf(URGENT_INDICATORS);

function maskOf(ids: readonly RiskIndicator[]): number {
  return ids.reduce((m, id) => m | (1 << RISK_INDICATORS.indexOf(id)), 0);
}

const popcount = (m: number): number => {
  let n = 0;
  for (; m; m &= m - 1) n++;
  return n;
};

/**
 * Thresholds chosen together for what matters: escalation and urgent recall (plus indicator F1 as
 * a tie-breaker), subject to a false-escalation budget (what the cues alone cause + BUDGET).
 * Greedy: every threshold starts at the top of the grid; each step lowers the one threshold
 * that gains most while staying within budget, until no step gains.
 */
function tuneThresholds(examples: readonly RiskExample[], oof: readonly Float64Array[], detections: readonly RiskDetection[], situationThreshold: number): number[] {
  const packed: Packed[] = examples.map((e, n) => {
    const d = detections[n]!;
    return {
      cue: maskOf(d.indicators), suppressed: maskOf(d.suppressed), p: oof[n]!, gold: maskOf(e.indicators),
      gated: d.hypothetical && d.indicators.length === 0 && oof[n]![SITUATION]! < situationThreshold,
      escalate: riskRank(e.level) >= riskRank('high'), urgent: e.level === 'urgent',
    };
  });
  const score = (t: readonly number[]): { objective: number; falseEscalation: number } => {
    let escN = 0, escOk = 0, urgN = 0, urgOk = 0, calmN = 0, calmEsc = 0, tp = 0, fp = 0, fn = 0;
    for (const x of packed) {
      let m = x.cue;
      if (!x.gated) for (let i = 0; i < t.length; i++) if (x.p[i]! >= t[i]! && !(x.suppressed & (1 << i))) m |= 1 << i;
      const high = (m & STRONG_MASK) !== 0 || popcount(m) >= 2;
      if (x.escalate) { escN++; if (high) escOk++; } else { calmN++; if (high) calmEsc++; }
      if (x.urgent) { urgN++; if (m & URGENT_MASK) urgOk++; }
      tp += popcount(m & x.gold); fp += popcount(m & ~x.gold); fn += popcount(x.gold & ~m);
    }
    const f1 = tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
    return { objective: (escN ? escOk / escN : 0) + (urgN ? urgOk / urgN : 0) + 0.5 * f1, falseEscalation: calmN ? calmEsc / calmN : 0 };
  };
  const top = GRID.length - 1;
  const at = RISK_INDICATORS.map(() => top);
  const thresholdsOf = (idx: readonly number[]) => idx.map((g) => GRID[g]!);
  const cueOnly = score(RISK_INDICATORS.map(() => 2)).falseEscalation;
  const budget = cueOnly + BUDGET;
  let current = score(thresholdsOf(at)).objective;
  for (;;) {
    // Any lower value of any one threshold (a single grid step often changes nothing).
    let move: [number, number] | undefined;
    let bestGain = 1e-6;
    for (let i = 0; i < at.length; i++) {
      for (let g = at[i]! - 1; g >= 0; g--) {
        const trial = [...at];
        trial[i] = g;
        const s = score(thresholdsOf(trial));
        if (s.falseEscalation > budget) break; // lower only adds hits
        if (s.objective - current > bestGain) [move, bestGain] = [[i, g], s.objective - current];
      }
    }
    if (!move) break;
    at[move[0]] = move[1];
    current += bestGain;
  }
  return thresholdsOf(at);
}

export function escalationFigures(
  examples: readonly RiskExample[], oof: readonly Float64Array[], detections: readonly RiskDetection[],
  model: Pick<RiskClassifierModel, 'thresholds' | 'situationThreshold' | 'escalateThreshold'>,
): { escalationRecall: number; falseEscalation: number } {
  let escN = 0, escOk = 0, calmN = 0, calmEsc = 0;
  examples.forEach((e, n) => {
    const combined = combineRisk(detections[n]!, oof[n]!, model);
    const high = riskRank(riskLevel(combined.indicators, { situation: combined.situation })) >= riskRank('high');
    if (riskRank(e.level) >= riskRank('high')) {
      escN++;
      if (high) escOk++;
    } else {
      calmN++;
      if (high) calmEsc++;
    }
  });
  return { escalationRecall: escN ? escOk / escN : 0, falseEscalation: calmN ? calmEsc / calmN : 0 };
}
