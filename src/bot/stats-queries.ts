import type { Database } from 'better-sqlite3';
import type { RiskLevel, TopicId } from '../contract.js';
import { prepared } from '../storage/prepared.js';

// Anonymous statistics for the admin console: no user id in any of these rows.

export type Outcome = 'answered' | 'unsure' | 'out_of_scope' | 'handoff';

export interface InteractionRow {
  at: number;
  lang: string;
  channel: 'menu' | 'text';
  topic: TopicId | null;
  confidence: number | null;
  outcome: Outcome;
  riskLevel: RiskLevel;
}

export function recordInteraction(db: Database, r: InteractionRow): void {
  prepared(
    db,
    `INSERT INTO interactions (at, lang, channel, topic, confidence, outcome, risk_level)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(r.at, r.lang, r.channel, r.topic, r.confidence, r.outcome, r.riskLevel);
}

export function recordFeedback(db: Database, at: number, topic: TopicId, lang: string, vote: 1 | -1): void {
  prepared(db, 'INSERT INTO feedback (at, topic, lang, vote) VALUES (?, ?, ?, ?)').run(at, topic, lang, vote);
}

export interface MissedQuestion {
  at: number;
  text: string;
  lang: string;
  reason: 'unsure' | 'out_of_scope' | 'downvote';
  guessTopic: TopicId | null;
  guessConfidence: number | null;
}

export function recordMissedQuestion(db: Database, q: MissedQuestion): void {
  prepared(
    db,
    `INSERT INTO missed_questions (at, text, lang, reason, guess_topic, guess_confidence)
     VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(q.at, q.text, q.lang, q.reason, q.guessTopic, q.guessConfidence);
}
