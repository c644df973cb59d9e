import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bot } from 'grammy';
import type { Update, UserFromGetMe } from 'grammy/types';
import type { BotContext } from '../../src/bot/context.js';
import { loadConfig } from '../../src/config.js';
import type { RiskIndicator, RiskLevel } from '../../src/contract.js';
import { createHandoff, type CreateHandoffOptions, type HandoffModuleImpl } from '../../src/handoff/create-handoff.js';
import { pendingCount } from '../../src/handoff/outbox.js';
import { createI18n } from '../../src/i18n/i18n.js';
import { isLang } from '../../src/i18n/languages.js';
import type { KnowledgeBase } from '../../src/knowledge/types.js';
import { createLogger } from '../../src/logger.js';
import { openDatabase, type Database } from '../../src/storage/database.js';
import { startFakeBotApi, type FakeBotApi, type FakeUser } from '../support/fake-bot-api.js';

// A small grammY bot wired like createBot will wire it: a fake BotContext middleware (lang, t), the
// hand-off composer, then a stand-in for the bot core that answers "NLU: …" and calls offer() when
// a message mentions a passport or a locked door (so the tests can see the NLU never answers
// during a hand-off).

export const STAFF = -1001234567890;
export const ADMIN = 900;
export const KEY = 'a'.repeat(64);
export const i18n = createI18n(join(import.meta.dirname, '../../locales'));

export const knowledge: KnowledgeBase = {
  getAnswer: () => undefined,
  emergencyText: (lang) => `EMERGENCY(${lang}): 112`,
  listContacts: () => [],
};

export function tempDbPath(): string {
  return join(mkdtempSync(join(tmpdir(), 'haqq-handoff-')), 'bot.db');
}

export interface Clock {
  now: () => number;
  advance(ms: number): void;
  set(t: number): void;
}
export function clock(start?: number): Clock {
  let offset = start === undefined ? 0 : start - Date.now();
  return { now: () => Date.now() + offset, advance: (ms) => (offset += ms), set: (t) => (offset = t - Date.now()) };
}

export interface Harness {
  fake: FakeBotApi;
  db: Database;
  dbPath: string;
  handoff: HandoffModuleImpl;
  bot: Bot<BotContext>;
  clock: Clock;
  /** Feeds one update to the bot (as long polling would) and waits for the handlers. */
  deliver(update: Record<string, unknown>): Promise<void>;
  text(user: FakeUser, text: string, opts?: { chat?: { id: number; type: 'private' | 'supergroup' }; replyTo?: unknown }): Promise<any>;
  media(user: FakeUser, fields: Record<string, unknown>): Promise<any>;
  press(user: FakeUser, message: { chat: { id: number }; message_id: number }, data: string): Promise<void>;
  /** Builds a new module + bot on the same database file (a restart). */
  restart(options?: Partial<CreateHandoffOptions> & { start?: boolean }): Promise<void>;
  /** Waits until the outbox has no pending rows at all (retries included). */
  settle(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function createHarness(
  options: { env?: Record<string, string>; clock?: Clock; dbPath?: string; start?: boolean; module?: Partial<CreateHandoffOptions> } = {},
): Promise<Harness> {
  const fake = await startFakeBotApi();
  const dbPath = options.dbPath ?? tempDbPath();
  const c = options.clock ?? clock();
  const config = loadConfig({
    STAFF_CHAT_ID: String(STAFF),
    ADMIN_USER_IDS: String(ADMIN),
    HANDOFF_ALERT_MINUTES: '10',
    HANDOFF_IDLE_HOURS: '72',
    DATA_KEY: KEY,
    ...options.env,
  });
  let nextUpdateId = 1;
  const h = {} as Harness;

  const build = (moduleOptions: Partial<CreateHandoffOptions> = {}, start = options.start !== false) => {
    const db = openDatabase(dbPath);
    const handoff = createHandoff({ db, config, i18n, knowledge, logger: createLogger('silent'), now: c.now, sweepIntervalMs: 60_000, ...options.module, ...moduleOptions });
    const botInfo = { ...fake.botUser, can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false } as unknown as UserFromGetMe;
    const bot = new Bot<BotContext>(fake.token, { client: { apiRoot: fake.apiRoot }, botInfo });
    bot.use(async (ctx, next) => {
      const code = ctx.from?.language_code;
      ctx.lang = isLang(code) ? code : 'en';
      ctx.t = i18n.getFixedT(ctx.lang);
      await next();
    });
    bot.use(handoff.composer);
    // Stand-in for the bot core (NLU): answers, and offers a hand-off on danger words.
    bot.on('message:text', async (ctx) => {
      await ctx.reply(`NLU: ${ctx.message.text}`);
      const text = ctx.message.text.toLowerCase();
      const urgent = /hit|beat|бьёт/.test(text);
      if (urgent || /passport|паспорт|locked|door/.test(text)) {
        const level: RiskLevel = urgent ? 'urgent' : 'high';
        const indicators: RiskIndicator[] = urgent ? ['physical_violence'] : ['document_retention', 'restricted_movement'];
        await handoff.offer(ctx, { reason: 'risk', level, indicators, recentTexts: [ctx.message.text] });
      }
    });
    if (start) handoff.start(bot.api);
    Object.assign(h, { db, handoff, bot });
  };
  build();

  Object.assign(h, {
    fake,
    dbPath,
    clock: c,
    async deliver(update: Record<string, unknown>) {
      await h.bot.handleUpdate({ update_id: nextUpdateId++, ...update } as unknown as Update);
    },
    async text(user: FakeUser, text: string, opts: { chat?: { id: number; type: 'private' | 'supergroup' }; replyTo?: unknown } = {}) {
      const message = fake.sendText(user, text, opts as never);
      await h.deliver({ message });
      return message;
    },
    async media(user: FakeUser, fields: Record<string, unknown>) {
      const message = fake.sendMessageOf(user, fields);
      await h.deliver({ message });
      return message;
    },
    async press(user: FakeUser, message: { chat: { id: number }; message_id: number }, data: string) {
      const callback_query = fake.pressButton(user, message as never, data);
      await h.deliver({ callback_query });
    },
    async restart(moduleOptions: Partial<CreateHandoffOptions> & { start?: boolean } = {}) {
      await h.handoff.stop();
      if (h.db.open) h.db.close();
      const { start = true, ...rest } = moduleOptions;
      build(rest, start);
    },
    async settle(timeoutMs = 20_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        await h.handoff.outboxIdle();
        if (pendingCount(h.db) === 0) return;
        if (Date.now() > until) throw new Error(`outbox still has ${pendingCount(h.db)} pending rows`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async close() {
      await h.handoff.stop();
      if (h.db.open) h.db.close();
      await fake.close();
    },
  });
  return h;
}

/** The callback data of the first button whose data starts with `prefix`, in the last message to `chatId` that has one. */
export function lastButton(fake: FakeBotApi, chatId: number, prefix: string): { data: string; message: any } {
  const calls = fake.callsOf(['sendMessage', 'editMessageText'], chatId).filter((c) => c.result && c.params.reply_markup);
  for (const call of calls.reverse()) {
    for (const row of call.params.reply_markup.inline_keyboard as Array<Array<{ callback_data: string }>>) {
      for (const b of row) if (b.callback_data.startsWith(prefix)) return { data: b.callback_data, message: call.result };
    }
  }
  throw new Error(`no button ${prefix}… sent to ${chatId}`);
}

export const texts = (fake: FakeBotApi, chatId: number) => fake.textsTo(chatId);

export const USER = { id: 501, language_code: 'ru', first_name: 'Aziz' };
export const CW1 = { id: 601, first_name: 'Leyla', username: 'leyla' };
export const CW2 = { id: 602, first_name: 'Murad', username: 'murad' };
export const staffChat = { id: STAFF, type: 'supergroup' as const };

/** Brings a case to "waiting" (card in the staff group); returns the code and the card message. */
export async function consentedCase(h: Harness, user: FakeUser = USER, share = true) {
  await h.text(user, 'Хозяин забрал мой паспорт и запер дверь, я не могу выйти');
  await h.settle();
  const yes = lastButton(h.fake, user.id, share ? 'ho:ys:' : 'ho:yn:');
  const code = yes.data.split(':')[2]!;
  await h.press(user, yes.message, yes.data);
  await h.settle();
  const claim = lastButton(h.fake, STAFF, `ho:claim:${code}`);
  return { code, card: claim.message };
}

/** A waiting case claimed by CW1 (a staff member). */
export async function claimedCase(h: Harness, user: FakeUser = USER) {
  h.fake.setChatMember(STAFF, CW1.id, 'member');
  const c = await consentedCase(h, user);
  await h.press(CW1, c.card, `ho:claim:${c.code}`);
  await h.settle();
  return c;
}
