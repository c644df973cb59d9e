import type { Database } from 'better-sqlite3';
import type { CaseSummary } from '../handoff/case-queries.js';

// Aggregates for the stats page over the anonymous tables of 001-core (interactions, feedback) and
// the case list of the hand-off module. Days are counted in Baku time (UTC+4, no DST).

export interface Count {
  key: string;
  n: number;
}

export interface FeedbackRow {
  topic: string;
  up: number;
  down: number;
}

export interface Stats {
  since: number;
  perDay: Count[];
  topics: Count[];
  languages: Count[];
  outcomes: Count[];
  escalations: Count[];
  medianClaimMs: number | null;
  claimedCount: number;
  feedback: FeedbackRow[];
}

const DAY_SQL = "date(at / 1000, 'unixepoch', '+4 hours')";

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function computeStats(db: Database, cases: CaseSummary[], since: number): Stats {
  const counts = (sql: string) => db.prepare(sql).all(since) as Count[];
  const inWindow = cases.filter((c) => c.createdAt >= since);
  const byLevel = new Map<string, number>();
  for (const c of inWindow) byLevel.set(c.riskLevel, (byLevel.get(c.riskLevel) ?? 0) + 1);
  const claimTimes = inWindow
    .filter((c) => c.claimedAt !== null && c.consentedAt !== null)
    .map((c) => c.claimedAt! - c.consentedAt!);
  return {
    since,
    perDay: counts(`SELECT ${DAY_SQL} AS key, COUNT(*) AS n FROM interactions WHERE at >= ? GROUP BY key ORDER BY key`),
    topics: counts(
      "SELECT COALESCE(topic, '—') AS key, COUNT(*) AS n FROM interactions WHERE at >= ? GROUP BY key ORDER BY n DESC",
    ),
    languages: counts('SELECT lang AS key, COUNT(*) AS n FROM interactions WHERE at >= ? GROUP BY key ORDER BY n DESC'),
    outcomes: counts('SELECT outcome AS key, COUNT(*) AS n FROM interactions WHERE at >= ? GROUP BY key ORDER BY n DESC'),
    escalations: ['low', 'medium', 'high', 'urgent', 'none']
      .filter((l) => byLevel.has(l))
      .map((l) => ({ key: l, n: byLevel.get(l)! })),
    medianClaimMs: median(claimTimes),
    claimedCount: claimTimes.length,
    feedback: db
      .prepare(
        `SELECT topic, SUM(vote = 1) AS up, SUM(vote = -1) AS down FROM feedback WHERE at >= ?
         GROUP BY topic ORDER BY (SUM(vote = 1) + SUM(vote = -1)) DESC`,
      )
      .all(since) as FeedbackRow[],
  };
}

/** A cell safe for spreadsheets: quoted, and formulas (=, +, -, @) defused. */
function csvCell(value: string | number): string {
  let s = String(value);
  if (/^[=+\-@\t\r]/.test(s) && typeof value === 'string') s = `'${s}`;
  return /[",\n\r]/.test(s) || s !== String(value) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Long format (section,key,value,extra): one file that opens in any spreadsheet. */
export function statsToCsv(stats: Stats): string {
  const rows: (string | number)[][] = [['section', 'key', 'value', 'extra']];
  for (const c of stats.perDay) rows.push(['messages_per_day', c.key, c.n, '']);
  for (const c of stats.topics) rows.push(['topic', c.key, c.n, '']);
  for (const c of stats.languages) rows.push(['language', c.key, c.n, '']);
  for (const c of stats.outcomes) rows.push(['outcome', c.key, c.n, '']);
  for (const c of stats.escalations) rows.push(['escalations_by_level', c.key, c.n, '']);
  rows.push(['median_minutes_to_claim', 'all', stats.medianClaimMs === null ? '' : Math.round(stats.medianClaimMs / 60_000), stats.claimedCount]);
  for (const f of stats.feedback) rows.push(['feedback_up_down', f.topic, f.up, f.down]);
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
