import { describe, expect, it } from 'vitest';
import { RISK_INDICATORS, type RiskIndicator } from '../../../src/contract.js';
import { combineRisk, ESCALATE, SITUATION, type RiskParams } from '../../../src/nlu/risk/combine.js';
import type { RiskDetection } from '../../../src/nlu/risk/detector.js';
import { riskLevel } from '../../../src/nlu/risk/level.js';

const params: RiskParams = {
  thresholds: Array<number>(15).fill(0.5), firmThresholds: Array<number>(15).fill(0.8),
  situationThreshold: 0.5, escalateThreshold: 2, cueSituationThreshold: 0.2,
};
const none: RiskDetection = { indicators: [], situation: false, hypothetical: false, suppressed: [], general: false, personal: false };
const personal: RiskDetection = { ...none, situation: true, personal: true };

/** Probabilities: the given indicators at `value`, the situation head at `situation`. */
function probs(on: Partial<Record<RiskIndicator, number>>, situation: number): Float64Array {
  const p = new Float64Array(RISK_INDICATORS.length + 2);
  for (const [id, v] of Object.entries(on)) p[RISK_INDICATORS.indexOf(id as RiskIndicator)] = v;
  p[SITUATION] = situation;
  p[ESCALATE] = 0;
  return p;
}

const level = (d: RiskDetection, p: Float64Array) => {
  const c = combineRisk(d, p, params);
  return riskLevel(c.indicators, { situation: c.situation, firm: c.firm });
};

describe('combining cues and classifier', () => {
  it('counts a weak classifier guess once, and two indicators only when both are firm', () => {
    const wages: RiskDetection = { ...personal, indicators: ['wage_withholding'] };
    const unsure = combineRisk(wages, probs({ excessive_hours: 0.6 }, 0.9), params);
    expect(unsure.indicators).toEqual(['wage_withholding', 'excessive_hours']);
    expect(unsure.firm).toEqual(['wage_withholding']);
    expect(level(wages, probs({ excessive_hours: 0.6 }, 0.9))).toBe('medium');
    expect(level(wages, probs({ excessive_hours: 0.9 }, 0.9))).toBe('high');
    // a strong indicator escalates whatever found it
    expect(level(personal, probs({ document_retention: 0.6 }, 0.9))).toBe('high');
  });

  it('keeps a general question that names nobody calm', () => {
    const general: RiskDetection = { ...none, general: true };
    expect(combineRisk(general, probs({ document_retention: 0.9 }, 0.3), params).indicators).toEqual([]);
    // ...even when a cue fired elsewhere in it, unless the situation head is sure it is real
    const cue: RiskDetection = { ...general, indicators: ['document_retention'], situation: true };
    expect(level(cue, probs({}, 0.3))).toBe('none');
    expect(level(cue, probs({}, 0.7))).toBe('high');
    // a general frame next to the user's own situation changes nothing
    expect(level({ ...cue, personal: true }, probs({}, 0.1))).toBe('high');
  });

  it('drops cues of a message naming nobody only when the situation head says it is not real', () => {
    const cue: RiskDetection = { ...none, indicators: ['physical_violence'], situation: true };
    expect(level(cue, probs({}, 0.1))).toBe('none');
    expect(level(cue, probs({}, 0.3))).toBe('urgent');
  });
});
