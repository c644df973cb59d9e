import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { Api } from 'grammy';
import type { BotContext } from '../../src/bot/context.js';
import type { HandoffTrigger } from '../../src/handoff/types.js';
import { createBot } from '../../src/bot/create-bot.js';
import { createConsoleChat } from '../../src/bot/console-chat.js';
import { loadConfig } from '../../src/config.js';
import { createI18n } from '../../src/i18n/i18n.js';
import { createLogger } from '../../src/logger.js';
import { openDatabase } from '../../src/storage/database.js';
import { FakeHandoff, FakeKnowledgeBase, FakeNlu } from '../support/fakes.js';

vi.mock('../../src/nlu/risk/accumulate.js', async () => ({
  accumulateRisk: (await import('../support/fakes.js')).fakeAccumulateRisk,
}));

describe('console chat', () => {
  it('prints replies with numbered buttons; a number presses a button; no network', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (d) => (printed += String(d)));
    const chat = createConsoleChat({ input, output });
    const db = openDatabase(':memory:');
    const nlu = new FakeNlu().on('they do not pay me', { intent: 'unpaid_wages' });
    const { bot } = createBot(
      {
        config: loadConfig({ TELEGRAM_API_ROOT: 'http://127.0.0.1:9' }), // unreachable: would fail if used
        db,
        i18n: createI18n(join(import.meta.dirname, '../../locales')),
        nlu,
        knowledge: new FakeKnowledgeBase(),
        handoff: new FakeHandoff(),
        logger: createLogger('silent'),
      },
      { botInfo: chat.botInfo, innerTransformers: [chat.transformer], outgoingLimits: false, rateLimit: false },
    );
    const done = chat.run(bot);
    input.end('/start\n1\nthey do not pay me\n/clear\n');
    await done;
    expect(printed).toMatch(/Choose your language:\n {2}\[1\] English\n {2}\[2\] Azərbaycanca/);
    expect(printed).toMatch(/I am not the police/); // pressing [1] chose English and showed the note
    expect(printed).toContain('[en] answer about unpaid_wages');
    expect(printed).toMatch(/\(\d+ messages deleted\)/);
    db.close();
  });

  it('shows what the hand-off outbox sends on its own client, a moment later, even when input ends at once', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (d) => (printed += String(d)));
    const chat = createConsoleChat({ input, output, settleMs: 60 });
    let outbox: Api | undefined;
    // Like the real hand-off: its outbox builds its own Api from the bot's token and client
    // options (without the bot's transformers) and sends after the update was handled.
    class OutboxHandoff extends FakeHandoff {
      override async offer(ctx: BotContext, _trigger: HandoffTrigger): Promise<void> {
        const userId = ctx.from!.id;
        setTimeout(() => {
          void (async () => {
            await outbox!.sendMessage(userId, 'Would you like to talk with a caseworker?', {
              reply_markup: { inline_keyboard: [[{ text: 'Yes', callback_data: 'hc:y' }], [{ text: 'Not now', callback_data: 'hc:n' }]] },
            });
            await outbox!.sendMessage(-100, 'Case card', {
              reply_markup: { inline_keyboard: [[{ text: 'Claim', callback_data: 'sc:1' }]] },
            });
          })();
        }, 40);
      }
    }
    const nlu = new FakeNlu().on('they do not pay me', { intent: 'unpaid_wages' }).on('I want a person', { intent: 'talk_to_human' });
    const { bot } = createBot(
      {
        config: loadConfig({ TELEGRAM_API_ROOT: 'http://127.0.0.1:9' }), // unreachable: would fail if used
        db: openDatabase(':memory:'),
        i18n: createI18n(join(import.meta.dirname, '../../locales')),
        nlu,
        knowledge: new FakeKnowledgeBase(),
        handoff: new OutboxHandoff(),
        logger: createLogger('silent'),
      },
      { botInfo: chat.botInfo, innerTransformers: [chat.transformer], fetch: chat.fetch, outgoingLimits: false, rateLimit: false },
    );
    outbox = new Api(bot.api.token, bot.api.options);
    const done = chat.run(bot);
    input.end('they do not pay me\n1\nI want a person\n');
    await done;
    // 👍 removed its own row (the press carries the keyboard, as in Telegram): More is now [1].
    expect(printed).toMatch(/\(Thank you!\)\n {2}\(buttons updated\)\n {2}\[1\] 📖 More/);
    expect(printed).toMatch(/Would you like to talk with a caseworker\?\n {2}\[1\] Yes\n {2}\[2\] Not now/);
    // Another chat's buttons (the staff group) are shown but not numbered: a number is the user's.
    expect(printed).toMatch(/\[to chat -100\] Case card\n {2}\[-\] Claim/);
  });
});
