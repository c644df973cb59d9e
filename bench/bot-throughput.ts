// End-to-end throughput and latency of the bot core: the real createBot, run by @grammyjs/runner
// (long polling, sequentialize per chat) against the loopback fake Bot API, 1,000 simulated users,
// a SQLite file in a temp dir. Latency = update queued at the fake server → update fully handled
// (all its API calls answered). `npm run bench` (add `-- --fakes` to force the fake modules).
//
// Phase 1 (burst): every user sends 5 messages at once → maximum updates/s.
// Phase 2 (paced): 300 updates/s for 10 s, users in turn → p50/p99 latency at the goal rate.
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { run } from '@grammyjs/runner';
import type { Update, UserFromGetMe } from 'grammy/types';
import { createBot } from '../src/bot/create-bot.js';
import { loadConfig } from '../src/config.js';
import { createI18n } from '../src/i18n/i18n.js';
import { createLogger } from '../src/logger.js';
import { openDatabase } from '../src/storage/database.js';
import type { Nlu } from '../src/nlu/types.js';
import type { KnowledgeBase } from '../src/knowledge/types.js';
import { startFakeBotApi } from '../test/support/fake-bot-api.js';
import { FakeHandoff, FakeKnowledgeBase, FakeNlu } from '../test/support/fakes.js';

const USERS = 1000;
const BURST_PER_USER = 5;
const PACED_RATE = 300;
const PACED_SECONDS = 10;
const QUESTIONS = [
  'my employer has not paid my salary for two months',
  'how do I register my address',
  'where can I find a free lawyer',
  'can I change my work permit to another employer',
  'what happens if my visa expired',
];

const root = join(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'haqq-bench-'));
const db = openDatabase(process.env.BENCH_DB ?? join(dir, 'bench.db'));
const i18n = createI18n(join(root, 'locales'));
const logger = createLogger('silent');

async function modules(): Promise<{ nlu: Nlu; knowledge: KnowledgeBase; label: string }> {
  const realPresent = ['src/nlu/create-nlu.ts', 'src/knowledge/knowledge-base.ts', 'src/knowledge/seed.ts'].every((f) => existsSync(join(root, f)));
  if (realPresent && !process.argv.includes('--fakes')) {
    try {
      const nluPath = '../src/nlu/create-nlu.js'; // variables: the modules may not exist yet
      const kbPath = '../src/knowledge/knowledge-base.js';
      const seedPath = '../src/knowledge/seed.js';
      const { createNlu } = await import(nluPath);
      const { createKnowledgeBase } = await import(kbPath);
      const { seedKnowledge } = await import(seedPath);
      seedKnowledge(db, join(root, 'seeds'));
      const nlu = (await createNlu({ db, intentsDir: join(root, 'intents'), modelDir: join(root, 'models'), logger })) as Nlu;
      return { nlu, knowledge: createKnowledgeBase({ db, i18n }), label: `REAL nlu (${nlu.engineName}) + REAL knowledge base, fake hand-off` };
    } catch (err) {
      console.warn(`real modules failed to load (${(err as Error).message}); using fakes`);
    }
  }
  const nlu = new FakeNlu();
  nlu.fallback = () => ({ intent: 'unpaid_wages' });
  return { nlu, knowledge: new FakeKnowledgeBase(), label: 'FAKE nlu + FAKE knowledge base + fake hand-off (real modules not present or --fakes)' };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main() {
  const api = await startFakeBotApi({ maxPollMs: 50 });
  const { nlu, knowledge, label } = await modules();
  const config = loadConfig({ BOT_TOKEN: api.token, TELEGRAM_API_ROOT: api.apiRoot });
  const botInfo = { ...api.botUser, can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false } as unknown as UserFromGetMe;
  // Outgoing throttling off: Telegram's own limit (~30 messages/s per bot) is not what is measured.
  const { bot } = createBot({ config, db, i18n, nlu, knowledge, handoff: new FakeHandoff(), logger }, { botInfo, outgoingLimits: false });

  const queuedAt = new Map<number, number>();
  const latencies: number[] = [];
  let handled = 0;
  let errors = 0;
  const original = bot.handleUpdate.bind(bot);
  bot.handleUpdate = async (update: Update, webhookReplyEnvelope?: Parameters<typeof original>[1]) => {
    try {
      await original(update, webhookReplyEnvelope);
    } catch {
      errors += 1;
    }
    const start = queuedAt.get(update.update_id);
    if (start !== undefined) latencies.push(performance.now() - start);
    handled += 1;
  };
  const runner = run(bot, { runner: { fetch: { timeout: 1 } } });

  const user = (i: number) => ({ id: 10_000 + i, language_code: ['en', 'ru', 'az'][i % 3] });
  // The fake numbers updates 1, 2, 3… in the order they are queued, and nothing else queues any.
  let nextId = 1;
  const send = (i: number, text: string) => {
    queuedAt.set(nextId++, performance.now());
    api.sendText(user(i), text);
  };
  const waitHandled = async (n: number) => {
    while (handled < n) await new Promise((r) => setTimeout(r, 2));
  };

  // Warm-up (JIT, prepared statements, model caches).
  for (let i = 0; i < 200; i++) send(i, QUESTIONS[i % QUESTIONS.length]!);
  await waitHandled(200);
  latencies.length = 0;

  // Phase 1: burst.
  const burstTotal = USERS * BURST_PER_USER;
  const t0 = performance.now();
  for (let k = 0; k < BURST_PER_USER; k++) for (let i = 0; i < USERS; i++) send(i, QUESTIONS[(i + k) % QUESTIONS.length]!);
  await waitHandled(200 + burstTotal);
  const burstSeconds = (performance.now() - t0) / 1000;
  const burstLat = [...latencies].sort((a, b) => a - b);
  latencies.length = 0;

  // Phase 2: paced at the goal rate, in 10 ms ticks.
  const pacedTotal = PACED_RATE * PACED_SECONDS;
  const t1 = performance.now();
  let pushed = 0;
  while (pushed < pacedTotal) {
    const due = Math.min(pacedTotal, Math.floor(((performance.now() - t1) / 1000) * PACED_RATE));
    while (pushed < due) {
      send(pushed % USERS, QUESTIONS[pushed % QUESTIONS.length]!);
      pushed += 1;
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  await waitHandled(200 + burstTotal + pacedTotal);
  const pacedSeconds = (performance.now() - t1) / 1000;
  const pacedLat = [...latencies].sort((a, b) => a - b);

  await runner.stop();
  await api.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });

  const sentMessages = api.calls.filter((c) => c.method === 'sendMessage').length;
  const fmt = (n: number) => n.toFixed(1);
  console.log(`haqq bot throughput — ${label}`);
  console.log(`  machine: ${cpus().length} cores, load average ${loadavg()[0]!.toFixed(1)} at the end (other processes skew figures), node ${process.version}; ${USERS} users; runner long polling against the loopback fake Bot API; outgoing throttler off`);
  console.log(`  burst : ${burstTotal} updates in ${fmt(burstSeconds)} s = ${fmt(burstTotal / burstSeconds)} updates/s; latency p50 ${fmt(percentile(burstLat, 50))} ms, p99 ${fmt(percentile(burstLat, 99))} ms (includes queueing)`);
  console.log(`  paced : ${pacedTotal} updates at ${PACED_RATE}/s over ${fmt(pacedSeconds)} s; latency p50 ${fmt(percentile(pacedLat, 50))} ms, p99 ${fmt(percentile(pacedLat, 99))} ms, max ${fmt(pacedLat.at(-1) ?? NaN)} ms`);
  console.log(`  replies sent: ${sentMessages}; handler errors: ${errors}`);
  console.log(`  goal: ≥300 updates/s and p99 < 100 ms → ${burstTotal / burstSeconds >= 300 && percentile(pacedLat, 99) < 100 ? 'MET' : 'NOT MET'}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
