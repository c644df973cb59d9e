import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import i18next, { type i18n } from 'i18next';
import pino from 'pino';
import { createAdminServer } from '../../../src/admin/server.js';
import { createUser, type Role } from '../../../src/admin/auth/users.js';
import type { AdminPorts } from '../../../src/admin/ports.js';
import { loadConfig, type Config } from '../../../src/config.js';
import { createCaseCrypto } from '../../../src/handoff/crypto.js';
import { recordMissedQuestion } from '../../../src/bot/stats-queries.js';
import { createKnowledgeBase } from '../../../src/knowledge/knowledge-base.js';
import { saveAnswer } from '../../../src/knowledge/answer-queries.js';
import { saveContact, setVerified } from '../../../src/knowledge/contact-queries.js';
import type { KnowledgeBase } from '../../../src/knowledge/types.js';
import type { Nlu } from '../../../src/nlu/types.js';
import { createNlu } from '../../../src/nlu/create-nlu.js';
import { openDatabase } from '../../../src/storage/database.js';
import { LearningFakeNlu } from './fake-nlu.js';
import { seedKnowledge } from '../../../src/knowledge/seed.js';
import { addExample, allExamples, seedTrainingExamples } from '../../../src/nlu/training-queries.js';

export const ROOT = join(import.meta.dirname, '../../..');
export const LOCALES = join(ROOT, 'locales');
/** The project's real content: answers and contacts (seeds/), training examples and the labelled set (intents/). */
export const SEEDS_DIR = join(ROOT, 'seeds');
export const INTENTS_DIR = join(ROOT, 'intents');
export const PASSWORD = 'correct horse battery';
export const T0 = Date.parse('2026-12-01T10:00:00Z');

/** i18next with only the namespaces the console needs, so a half-written bot.json elsewhere cannot break these tests. */
export function adminI18n(): i18n {
  const resources: Record<string, Record<string, unknown>> = {};
  for (const lng of ['en', 'az', 'ru']) {
    resources[lng] = {};
    for (const ns of ['admin', 'knowledge']) {
      const file = join(LOCALES, lng, `${ns}.json`);
      if (!existsSync(file)) continue;
      try {
        resources[lng]![ns] = JSON.parse(readFileSync(file, 'utf8'));
      } catch {
        // another engineer's file mid-edit: the renderers have English fallbacks
      }
    }
  }
  const instance = i18next.createInstance();
  void instance.init({
    resources: resources as never, lng: 'en', fallbackLng: 'en', ns: ['admin', 'knowledge'], defaultNS: 'admin',
    initAsync: false, interpolation: { escapeValue: false }, returnNull: false,
  });
  return instance;
}

export const SOURCES = [{ kind: 'report' as const, label: 'OSCE report 2014, ¶46', refs: ['¶46'] }];

/** A few rows in each domain's tables through the domains' own query functions where they exist. */
export function seed(db: Database, now = T0): void {
  seedFixtureContent(db, now);
  seedActivity(db, now);
  recordMissedQuestion(db, { at: now, text: '<script>alert("missed")</script>', lang: 'en', reason: 'downvote', guessTopic: 'hotline', guessConfidence: 0.7 });
}

/**
 * The real content, as the bot loads it at start (src/main.ts, createNlu): every answer in 8
 * languages, topics, contacts, and every training example of intents/ (topic files and more/).
 * Plus the same activity as the fixtures (missed questions, cases, stats), which has no real source.
 */
export function seedReal(db: Database, now = T0): void {
  seedKnowledge(db, SEEDS_DIR, now);
  seedTrainingExamples(db, INTENTS_DIR, () => now);
  seedActivity(db, now);
  const missed: [string, string][] = [['Как продлить регистрацию, если хозяин квартиры против?', 'ru'], ['iş icazəsi olmadan işləsəm nə olar', 'az'], ['کارفرما حقوقم را نمی‌دهد چه کنم', 'fa']];
  for (const [text, lang] of missed) recordMissedQuestion(db, { at: now - 7_200_000, text, lang, reason: 'unsure', guessTopic: null, guessConfidence: 0.3 });
}

function seedFixtureContent(db: Database, now: number): void {
  saveContact(db, { id: 'hotline_152', name: 'Trafficking hotline', helpsWith: ['hotline'], phone: '152', source: 'test' }, 'seed', now);
  saveContact(db, { id: 'police', name: 'Police', helpsWith: ['emergency', 'hotline'], phone: '102', source: 'test' }, 'seed', now);
  setVerified(db, 'police', true, 'seed', now);
  const answers: [string, string, string, 'reviewed' | 'draft', string][] = [
    ['registration', 'en', 'Register your place of stay within 15 days.', 'reviewed', '2026-11'],
    ['registration', 'ru', 'Зарегистрируйтесь по месту пребывания в течение 15 дней.', 'draft', '2026-11'],
    ['unpaid_wages', 'en', 'Keep a note of the hours you worked and the pay you were promised.', 'reviewed', '2024-01'],
    ['hotline', 'en', 'You can call:\n{{contacts:hotline}}', 'reviewed', '2026-11'],
    ['passport_confiscated', 'fa', 'هیچ کس حق ندارد گذرنامه شما را نگه دارد.', 'reviewed', '2026-11'],
  ];
  for (const [topic, lang, text, reviewState, lastChecked] of answers) {
    saveAnswer(db, { topic, lang: lang as never, text, reviewState, lastChecked, sources: SOURCES, author: 'seed', now });
  }
  const examples: [string, string, string][] = [
    ['registration', 'en', 'how do I register my address'],
    ['registration', 'en', 'where to register place of stay'],
    ['unpaid_wages', 'en', 'my boss did not pay my salary'],
    ['unpaid_wages', 'en', 'wages not paid for two months'],
    ['hotline', 'en', 'hotline phone number'],
    ['passport_confiscated', 'en', 'employer took my passport'],
  ];
  for (const [topic, lang, text] of examples) addExample(db, { topic: topic as never, lang, text, origin: 'seed' }, () => now);
}

/** What users did (no real source for it): missed questions, cases, messages per day, votes. */
function seedActivity(db: Database, now: number): void {
  for (let i = 0; i < 50; i++) {
    recordMissedQuestion(db, { at: now - i * 60_000, text: i % 2 ? 'Can I bring my family to Baku?' : 'can i bring my family to baku', lang: 'en', reason: 'unsure', guessTopic: 'registration', guessConfidence: 0.4 });
  }
  recordMissedQuestion(db, { at: now, text: 'Who won the football match?', lang: 'en', reason: 'out_of_scope', guessTopic: null, guessConfidence: null });
  seedCases(db, now);
  const interaction = db.prepare('INSERT INTO interactions (at, lang, channel, topic, confidence, outcome, risk_level) VALUES (?, ?, ?, ?, ?, ?, ?)');
  for (let i = 0; i < 40; i++) interaction.run(now - (i % 5) * 86_400_000, ['en', 'ru', 'az'][i % 3], 'text', ['registration', 'unpaid_wages', 'hotline'][i % 3], 0.8, 'answered', 'none');
  const feedback = db.prepare('INSERT INTO feedback (at, topic, lang, vote) VALUES (?, ?, ?, ?)');
  for (let i = 0; i < 10; i++) feedback.run(now, i < 7 ? 'registration' : 'unpaid_wages', 'en', i % 4 === 0 ? -1 : 1);
}

function seedCases(db: Database, now: number): void {
  const crypto = createCaseCrypto(undefined);
  const insert = db.prepare(
    `INSERT INTO handoff_cases (code, user_id, lang, state, reason, risk_level, indicators, priority, caseworker_id, caseworker_name,
       outcome, created_at, consented_at, claimed_at, closed_at, updated_at) VALUES (?, ?, ?, ?, 'risk', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const open = insert.run('K7Q2', 987654321, 'ru', 'waiting', 'high', '["document_retention"]', 0, null, null, null, now - 3_600_000, now - 3_600_000, null, null, now);
  insert.run('ZX41', 111222333, 'en', 'closed', 'urgent', '["physical_violence"]', 1, 42, 'Aysel', 'resolved', now - 86_400_000, now - 86_400_000, now - 86_400_000 + 600_000, now - 3_600_000, now);
  const msg = db.prepare("INSERT INTO handoff_messages (case_id, direction, kind, body, at) VALUES (?, ?, 'text', ?, ?)");
  msg.run(open.lastInsertRowid, 'shared', crypto.seal('My boss took my passport <b>yesterday</b>'), now - 3_600_000);
  msg.run(open.lastInsertRowid, 'user', crypto.seal('Please help'), now - 3_500_000);
}

/**
 * The bot's real NLU on the real intents/ (lexical engine; no transformer model, so figures do not
 * depend on what is downloaded). Without a db it caches trained engines by data hash in
 * <tmpdir>/haqq-nlu-cache: the first run trains (~30 s), later runs load.
 */
export function realNlu(): Promise<Nlu> {
  return createNlu({ intentsDir: INTENTS_DIR, modelDir: join(ROOT, 'test/admin/support/no-model'), logger: pino({ level: 'silent' }) });
}

export interface Console {
  app: FastifyInstance;
  db: Database;
  nlu: Nlu;
  knowledge: KnowledgeBase;
  config: Config;
  clock: { now: number };
  close(): Promise<void>;
}

export interface ConsoleOptions {
  nlu?: Nlu;
  ports?: Partial<AdminPorts>;
  dbPath?: string;
  env?: Record<string, string>;
  /** 'fixtures' (default): a handful of rows; 'real': seeds/ and intents/ as the bot loads them. */
  content?: 'fixtures' | 'real';
  /** Labelled evaluation set; default: none for fixtures (held-out slice), intents/eval/labelled.jsonl for real content. */
  evalSetPath?: string;
}

export async function startConsole(opts: ConsoleOptions = {}): Promise<Console> {
  const db = openDatabase(opts.dbPath ?? ':memory:');
  const real = opts.content === 'real';
  if (real) seedReal(db);
  else seed(db);
  const i18n = adminI18n();
  const knowledge = createKnowledgeBase({ db, i18n });
  const clock = { now: T0 };
  const config = loadConfig({ STALE_AFTER_DAYS: '180', SEEDS_DIR, INTENTS_DIR, ...opts.env });
  const nlu = opts.nlu ?? new LearningFakeNlu(allExamples(db));
  const app = await createAdminServer({
    db, config, i18n, nlu, knowledge, logger: pino({ level: 'silent' }), now: () => clock.now,
    ports: opts.ports,
    evalSetPath: opts.evalSetPath ?? (real ? join(INTENTS_DIR, 'eval', 'labelled.jsonl') : join(import.meta.dirname, 'no-such-labelled.jsonl')),
  });
  return { app, db, nlu, knowledge, config, clock, close: async () => { await app.close(); db.close(); } };
}

export async function addUser(c: Console, username: string, role: Role, password = PASSWORD): Promise<void> {
  await createUser(c.db, { username, password, role }, c.clock.now);
}

export function cookiesOf(res: LightMyRequestResponse): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of res.cookies) out[c.name] = c.value;
  return out;
}

/** A urlencoded body, as a browser's form sends it. */
export function form(fields: Record<string, string | number>): string {
  return new URLSearchParams(Object.entries(fields).map(([k, v]): [string, string] => [k, String(v)])).toString();
}

/** A logged-in form POST. */
export function post(c: Console, session: { cookie: string; csrf?: string }, url: string, fields: Record<string, string | number> = {}, extraHeaders: Record<string, string> = {}) {
  const body = session.csrf === undefined ? fields : { _csrf: session.csrf, ...fields };
  return c.app.inject({
    method: 'POST', url, payload: form(body),
    headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded', ...extraHeaders },
  });
}

export const cookieHeader = (cookies: Record<string, string>) =>
  Object.entries(cookies).map(([k, v]) => `${k}=${v}`).join('; ');

export function csrfFrom(body: string): string {
  const m = body.match(/name="_csrf" value="([^"]+)"/);
  if (!m) throw new Error('no CSRF field in page');
  return m[1]!;
}

export async function tryLogin(c: Console, username: string, password: string, ip = '10.0.0.1'): Promise<LightMyRequestResponse> {
  const page = await c.app.inject({ method: 'GET', url: '/login', remoteAddress: ip });
  const cookies = cookiesOf(page);
  return c.app.inject({
    method: 'POST', url: '/login', remoteAddress: ip,
    headers: { cookie: cookieHeader(cookies), 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({ username, password, _csrf: csrfFrom(page.body), next: '/answers' }),
  });
}

/** Logs in and returns what a browser would hold: the session cookie and the page's CSRF token. */
export async function login(c: Console, username: string, password = PASSWORD): Promise<{ cookie: string; csrf: string }> {
  const res = await tryLogin(c, username, password);
  if (res.statusCode !== 303) throw new Error(`login failed: ${res.statusCode}`);
  const cookie = cookieHeader(cookiesOf(res));
  const page = await c.app.inject({ method: 'GET', url: '/answers', headers: { cookie } });
  return { cookie, csrf: csrfFrom(page.body) };
}
