import { RISK_INDICATORS, riskRank, type Risk, type RiskIndicator } from '../../contract.js';
import type { RiskEvent } from '../types.js';
import { riskLevel, URGENT_INDICATORS } from './level.js';

// Risk builds up over a user's recent messages: "they haven't paid me for two months" on Monday and
// "I work 16 hours a day" on Wednesday are two indicators together, i.e. high.
//
// Decay (why these numbers): a situation a worker described stays true for a while, but a bot must
// not keep treating someone as in danger weeks later.
// - An event's weight halves every 3 days (HALF_LIFE_MS): 1 today, 0.5 after 3 days, 0.25 after 6.
// - Events older than 14 days (MAX_AGE_MS) are ignored.
// - An indicator's weight is the sum of its events' weights, capped at 1 (a repeated complaint
//   stays alive longer); indicators of the current message weigh 1.
// - An indicator counts while its weight is ≥ 0.25 (about 6 days after one mention).
// - A past urgent indicator (violence, self-harm…) keeps the level urgent only while its weight is
//   ≥ 0.5 (3 days); after that it counts as a strong indicator (high), so a new message still gets a
//   hand-off offer, but not emergency numbers every time.
// The result is never below the current message's own level.

export const HALF_LIFE_MS = 3 * 24 * 60 * 60 * 1000;
export const MAX_AGE_MS = 14 * 24 * 60 * 60 * 1000;
export const ACTIVE_WEIGHT = 0.25;
export const URGENT_WEIGHT = 0.5;

export function eventWeight(at: number, now: number): number {
  const age = Math.max(0, now - at);
  if (age > MAX_AGE_MS) return 0;
  return 0.5 ** (age / HALF_LIFE_MS);
}

export function accumulateRisk(events: readonly RiskEvent[], current: Risk, now: number): Risk {
  const weights = new Map<RiskIndicator, number>();
  for (const e of events) {
    if (!(RISK_INDICATORS as readonly string[]).includes(e.indicator)) continue;
    weights.set(e.indicator, Math.min(1, (weights.get(e.indicator) ?? 0) + eventWeight(e.at, now)));
  }
  for (const id of current.indicators) weights.set(id, 1);

  const active = RISK_INDICATORS.filter((id) => (weights.get(id) ?? 0) >= ACTIVE_WEIGHT);
  let level = riskLevel(active, { situation: true });
  const urgentNow = active.some(
    (id) => (URGENT_INDICATORS as readonly string[]).includes(id) && (weights.get(id) ?? 0) >= URGENT_WEIGHT,
  );
  if (level === 'urgent' && !urgentNow) level = 'high';
  if (riskRank(current.level) > riskRank(level)) level = current.level;
  return { level, indicators: active };
}
