import { RISK_INDICATORS, type RiskIndicator } from '../../contract.js';
import type { RiskDetection } from './detector.js';
import { STRONG_INDICATORS, URGENT_INDICATORS, WEAK_INDICATORS } from './level.js';

// How cue detection and the risk classifier's probabilities make one message's risk. One
// implementation on bit masks, so the threshold search (threshold-search.ts) scores exactly what
// the bot does. Rules, and why:
// - Cue indicators count, unless the message names nobody (no "my", "me", "brother"…) and the
//   situation head says it is not a real situation (below cueSituationThreshold, or below the
//   situation threshold when a general-question frame is present): "what happens to workers whose
//   passports are taken?" is a question about the world (level ≤ low), not a report.
// - Classifier indicators count when their probability reaches their threshold, unless their cue
//   was negated/hypothetical, the message is hypothetical without a real cue, or it is a general
//   question naming nobody.
// - "Two or more indicators → high" counts only firm indicators: cue ones, and weak ones the
//   classifier is very sure of (firmThresholds). A weak guess adds an indicator (medium) but must
//   not escalate a message on its own together with another weak one.

export const SITUATION = RISK_INDICATORS.length;
export const ESCALATE = RISK_INDICATORS.length + 1;

export interface RiskParams {
  /** Per indicator, in RISK_INDICATORS order. */
  thresholds: number[];
  /** Per indicator: from this probability a weak classifier indicator counts toward "two or more". */
  firmThresholds: number[];
  situationThreshold: number;
  escalateThreshold: number;
  /** Cue indicators of a message naming nobody count only from this situation probability. */
  cueSituationThreshold: number;
}

export const maskOf = (ids: readonly RiskIndicator[]): number => ids.reduce((m, id) => m | (1 << RISK_INDICATORS.indexOf(id)), 0);
export const URGENT_MASK = maskOf(URGENT_INDICATORS);
export const STRONG_OR_URGENT_MASK = maskOf([...URGENT_INDICATORS, ...STRONG_INDICATORS]);
const WEAK_MASK = maskOf(WEAK_INDICATORS);

export const popcount = (m: number): number => {
  let n = 0;
  for (; m; m &= m - 1) n++;
  return n;
};

export interface DetectionMasks {
  cue: number;
  suppressed: number;
  hypothetical: boolean;
  general: boolean;
  personal: boolean;
  situation: boolean;
}

export function detectionMasks(d: RiskDetection): DetectionMasks {
  return {
    cue: maskOf(d.indicators), suppressed: maskOf(d.suppressed), hypothetical: d.hypothetical,
    general: d.general ?? false, personal: d.personal ?? d.situation, situation: d.situation,
  };
}

export interface CombinedMasks {
  /** Every indicator found. */
  all: number;
  /** Those that count toward "two or more indicators → high". */
  firm: number;
  situation: boolean;
}

export function combineMasks(d: DetectionMasks, p: ArrayLike<number>, t: RiskParams): CombinedMasks {
  const sitP = p[SITUATION]!;
  const bar = d.general ? Math.max(t.cueSituationThreshold, t.situationThreshold) : t.cueSituationThreshold;
  const notReal = !d.personal && sitP < bar;
  let all = notReal ? 0 : d.cue;
  let firm = all;
  const gated = notReal || (d.general && !d.personal) || (d.hypothetical && d.cue === 0 && sitP < t.situationThreshold);
  if (!gated) {
    for (let i = 0; i < RISK_INDICATORS.length; i++) {
      const bit = 1 << i;
      if (p[i]! < t.thresholds[i]! || d.suppressed & bit) continue;
      all |= bit;
      if (!(WEAK_MASK & bit) || p[i]! >= t.firmThresholds[i]!) firm |= bit;
    }
    // The message-level head is sure this is serious but no indicator passed its threshold:
    // take the likeliest one relative to its threshold.
    if (all === 0 && p[ESCALATE]! >= t.escalateThreshold) {
      let best = -1;
      for (let i = 0; i < RISK_INDICATORS.length; i++) {
        if (d.suppressed & (1 << i)) continue;
        if (best < 0 || p[i]! / t.thresholds[i]! > p[best]! / t.thresholds[best]!) best = i;
      }
      if (best >= 0) all = firm = 1 << best;
    }
  }
  return { all, firm, situation: !notReal && (d.situation || all !== 0 || (!d.hypothetical && sitP >= t.situationThreshold)) };
}

/** Escalation (level ≥ high) of combined masks: a strong or urgent indicator, or two firm ones. */
export const escalates = (c: Pick<CombinedMasks, 'all' | 'firm'>): boolean => (c.all & STRONG_OR_URGENT_MASK) !== 0 || popcount(c.firm) >= 2;

export const indicatorsOf = (mask: number): RiskIndicator[] => RISK_INDICATORS.filter((_, i) => mask & (1 << i));

export interface CombinedRisk {
  indicators: RiskIndicator[];
  /** The indicators that count toward "two or more → high" (see riskLevel's `firm`). */
  firm: RiskIndicator[];
  situation: boolean;
  /** The classifier's situation probability (topic indicators need a real situation). */
  situationP: number;
}

/** Cue detection OR classifier, with the detector's negation/hypothetical/general scope applied to both. */
export function combineRisk(detection: RiskDetection, p: Float64Array, params: RiskParams): CombinedRisk {
  const c = combineMasks(detectionMasks(detection), p, params);
  return { indicators: indicatorsOf(c.all), firm: indicatorsOf(c.firm), situation: c.situation, situationP: p[SITUATION]! };
}
