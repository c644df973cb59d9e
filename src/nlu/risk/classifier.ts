import { RISK_INDICATORS, riskRank } from '../../contract.js';
import { Vectorizer, type FeatureOptions, type SparseVector, type VectorizerState } from '../lexical/features.js';
import { linearScores, type LinearModelState } from '../lexical/linear-model.js';
import { DEFAULT_OVR_OPTIONS, sigmoid, trainOneVsRest, type OneVsRestOptions } from '../lexical/multilabel.js';
import { tableFits, type TermTable } from '../lexical/term-table.js';
import { normalise } from '../normalise.js';
import { ESCALATE, SITUATION, type RiskParams } from './combine.js';
import type { RiskExample } from './examples.js';
import { DEFAULT_SEARCH_OPTIONS, type SearchOptions } from './threshold-search.js';

// The learned half of risk detection. Cue patterns (detector.ts) are precise and understand
// negation and hypotheticals, but miss paraphrases ("broke my nose", "hiding in the toilet");
// this classifier generalises from labelled examples (intents/risk-examples/). One sigmoid per
// indicator (multi-label), plus two message-level heads:
//   situation = a real situation is described (level ≥ medium), not a general question;
//   escalate  = level ≥ high.
// How cues and probabilities make the message's indicators: combine.ts; the thresholds are tuned
// out of fold (risk-tuning.ts, threshold-search.ts).

export { SITUATION, ESCALATE };
export const RISK_LABEL_COUNT = RISK_INDICATORS.length + 2;

export interface RiskClassifierOptions {
  features: FeatureOptions;
  linear: OneVsRestOptions;
  search: SearchOptions;
}

export const DEFAULT_RISK_OPTIONS: RiskClassifierOptions = {
  // n-grams up to 4: as good as up to 5 on held-out risk examples (3 splits), and ~25 % fewer features.
  features: { minN: 2, maxN: 4, wordWeight: 1, charWeight: 1, minDf: 1 },
  linear: DEFAULT_OVR_OPTIONS,
  search: DEFAULT_SEARCH_OPTIONS,
};

/** The trained weights plus the decision parameters (combine.ts) tuned for them. */
export interface RiskClassifierModel extends RiskParams {
  vectorizer: Vectorizer;
  linear: LinearModelState;
}

export interface RiskClassifierState extends RiskParams {
  vectorizer: VectorizerState;
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

/** Normalised items; `dedupe` drops repeated texts (off: one item per example, '' when empty). */
export function riskTrainingItems(examples: readonly RiskExample[], dedupe = true): RiskTrainingItem[] {
  const seen = new Set<string>();
  const out: RiskTrainingItem[] = [];
  for (const e of examples) {
    const text = normalise(e.text);
    if (dedupe && (!text || seen.has(text))) continue;
    seen.add(text);
    out.push({ text, targets: riskTargets(e) });
  }
  return out;
}

/** Fits vectorizer and weights; thresholds start at 0.5 (risk-tuning.ts replaces them). */
export function fitRiskModel(items: readonly RiskTrainingItem[], options: RiskClassifierOptions = DEFAULT_RISK_OPTIONS, table?: TermTable): RiskClassifierModel {
  let vectorizer: Vectorizer;
  let xs: SparseVector[];
  if (table && tableFits(table, options.features)) {
    const docs = items.map((i) => table.doc(i.text));
    vectorizer = Vectorizer.fitDocs(table, docs, options.features);
    xs = docs.map((d) => vectorizer.transformDoc(d));
  } else {
    vectorizer = Vectorizer.fit(items.map((i) => i.text), options.features);
    xs = items.map((i) => vectorizer.transform(i.text));
  }
  const linear = trainOneVsRest(xs, items.map((i) => i.targets), vectorizer.size, RISK_LABEL_COUNT, options.linear);
  const half = RISK_INDICATORS.map(() => 0.5);
  return { vectorizer, linear, thresholds: half, firmThresholds: half, situationThreshold: 0.5, escalateThreshold: 0.5, cueSituationThreshold: 0 };
}

/** Probabilities of every label (RISK_INDICATORS…, situation, escalate) for a normalised text. */
export function riskProbabilities(model: RiskClassifierModel, normalisedText: string, table?: TermTable): Float64Array {
  const x = table ? model.vectorizer.transformDoc(table.doc(normalisedText)) : model.vectorizer.transform(normalisedText);
  const z = linearScores(model.linear, x);
  for (let i = 0; i < z.length; i++) z[i] = sigmoid(z[i]!);
  return z;
}

export function riskModelToState(model: RiskClassifierModel): { state: RiskClassifierState; weights: Float32Array } {
  return {
    state: {
      vectorizer: model.vectorizer.toState(),
      thresholds: model.thresholds,
      firmThresholds: model.firmThresholds,
      situationThreshold: model.situationThreshold,
      escalateThreshold: model.escalateThreshold,
      cueSituationThreshold: model.cueSituationThreshold,
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
    firmThresholds: state.firmThresholds,
    situationThreshold: state.situationThreshold,
    escalateThreshold: state.escalateThreshold,
    cueSituationThreshold: state.cueSituationThreshold,
  };
}
