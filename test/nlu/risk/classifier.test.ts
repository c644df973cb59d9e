import { describe, expect, it } from 'vitest';
import { RISK_INDICATORS, type RiskIndicator, type RiskLevel } from '../../../src/contract.js';
import { URGENT_INDICATORS } from '../../../src/nlu/risk/level.js';
import { fitRiskModel, riskProbabilities, riskTrainingItems, SITUATION } from '../../../src/nlu/risk/classifier.js';
import { combineRisk } from '../../../src/nlu/risk/combine.js';
import type { RiskDetection } from '../../../src/nlu/risk/detector.js';
import type { RiskExample } from '../../../src/nlu/risk/examples.js';
import { trainRiskClassifier } from '../../../src/nlu/risk/risk-tuning.js';
import { normalise } from '../../../src/nlu/normalise.js';
import { detector } from './helpers.js';

const ex = (text: string, indicators: RiskIndicator[], level: RiskLevel): RiskExample => ({ text, lang: 'en', indicators, level });
const subjects = ['my boss', 'the foreman', 'the owner', 'my manager', 'the supervisor', 'our chief'];

// Toy data: violence phrased without the cue words the lexicon knows, and ordinary questions.
function toyExamples(): RiskExample[] {
  const out: RiskExample[] = [];
  for (const s of subjects) {
    out.push(ex(`${s} smashed my face against the wall`, ['physical_violence'], 'urgent'));
    out.push(ex(`yesterday ${s} smashed my face and my nose bled`, ['physical_violence'], 'urgent'));
    out.push(ex(`${s} gave me a bloody nose again`, ['physical_violence'], 'urgent'));
    out.push(ex(`how do i renew the permit that ${s} applied for`, [], 'none'));
    out.push(ex(`where is the office of ${s} for registration`, [], 'none'));
    out.push(ex(`what documents does ${s} need for the contract`, [], 'none'));
  }
  return out;
}

const calm: RiskDetection = { indicators: [], situation: false, hypothetical: false, suppressed: [] };
const thresholds = {
  thresholds: Array<number>(15).fill(0.5), firmThresholds: Array<number>(15).fill(0.5),
  situationThreshold: 0.5, escalateThreshold: 1.01, cueSituationThreshold: 0,
};

describe('risk classifier', () => {
  const model = fitRiskModel(riskTrainingItems(toyExamples()));
  const p = (text: string) => riskProbabilities(model, normalise(text));

  it('learns a paraphrase the cues do not cover', () => {
    const text = 'the cook smashed my face yesterday';
    expect(detector.detect(text, 'en').indicators).not.toContain('physical_violence');
    const probs = p(text);
    expect(probs[3]).toBeGreaterThan(0.5); // physical_violence
    expect(probs[SITUATION]).toBeGreaterThan(0.5);
    expect(p('where is the registration office')[3]).toBeLessThan(0.5);
    expect(combineRisk(calm, probs, thresholds).indicators).toEqual(['physical_violence']);
  });

  it('never revives an indicator whose cue was negated, nor fires on a purely hypothetical message', () => {
    const probs = p('the cook smashed my face yesterday');
    expect(combineRisk({ ...calm, suppressed: ['physical_violence'] }, probs, thresholds).indicators).toEqual([]);
    const hypothetical = Float64Array.from(probs);
    hypothetical[SITUATION] = 0.1;
    expect(combineRisk({ ...calm, hypothetical: true }, hypothetical, thresholds).indicators).toEqual([]);
    // cue indicators always count
    expect(combineRisk({ ...calm, indicators: ['threats'], situation: true }, p('hello'), thresholds).indicators).toEqual(['threats']);
  });

  it('tunes thresholds out of fold and reports honest figures', () => {
    const trained = trainRiskClassifier(toyExamples(), (text, lang) => detector.detect(text, lang));
    expect(trained).toBeDefined();
    const { report, model: tuned } = trained!;
    expect(report.examples).toBe(36);
    expect(report.escalationRecall).toBeGreaterThan(0.5);
    expect(report.falseEscalation).toBeLessThanOrEqual(0.05);
    // Never below 0.5, except urgent indicators (most sensitive, never below 0.35).
    tuned.thresholds.forEach((t, i) => expect(t).toBeGreaterThanOrEqual((URGENT_INDICATORS as readonly string[]).includes(RISK_INDICATORS[i]!) ? 0.35 : 0.5));
    tuned.firmThresholds.forEach((t, i) => expect(t).toBeGreaterThanOrEqual(tuned.thresholds[i]!));
    expect(trainRiskClassifier(toyExamples().slice(0, 10), (t, l) => detector.detect(t, l))).toBeUndefined();
  });
});
