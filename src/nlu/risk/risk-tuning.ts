import { RISK_INDICATORS, riskRank, type RiskIndicator } from '../../contract.js';
import { mulberry32, shuffleInPlace } from '../lexical/linear-model.js';
import {
  combineRisk, DEFAULT_RISK_OPTIONS, fitRiskModel, riskProbabilities, riskTrainingItems,
  type RiskClassifierModel, type RiskClassifierOptions,
} from './classifier.js';
import type { RiskDetection } from './detector.js';
import type { RiskExample } from './examples.js';
import { riskLevel, STRONG_INDICATORS, URGENT_INDICATORS } from './level.js';

// Training the risk classifier with thresholds that are honest: k-fold cross-validation gives an
// out-of-fold probability for every labelled example; each indicator's threshold is then chosen
// on those, combined with what the cue detector already finds (the classifier only has to add
// recall where cues miss). Missing a worker in danger is the worst failure, so urgent and strong
// indicators weigh recall 4× (F2), weak ones balance precision and recall (F1); a cap on false
// alarms among calm messages keeps a threshold from sinking to "always".

export const FOLDS = 3;
const GRID = Array.from({ length: 18 }, (_, i) => 0.1 + i * 0.05); // 0.10 … 0.95
/** At most this share of calm examples (level none/low) may get the indicator from the classifier. */
const MAX_CALM_FALSE = 0.02;

export interface RiskTrainingReport {
  thresholds: Record<string, number>;
  escalateThreshold: number;
  /** Out-of-fold figures of the combined detector+classifier on the labelled examples. */
  escalationRecall: number;
  falseEscalation: number;
  examples: number;
}

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
  const calm = unique.map((e) => riskRank(e.level) <= riskRank('low'));
  RISK_INDICATORS.forEach((id, i) => {
    const beta = (URGENT_INDICATORS as readonly string[]).includes(id) || (STRONG_INDICATORS as readonly string[]).includes(id) ? 2 : 1;
    model.thresholds[i] = bestThreshold(unique, oof, detections, calm, id, i, beta);
  });
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

function bestThreshold(
  examples: readonly RiskExample[], oof: readonly Float64Array[], detections: readonly RiskDetection[],
  calm: readonly boolean[], id: RiskIndicator, i: number, beta: number,
): number {
  const gold = examples.map((e) => e.indicators.includes(id));
  const positives = gold.filter(Boolean).length;
  if (positives < 3) return 0.6;
  const calmCount = Math.max(1, calm.filter(Boolean).length);
  let best = 0.6, bestScore = -1;
  for (const t of GRID) {
    let tp = 0, fp = 0, calmFalse = 0;
    examples.forEach((_, n) => {
      const d = detections[n]!;
      const hit = d.indicators.includes(id) || (oof[n]![i]! >= t && !d.suppressed.includes(id));
      if (!hit) return;
      if (gold[n]) tp++;
      else {
        fp++;
        if (calm[n]) calmFalse++;
      }
    });
    if (calmFalse / calmCount > MAX_CALM_FALSE) continue;
    const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
    const recall = tp / positives;
    const score = precision + recall === 0 ? 0 : ((1 + beta * beta) * precision * recall) / (beta * beta * precision + recall);
    if (score > bestScore + 1e-9) [best, bestScore] = [t, score];
  }
  return best;
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
