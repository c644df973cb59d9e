import type { Database } from 'better-sqlite3';
import { RISK_INDICATORS, type RiskIndicator } from '../contract.js';
import type { RiskEvent } from '../nlu/types.js';
import { prepared } from '../storage/prepared.js';

// Indicators seen in a user's messages (never the text), so risk builds up across messages:
// "my wages are late" today and "they keep my passport" tomorrow is a high-risk situation.

/** Older events are not loaded: accumulateRisk decays them to nothing well before this. */
export const RISK_WINDOW_MS = 30 * 24 * 60 * 60 * 1000;

export function recordRiskEvents(db: Database, userId: number, indicators: readonly RiskIndicator[], at: number): void {
  const stmt = prepared(db, 'INSERT INTO risk_events (user_id, indicator, at) VALUES (?, ?, ?)');
  for (const indicator of indicators) stmt.run(userId, indicator, at);
}

export function recentRiskEvents(db: Database, userId: number, now: number): RiskEvent[] {
  const rows = prepared(
    db,
    'SELECT indicator, at FROM risk_events WHERE user_id = ? AND at >= ? ORDER BY at DESC LIMIT 100',
  ).all(userId, now - RISK_WINDOW_MS) as { indicator: string; at: number }[];
  return rows
    .filter((r): r is RiskEvent => (RISK_INDICATORS as readonly string[]).includes(r.indicator))
    .reverse();
}
