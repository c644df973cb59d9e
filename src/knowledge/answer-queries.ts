import type { Database } from 'better-sqlite3';
import { ANSWER_TOPICS } from '../contract.js';
import { LANGUAGES, type Lang } from '../i18n/languages.js';
import { listContacts } from './contact-queries.js';
import type { ReviewState, Source } from './types.js';
import { answerFieldProblems, MORE_LIMIT, TEXT_LIMIT } from './validate.js';

// Answers in SQLite, for the knowledge base and the admin console. Every save writes a full copy
// to answer_versions (author + time), so any earlier version can be diffed and restored.

export interface TopicRow {
  topic: string;
  sources: Source[];
  lastChecked: string;
  seedVersion: number;
  editedBy: string | null;
  updatedAt: number;
}

/** What an answer says in one language: shared by the live row and its saved versions. */
export interface AnswerContent {
  topic: string;
  lang: Lang;
  text: string;
  more: string | null;
  reviewState: ReviewState;
  lastChecked: string;
}

export interface AnswerRow extends AnswerContent {
  seedVersion: number;
  /** NULL = the seed text; otherwise the admin who saved it last. */
  editedBy: string | null;
  updatedAt: number;
}

export interface AnswerVersion extends AnswerContent {
  id: number;
  sources: Source[];
  /** 'seed' or the admin's name. */
  author: string;
  createdAt: number;
}

/** One cell of the topics × languages grid; `exists: false` = no answer in that language yet. */
export interface AnswerGridCell {
  topic: string;
  lang: Lang;
  exists: boolean;
  reviewState: ReviewState | null;
  lastChecked: string | null;
  editedBy: string | null;
  updatedAt: number | null;
}

export interface SaveAnswerInput {
  topic: string;
  lang: Lang;
  text: string;
  more?: string | null;
  reviewState: ReviewState;
  /** YYYY-MM or YYYY-MM-DD: when a person last checked the facts. */
  lastChecked: string;
  /** Replaces the topic's sources (shared by all languages) when given. */
  sources?: Source[];
  author: string;
  now?: number;
}

/** Thrown by saveAnswer when the content breaks a rule; `problems` are readable messages. */
export class AnswerValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`answer not saved: ${problems.join('; ')}`);
  }
}

/** The columns answers and answer_versions share. */
const contentFromDb = (r: Record<string, unknown>): AnswerContent => ({
  topic: r.topic as string,
  lang: r.lang as Lang,
  text: r.text as string,
  more: (r.more as string | null) ?? null,
  reviewState: r.review_state as ReviewState,
  lastChecked: r.last_checked as string,
});

const answerFromDb = (r: Record<string, unknown>): AnswerRow => ({
  ...contentFromDb(r),
  seedVersion: r.seed_version as number,
  editedBy: (r.edited_by as string | null) ?? null,
  updatedAt: r.updated_at as number,
});

export function getTopicRow(db: Database, topic: string): TopicRow | undefined {
  const r = db.prepare('SELECT * FROM topics WHERE topic = ?').get(topic) as Record<string, unknown> | undefined;
  if (!r) return undefined;
  return {
    topic: r.topic as string,
    sources: JSON.parse(r.sources as string) as Source[],
    lastChecked: r.last_checked as string,
    seedVersion: r.seed_version as number,
    editedBy: (r.edited_by as string | null) ?? null,
    updatedAt: r.updated_at as number,
  };
}

export function getAnswerRow(db: Database, topic: string, lang: Lang): AnswerRow | undefined {
  const r = db.prepare('SELECT * FROM answers WHERE topic = ? AND lang = ?').get(topic, lang);
  return r ? answerFromDb(r as Record<string, unknown>) : undefined;
}

/** The full grid: every answer topic (contract + any extra in the db) × every language. */
export function listAnswers(db: Database): AnswerGridCell[] {
  const rows = (db.prepare('SELECT * FROM answers').all() as Record<string, unknown>[]).map(answerFromDb);
  const byKey = new Map(rows.map((r) => [`${r.topic}/${r.lang}`, r]));
  const dbTopics = (db.prepare('SELECT topic FROM topics ORDER BY topic').all() as { topic: string }[]).map((r) => r.topic);
  const topics = [...new Set<string>([...ANSWER_TOPICS, ...dbTopics])];
  return topics.flatMap((topic) =>
    LANGUAGES.map((lang): AnswerGridCell => {
      const r = byKey.get(`${topic}/${lang}`);
      return {
        topic,
        lang,
        exists: !!r,
        reviewState: r?.reviewState ?? null,
        lastChecked: r?.lastChecked ?? null,
        editedBy: r?.editedBy ?? null,
        updatedAt: r?.updatedAt ?? null,
      };
    }),
  );
}

/** True if `lastChecked` (YYYY-MM counts as the 1st of that month) is older than `staleAfterDays`. */
export function isStale(lastChecked: string, now: number, staleAfterDays: number): boolean {
  const date = Date.parse(/^\d{4}-\d{2}$/.test(lastChecked) ? `${lastChecked}-01` : lastChecked);
  if (Number.isNaN(date)) return true;
  return now - date > staleAfterDays * 24 * 60 * 60 * 1000;
}

/** Inserts one row into answer_versions from the answer's current state. Returns its id. */
export function recordVersion(db: Database, topic: string, lang: Lang, author: string, now: number): number {
  const info = db
    .prepare(
      `INSERT INTO answer_versions (topic, lang, text, more, review_state, last_checked, sources, author, created_at)
       SELECT a.topic, a.lang, a.text, a.more, a.review_state, a.last_checked, t.sources, ?, ?
       FROM answers a JOIN topics t ON t.topic = a.topic WHERE a.topic = ? AND a.lang = ?`,
    )
    .run(author, now, topic, lang);
  return Number(info.lastInsertRowid);
}

/**
 * Saves an admin's edit (validated like content:check: placeholders, length of the raw text,
 * numbers of unverified contacts) and records a version. Returns the new version id.
 */
export function saveAnswer(db: Database, input: SaveAnswerInput): number {
  const now = input.now ?? Date.now();
  const problems: string[] = [];
  if (!input.text.trim()) problems.push('text is empty');
  if (!input.author.trim()) problems.push('author is required');
  if (!/^\d{4}-\d{2}(-\d{2})?$/.test(input.lastChecked)) problems.push('lastChecked must be YYYY-MM or YYYY-MM-DD');
  if (input.reviewState !== 'reviewed' && input.reviewState !== 'draft') problems.push('reviewState must be reviewed or draft');
  const topicRow = getTopicRow(db, input.topic);
  const sources = input.sources ?? topicRow?.sources ?? [];
  if (sources.length === 0) problems.push('the topic needs at least one source');
  const ctx = { contacts: listContacts(db) };
  problems.push(...answerFieldProblems('text', input.text, ctx));
  if (input.more) problems.push(...answerFieldProblems('more', input.more, ctx));
  // Rendered length depends on the language's contact lines; content:check measures that.
  const textLength = [...input.text].length;
  const moreLength = input.more ? [...input.more].length : 0;
  if (textLength > TEXT_LIMIT) problems.push(`text is ${textLength} characters (limit ${TEXT_LIMIT})`);
  if (moreLength > MORE_LIMIT) problems.push(`more is ${moreLength} characters (limit ${MORE_LIMIT})`);
  if (problems.length) throw new AnswerValidationError(problems);

  return db.transaction(() => {
    if (!topicRow || input.sources) {
      db.prepare(
        `INSERT INTO topics (topic, sources, last_checked, seed_version, edited_by, updated_at)
         VALUES (?, ?, ?, 0, ?, ?)
         ON CONFLICT(topic) DO UPDATE SET sources = excluded.sources, last_checked = excluded.last_checked,
           edited_by = excluded.edited_by, updated_at = excluded.updated_at`,
      ).run(input.topic, JSON.stringify(sources), input.lastChecked, input.author, now);
    }
    db.prepare(
      `INSERT INTO answers (topic, lang, text, more, review_state, last_checked, seed_version, edited_by, updated_at)
       VALUES (@topic, @lang, @text, @more, @review, @checked, 0, @author, @now)
       ON CONFLICT(topic, lang) DO UPDATE SET text = @text, more = @more, review_state = @review,
         last_checked = @checked, edited_by = @author, updated_at = @now`,
    ).run({
      topic: input.topic,
      lang: input.lang,
      text: input.text,
      more: input.more || null,
      review: input.reviewState,
      checked: input.lastChecked,
      author: input.author,
      now,
    });
    return recordVersion(db, input.topic, input.lang, input.author, now);
  })();
}

/** Versions of one answer, newest first. */
export function listVersions(db: Database, topic: string, lang: Lang): AnswerVersion[] {
  const rows = db
    .prepare('SELECT * FROM answer_versions WHERE topic = ? AND lang = ? ORDER BY id DESC')
    .all(topic, lang) as Record<string, unknown>[];
  return rows.map(versionFromDb);
}

export function getVersion(db: Database, versionId: number): AnswerVersion | undefined {
  const r = db.prepare('SELECT * FROM answer_versions WHERE id = ?').get(versionId) as Record<string, unknown> | undefined;
  return r ? versionFromDb(r) : undefined;
}

/** Restores an earlier version as a new save by `author` (history stays linear). Returns the new version id. */
export function rollbackToVersion(db: Database, versionId: number, author: string, now?: number): number {
  const v = getVersion(db, versionId);
  if (!v) throw new Error(`no answer version ${versionId}`);
  return saveAnswer(db, {
    topic: v.topic,
    lang: v.lang,
    text: v.text,
    more: v.more,
    reviewState: v.reviewState,
    lastChecked: v.lastChecked,
    sources: v.sources,
    author,
    ...(now !== undefined ? { now } : {}),
  });
}

function versionFromDb(r: Record<string, unknown>): AnswerVersion {
  return {
    ...contentFromDb(r),
    id: r.id as number,
    sources: JSON.parse(r.sources as string) as Source[],
    author: r.author as string,
    createdAt: r.created_at as number,
  };
}
