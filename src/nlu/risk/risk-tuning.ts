import { RISK_INDICATORS } from '../../contract.js';
import { mulberry32, shuffleInPlace } from '../lexical/linear-model.js';
import { TermTable } from '../lexical/term-table.js';
import { DEFAULT_RISK_OPTIONS, fitRiskModel, riskProbabilities, riskTrainingItems, type RiskClassifierModel, type RiskClassifierOptions } from './classifier.js';
import { detectionMasks } from './combine.js';
import type { RiskDetection } from './detector.js';
import type { RiskExample } from './examples.js';
import { WEAK_INDICATORS } from './level.js';
import { figures, scoredExamples, searchParams } from './threshold-search.js';

// Training the risk classifier with thresholds that are honest: k-fold cross-validation gives an
// out-of-fold probability for every labelled example, and the decision parameters are chosen on
// those (threshold-search.ts). Every text's terms are extracted once (TermTable) and shared by
// the folds and the final model.

export const FOLDS = 3;

export interface RiskTrainingReport {
  thresholds: Record<string, number>;
  /** Weak indicators: from which probability a classifier hit counts toward "two or more" (2 = never). */
  firmThresholds: Record<string, number>;
  escalateThreshold: number;
  cueSituationThreshold: number;
  /** Out-of-fold figures of the combined detector+classifier on the labelled examples. */
  escalationRecall: number;
  urgentRecall: number;
  falseEscalation: number;
  examples: number;
}

/** The cue detector (memoised by the caller). */
type Detect = (text: string, lang: string) => RiskDetection;

export function trainRiskClassifier(
  examples: readonly RiskExample[],
  detect: Detect,
  options: RiskClassifierOptions = DEFAULT_RISK_OPTIONS,
): { model: RiskClassifierModel; report: RiskTrainingReport } | undefined {
  const unique = dedupe(examples);
  if (unique.length < 30 || !unique.some((e) => e.indicators.length > 0)) return undefined;
  const table = new TermTable(options.features);
  const oof = outOfFold(unique, options, FOLDS, table);
  const scored = scoredExamples(unique, oof, unique.map((e) => detectionMasks(detect(e.text, e.lang))));
  const model = fitRiskModel(riskTrainingItems(unique), options, table);
  Object.assign(model, searchParams(scored, model.situationThreshold, options.search));
  const final = figures(scored, model);
  return {
    model,
    report: {
      thresholds: Object.fromEntries(RISK_INDICATORS.map((id, i) => [id, model.thresholds[i]!])),
      firmThresholds: Object.fromEntries(WEAK_INDICATORS.map((id) => [id, model.firmThresholds[RISK_INDICATORS.indexOf(id)]!])),
      escalateThreshold: model.escalateThreshold,
      cueSituationThreshold: model.cueSituationThreshold,
      escalationRecall: final.escalationRecall,
      urgentRecall: final.urgentRecall,
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
export function outOfFold(examples: readonly RiskExample[], options: RiskClassifierOptions, folds = FOLDS, table = new TermTable(options.features)): Float64Array[] {
  const fold = new Int32Array(examples.length);
  const groups = new Map<string, number[]>();
  examples.forEach((e, i) => {
    const key = `${e.lang}\u0000${e.level}`;
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  const random = mulberry32(17);
  for (const g of groups.values()) shuffleInPlace(g, random).forEach((i, j) => (fold[i] = j % folds));
  const items = riskTrainingItems(examples, false);
  const out: Float64Array[] = new Array(examples.length);
  for (let f = 0; f < folds; f++) {
    const model = fitRiskModel(items.filter((it, i) => fold[i] !== f && it.text), options, table);
    items.forEach((it, i) => {
      if (fold[i] === f) out[i] = riskProbabilities(model, it.text, table);
    });
  }
  return out;
}
