import { riskRank, type Risk, type RiskLevel } from '../contract.js';
import { accumulateRisk } from '../nlu/risk/accumulate.js';
import type { UserMemory } from './conversation-memory.js';
import type { CoreDeps } from './deps.js';
import { recentRiskEvents, recordRiskEvents } from './risk-queries.js';

const NO_RISK: Risk = { level: 'none', indicators: [] };

/** Don't repeat the same hand-off offer on every message of a worried user. */
export const RISK_REOFFER_MS = 30 * 60 * 1000;

/** The user's risk over recent messages, this one included; stores this message's indicators. */
export function assessRisk(deps: CoreDeps, userId: number, current: Risk): Risk {
  const now = deps.now();
  const events = recentRiskEvents(deps.db, userId, now);
  const accumulated = accumulateRisk(events, current, now);
  if (current.indicators.length > 0) recordRiskEvents(deps.db, userId, current.indicators, now);
  // Never lower than this message alone, whatever the decay says.
  return riskRank(accumulated.level) >= riskRank(current.level) ? accumulated : current;
}

/** Risk so far without a new message (for hand-offs requested by button). */
export function currentRisk(deps: CoreDeps, userId: number): Risk {
  const now = deps.now();
  return accumulateRisk(recentRiskEvents(deps.db, userId, now), NO_RISK, now);
}

export function isHighRisk(level: RiskLevel): boolean {
  return riskRank(level) >= riskRank('high');
}

/**
 * Offer a hand-off for high/urgent risk unless it was just offered for the same level and this
 * message adds nothing new.
 */
export function shouldOfferHandoff(memory: UserMemory, accumulated: Risk, current: Risk, now: number): boolean {
  if (!isHighRisk(accumulated.level)) return false;
  const last = memory.lastRiskOffer;
  if (!last) return true;
  if (riskRank(accumulated.level) > riskRank(last.level)) return true;
  return current.indicators.length > 0 && now - last.at >= RISK_REOFFER_MS;
}
