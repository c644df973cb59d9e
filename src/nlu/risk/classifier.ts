import { RISK_INDICATORS, riskRank, type RiskIndicator } from '../../contract.js';
import { Vectorizer, type FeatureOptions, type VectorizerState } from '../lexical/features.js';
import { linearScores, type LinearModelState } from '../lexical/linear-model.js';
import { DEFAULT_OVR_OPTIONS, sigmoid, trainOneVsRest, type OneVsRestOptions } from '../lexical/multilabel.js';
import { normalise } from '../normalise.js';
import type { RiskDetection } from './detector.js';
import type { RiskExample } from './examples.js';

// The learned half of risk detection. Cue patterns (detector.ts) are precise and understand
// negation and hypotheticals, but miss paraphrases ("broke my nose", "hiding in the toilet");
// this classifier generalises from labelled examples (intents/risk-examples/). One sigmoid per
// indicator (multi-label), plus two message-level heads:
//   situation = a real situation is described (level ≥ medium), not a general question;
//   escalate  = level ≥ high.
// An indicator is present when its cue fires OR its probability reaches its own threshold
// (tuned on held-out examples, see risk-tuning.ts), unless the detector found that indicator's
// cue negated/hypothetical, or the whole message is hypothetical and not a situation.

export const SITUATION = RISK_INDICATORS.length;
export const ESCALATE = RISK_INDICATORS.length + 1;
export const RISK_LABEL_COUNT = RISK_INDICATORS.length + 2;

export interface RiskClassifierOptions {
  features: FeatureOptions;
  linear: OneVsRestOptions;
}

export const DEFAULT_RISK_OPTIONS: RiskClassifierOptions = {
  features: { minN: 2, maxN: 5, wordWeight: 1, charWeight: 1, minDf: 1 },
  linear: DEFAULT_OVR_OPTIONS,
};

export interface RiskClassifierModel {
  vectorizer: Vectorizer;
  linear: LinearModelState;
  /** Per indicator, in RISK_INDICATORS order. */
  thresholds: number[];
  situationThreshold: number;
  escalateThreshold: number;
}

export interface RiskClassifierState {
  vectorizer: VectorizerState;
  thresholds: number[];
  situationThreshold: number;
  escalateThreshold: number;
  bias: number[];
}

/** Label indices of one example: its indicators, and the two message-level heads. */
export function riskTargets(e: Pick<RiskExample, 'indicators' | 'level'>): number[] {
  const out = e.indicators.map((i) => RISK_INDICATORS.indexOf(i)).filter((i) => i >= 0);
  if (riskRank(e.level) >= riskRank('medium')) out.push(SITUATION);
  if (riskRank(e.level) >= riskRank('high')) out.push(ESCALATE);
  return out;
}

export interface RiskTrainingItem {
  text: string; // normalised
  targets: number[];
}

export function riskTrainingItems(examples: readonly RiskExample[]): RiskTrainingItem[] {
  const seen = new Set<string>();
  const out: RiskTrainingItem[] = [];
  for (const e of examples) {
    const text = normalise(e.text);
    if (!text || seen.has(text)) continue;
    seen.add(text);
    out.push({ text, targets: riskTargets(e) });
  }
  return out;
}

/** Fits vectorizer and weights; thresholds start at 0.5 (risk-tuning.ts replaces them). */
export function fitRiskModel(items: readonly RiskTrainingItem[], options: RiskClassifierOptions = DEFAULT_RISK_OPTIONS): RiskClassifierModel {
  const vectorizer = Vectorizer.fit(items.map((i) => i.text), options.features);
  const xs = items.map((i) => vectorizer.transform(i.text));
  const linear = trainOneVsRest(xs, items.map((i) => i.targets), vectorizer.size, RISK_LABEL_COUNT, options.linear);
  return { vectorizer, linear, thresholds: RISK_INDICATORS.map(() => 0.5), situationThreshold: 0.5, escalateThreshold: 0.5 };
}

/** Probabilities of every label (RISK_INDICATORS…, situation, escalate) for a normalised text. */
export function riskProbabilities(model: RiskClassifierModel, normalisedText: string): Float64Array {
  const z = linearScores(model.linear, model.vectorizer.transform(normalisedText));
  for (let i = 0; i < z.length; i++) z[i] = sigmoid(z[i]!);
  return z;
}

export interface CombinedRisk {
  indicators: RiskIndicator[];
  situation: boolean;
}

/** Cue detection OR classifier, with the detector's negation/hypothetical scope applied to both. */
export function combineRisk(detection: RiskDetection, p: Float64Array, model: Pick<RiskClassifierModel, 'thresholds' | 'situationThreshold' | 'escalateThreshold'>): CombinedRisk {
  const situationP = p[SITUATION]!;
  const found = new Set<RiskIndicator>(detection.indicators);
  // A hypothetical question with no real cue ("what if my boss takes my passport?") stays calm,
  // unless the classifier is sure a real situation is described.
  const wholeHypothetical = detection.hypothetical && detection.indicators.length === 0 && situationP < model.situationThreshold;
  if (!wholeHypothetical) {
    RISK_INDICATORS.forEach((id, i) => {
      if (p[i]! >= model.thresholds[i]! && !detection.suppressed.includes(id)) found.add(id);
    });
    // The message-level head is sure this is serious but no single indicator passed its
    // threshold: take the likeliest one relative to its threshold.
    if (found.size === 0 && p[ESCALATE]! >= model.escalateThreshold) {
      let best = -1;
      RISK_INDICATORS.forEach((id, i) => {
        if (detection.suppressed.includes(id)) return;
        if (best < 0 || p[i]! / model.thresholds[i]! > p[best]! / model.thresholds[best]!) best = i;
      });
      if (best >= 0) found.add(RISK_INDICATORS[best]!);
    }
  }
  return {
    indicators: RISK_INDICATORS.filter((id) => found.has(id)),
    situation: detection.situation || found.size > 0 || (!detection.hypothetical && situationP >= model.situationThreshold),
  };
}

export function riskModelToState(model: RiskClassifierModel): { state: RiskClassifierState; weights: Float32Array } {
  return {
    state: {
      vectorizer: model.vectorizer.toState(),
      thresholds: model.thresholds,
      situationThreshold: model.situationThreshold,
      escalateThreshold: model.escalateThreshold,
      bias: Array.from(model.linear.bias),
    },
    weights: model.linear.weights,
  };
}

export function riskModelFromState(state: RiskClassifierState, weights: Float32Array): RiskClassifierModel {
  const vectorizer = Vectorizer.fromState(state.vectorizer);
  if (weights.length !== vectorizer.size * RISK_LABEL_COUNT) throw new Error('risk model weights do not match its vocabulary');
  return {
    vectorizer,
    linear: { features: vectorizer.size, classes: RISK_LABEL_COUNT, weights, bias: Float32Array.from(state.bias) },
    thresholds: state.thresholds,
    situationThreshold: state.situationThreshold,
    escalateThreshold: state.escalateThreshold,
  };
}
