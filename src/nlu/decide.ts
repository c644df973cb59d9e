import type { TopicId } from '../contract.js';
import type { NluResult, TopicScore } from './types.js';

// From calibrated topic scores to the bot's decision. Thresholds are tuned on a held-out split
// of the training examples (see lexical/lexical-engine.ts), never on the evaluation sets.

export interface Thresholds {
  /** Below this top score the message is out of scope. */
  outOfScope: number;
  /** Below this top score (but above outOfScope) the bot asks which topic was meant. */
  confident: number;
  /** A top-2 gap smaller than this is ambiguous: 'unsure' with candidates. */
  margin: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = { outOfScope: 0.2, confident: 0.45, margin: 0.1 };

export interface Decision {
  intent: TopicId;
  confidence: number;
  status: NluResult['status'];
  candidates: TopicScore[];
}

export function decide(scores: readonly TopicScore[], t: Thresholds): Decision {
  return decideRanked([...scores].sort((a, b) => b.score - a.score), t);
}

/** decide() on scores already sorted highest first (threshold tuning calls it thousands of times). */
function decideRanked(ranked: readonly TopicScore[], t: Thresholds): Decision {
  const inScope = ranked.filter((s) => s.intent !== 'out_of_scope');
  const candidates = inScope.slice(0, 3);
  const top = ranked[0];
  if (!top || top.intent === 'out_of_scope' || top.score < t.outOfScope) {
    return { intent: 'out_of_scope', confidence: top?.intent === 'out_of_scope' ? top.score : 1 - (top?.score ?? 0), status: 'out_of_scope', candidates };
  }
  const second = ranked[1]?.score ?? 0;
  const status = top.score < t.confident || top.score - second < t.margin ? 'unsure' : 'confident';
  return { intent: top.intent, confidence: top.score, status, candidates };
}

export interface HeldOutPrediction {
  gold: TopicId;
  scores: TopicScore[];
}

/**
 * Picks thresholds on held-out predictions: the out-of-scope threshold that maximises correct
 * decisions (an in-scope message kept with the right topic, an out-of-scope one rejected), where
 * wrongly rejecting a real question costs twice as much as answering an out-of-scope one (a
 * frightened user turned away is worse than an off-topic answer); then the confidence threshold
 * and margin: the loosest ones that keep confident answers at least `precision` right.
 */
export function tuneThresholds(held: readonly HeldOutPrediction[], precision = 0.95): Thresholds {
  if (held.length < 20) return DEFAULT_THRESHOLDS;
  const sorted = held.map((h) => ({ gold: h.gold, ranked: [...h.scores].sort((a, b) => b.score - a.score) }));
  const grid = Array.from({ length: 40 }, (_, i) => i * 0.02);
  let outOfScope = DEFAULT_THRESHOLDS.outOfScope;
  let best = -Infinity;
  for (const o of grid) {
    let gain = 0;
    for (const h of sorted) {
      const d = decideRanked(h.ranked, { outOfScope: o, confident: 0, margin: 0 });
      if (h.gold === 'out_of_scope') gain += d.status === 'out_of_scope' ? 1 : 0;
      else if (d.status === 'out_of_scope') gain -= 1;
      else gain += d.intent === h.gold ? 1 : 0;
    }
    if (gain > best) [outOfScope, best] = [o, gain];
  }
  let chosen = { outOfScope, confident: Math.max(outOfScope, 0.9), margin: 0.3 };
  let bestCoverage = -1;
  for (const confident of grid.filter((c) => c >= outOfScope)) {
    for (const margin of [0, 0.05, 0.1, 0.15, 0.2, 0.3]) {
      let answered = 0, right = 0;
      for (const h of sorted) {
        const d = decideRanked(h.ranked, { outOfScope, confident, margin });
        if (d.status !== 'confident') continue;
        answered++;
        if (d.intent === h.gold) right++;
      }
      if (answered > 0 && right / answered >= precision && answered > bestCoverage) {
        bestCoverage = answered;
        chosen = { outOfScope, confident, margin };
      }
    }
  }
  return chosen;
}
