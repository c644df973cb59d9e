import { afterEach, beforeEach, expect } from 'vitest';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { Update, UserFromGetMe } from 'grammy/types';
import { createBot } from '../../src/bot/create-bot.js';
import { loadConfig } from '../../src/config.js';
import { createI18n } from '../../src/i18n/i18n.js';
import { createLogger } from '../../src/logger.js';
import { openDatabase } from '../../src/storage/database.js';
import { startFakeBotApi, type FakeBotApi, type FakeUser, type RecordedCall } from '../support/fake-bot-api.js';
import { FakeHandoff, FakeKnowledgeBase, FakeNlu } from '../support/fakes.js';

// Bot-flow harness: the real createBot with fake NLU / knowledge / hand-off, talking HTTP to the
// loopback fake Bot API. Updates are fed with bot.handleUpdate, which resolves when the update is
// fully handled, so each step returns exactly the API calls it caused.

export const STAFF_CHAT_ID = -100777;
export const START_TIME = Date.UTC(2026, 10, 20, 9, 0, 0);

export async function startHarness(options: { rateLimit?: boolean } = {}) {
  const api = await startFakeBotApi();
  const db = openDatabase(':memory:');
  const i18n = createI18n(join(import.meta.dirname, '../../locales'));
  const nlu = new FakeNlu();
  const knowledge = new FakeKnowledgeBase();
  const handoff = new FakeHandoff();
  const logLines: Record<string, any>[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      for (const line of String(chunk).split('\n').filter(Boolean)) logLines.push(JSON.parse(line));
      cb();
    },
  });
  const logger = createLogger('debug', sink);
  const config = loadConfig({
    BOT_TOKEN: api.token,
    TELEGRAM_API_ROOT: api.apiRoot,
    STAFF_CHAT_ID: String(STAFF_CHAT_ID),
  });
  const clock = { now: START_TIME };
  const botInfo = {
    ...api.botUser,
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
  } as unknown as UserFromGetMe;
  const { bot, memory } = createBot(
    { config, db, i18n, nlu, knowledge, handoff, logger, now: () => clock.now },
    { botInfo, outgoingLimits: false, rateLimit: options.rateLimit ?? false },
  );
  let updateId = 1;

  async function deliver(update: Record<string, any>): Promise<RecordedCall[]> {
    const since = api.calls.length;
    await bot.handleUpdate({ update_id: updateId++, ...update } as Update);
    return api.calls.slice(since);
  }

  return {
    api,
    bot,
    db,
    i18n,
    nlu,
    knowledge,
    handoff,
    memory,
    clock,
    logLines,
    deliver,
    /** A user types `text` in their private chat. */
    say(user: FakeUser, text: string, chat?: { id: number; type: 'private' | 'group' | 'supergroup' | 'channel' }) {
      return deliver({ message: api.sendText(user, text, chat ? { chat } : {}) });
    },
    /** A user sends a non-text message (voice, photo…). */
    sendOf(user: FakeUser, fields: Record<string, any>) {
      return deliver({ message: api.sendMessageOf(user, fields) });
    },
    /** A user presses a button with `data` under a message the bot sent. */
    press(user: FakeUser, message: any, data: string) {
      return deliver({ callback_query: api.pressButton(user, message, data) });
    },
    errors: () => logLines.filter((l) => l.level >= 50),
    async close() {
      await api.close();
      db.close();
    },
  };
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;

/** One fresh bot per test; after each, no handler may have logged an error, and it is closed. */
export function useHarness(assign: (h: Harness) => void, options: Parameters<typeof startHarness>[0] = {}): void {
  let current: Harness | undefined;
  beforeEach(async () => {
    current = await startHarness(options);
    assign(current);
  });
  afterEach(async () => {
    expect(current!.errors()).toEqual([]);
    await current!.close();
  });
}

/** The messages the bot sent (sendMessage calls) among `calls`. */
export function sent(calls: RecordedCall[]): RecordedCall[] {
  return calls.filter((c) => c.method === 'sendMessage');
}

export function texts(calls: RecordedCall[]): string[] {
  return sent(calls).map((c) => String(c.params.text));
}

/** All callback_data of the inline keyboard of a call, flattened. */
export function buttons(call: RecordedCall | undefined): { text: string; data: string }[] {
  const rows: any[][] = call?.params.reply_markup?.inline_keyboard ?? [];
  return rows.flat().map((b) => ({ text: String(b.text), data: String(b.callback_data) }));
}

/** The Message object the fake returned for a sendMessage call (to press its buttons). */
export function messageOf(call: RecordedCall): any {
  return call.result;
}
