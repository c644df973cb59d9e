import type { Database } from 'better-sqlite3';
import { normalise } from '../nlu/normalise.js';

// Missed questions (001-core: no user identifier in the table) grouped by similarity, so fifty
// copies of one question are one row with a count. Greedy single pass: a question joins the first
// group whose representative is similar enough (token Jaccard or character-trigram Dice).

export interface MissedRow {
  id: number;
  at: number;
  text: string;
  lang: string;
  reason: string;
  guess_topic: string | null;
  guess_confidence: number | null;
}

export interface MissedGroup {
  ids: number[];
  text: string; // the representative (most recent) wording
  lang: string;
  langs: string[];
  reasons: string[];
  guessTopic: string | null;
  count: number;
  lastAt: number;
}

const MAX_ROWS = 3000;

export function listNewMissed(db: Database): MissedRow[] {
  return db
    .prepare(
      `SELECT id, at, text, lang, reason, guess_topic, guess_confidence FROM missed_questions
        WHERE status = 'new' ORDER BY at DESC LIMIT ?`,
    )
    .all(MAX_ROWS) as MissedRow[];
}

export function missedByIds(db: Database, ids: number[]): MissedRow[] {
  if (ids.length === 0) return [];
  return db
    .prepare(`SELECT id, at, text, lang, reason, guess_topic, guess_confidence FROM missed_questions
               WHERE status = 'new' AND id IN (${ids.map(() => '?').join(',')}) ORDER BY at DESC`)
    .all(...ids) as MissedRow[];
}

export function resolveMissed(
  db: Database,
  ids: number[],
  status: 'added' | 'dismissed',
  topic: string | null,
  by: string,
  now: number,
): number {
  const stmt = db.prepare(
    `UPDATE missed_questions SET status = ?, resolved_topic = ?, resolved_by = ?, resolved_at = ? WHERE id = ? AND status = 'new'`,
  );
  let changed = 0;
  db.transaction(() => {
    for (const id of ids) changed += stmt.run(status, topic, by, now, id).changes;
  })();
  return changed;
}

function tokens(norm: string): Set<string> {
  return new Set(norm.replace(/[.,!?;:]/g, ' ').split(/\s+/).filter(Boolean));
}

function trigrams(norm: string): Set<string> {
  const s = `  ${norm.replace(/[.,!?;:]/g, '')} `;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= s.length; i++) out.add(s.slice(i, i + 3));
  return out;
}

function overlap(a: Set<string>, b: Set<string>): number {
  let n = 0;
  for (const x of a) if (b.has(x)) n++;
  return n;
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  const inter = overlap(a, b);
  return a.size + b.size - inter === 0 ? 1 : inter / (a.size + b.size - inter);
}

export function dice(a: Set<string>, b: Set<string>): number {
  return a.size + b.size === 0 ? 1 : (2 * overlap(a, b)) / (a.size + b.size);
}

export const JACCARD_THRESHOLD = 0.6;
export const TRIGRAM_THRESHOLD = 0.75;

export function similar(a: { tok: Set<string>; tri: Set<string> }, b: { tok: Set<string>; tri: Set<string> }): boolean {
  return jaccard(a.tok, b.tok) >= JACCARD_THRESHOLD || dice(a.tri, b.tri) >= TRIGRAM_THRESHOLD;
}

/** Rows newest first in, groups largest first out (ties: most recent first). */
export function groupMissed(rows: MissedRow[]): MissedGroup[] {
  interface Work {
    group: MissedGroup;
    norm: string;
    tok: Set<string>;
    tri: Set<string>;
    guesses: Map<string, number>;
  }
  const groups: Work[] = [];
  const exact = new Map<string, Work>();
  for (const row of rows) {
    const norm = normalise(row.text);
    const feats = { tok: tokens(norm), tri: trigrams(norm) };
    const target = exact.get(norm) ?? groups.find((g) => similar(g, feats));
    if (target) {
      const g = target.group;
      g.ids.push(row.id);
      g.count++;
      if (!g.langs.includes(row.lang)) g.langs.push(row.lang);
      if (!g.reasons.includes(row.reason)) g.reasons.push(row.reason);
      if (row.guess_topic) target.guesses.set(row.guess_topic, (target.guesses.get(row.guess_topic) ?? 0) + 1);
      exact.set(norm, target);
      continue;
    }
    const work: Work = {
      norm,
      ...feats,
      guesses: new Map(row.guess_topic ? [[row.guess_topic, 1]] : []),
      group: {
        ids: [row.id],
        text: row.text,
        lang: row.lang,
        langs: [row.lang],
        reasons: [row.reason],
        guessTopic: null,
        count: 1,
        lastAt: row.at,
      },
    };
    groups.push(work);
    exact.set(norm, work);
  }
  for (const w of groups) {
    const best = [...w.guesses.entries()].sort((a, b) => b[1] - a[1])[0];
    w.group.guessTopic = best ? best[0] : null;
  }
  return groups.map((w) => w.group).sort((a, b) => b.count - a.count || b.lastAt - a.lastAt);
}
