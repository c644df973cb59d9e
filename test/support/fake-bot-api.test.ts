import { afterEach, describe, expect, it } from 'vitest';
import { Bot } from 'grammy';
import { startFakeBotApi, type FakeBotApi } from './fake-bot-api.js';

// The fake Telegram is itself code the other tests trust: check it behaves like the Bot API.
describe('fake Bot API', () => {
  let api: FakeBotApi | undefined;
  afterEach(async () => {
    await api?.close();
  });

  it('serves getUpdates to a grammY bot and records replies', async () => {
    api = await startFakeBotApi();
    const bot = new Bot(api.token, { client: { apiRoot: api.apiRoot } });
    bot.on('message:text', (ctx) => ctx.reply(`echo ${ctx.message.text}`));
    void bot.start({ timeout: 1 });
    api.sendText({ id: 42, language_code: 'ru' }, 'salam');
    const call = await api.waitForCall((c) => c.method === 'sendMessage');
    expect(call.params.chat_id).toBe(42);
    expect(call.params.text).toBe('echo salam');
    expect(call.result.message_id).toBeGreaterThan(0);
    await bot.stop();
  });

  it('fails on demand with retry_after, then succeeds', async () => {
    api = await startFakeBotApi();
    const bot = new Bot(api.token, { client: { apiRoot: api.apiRoot } });
    api.failNext('sendMessage', 1, { status: 429, retryAfter: 2 });
    await expect(bot.api.sendMessage(1, 'a')).rejects.toMatchObject({ error_code: 429, parameters: { retry_after: 2 } });
    await expect(bot.api.sendMessage(1, 'b')).resolves.toMatchObject({ text: 'b' });
    expect(api.textsTo(1)).toEqual(['b']);
  });

  it('rejects a wrong token and answers getChatMember from the table', async () => {
    api = await startFakeBotApi();
    const wrong = new Bot('1:wrong-token-xxxxxxxxxxxxxxxxxxxx', { client: { apiRoot: api.apiRoot } });
    await expect(wrong.api.getMe()).rejects.toMatchObject({ error_code: 401 });
    api.setChatMember(-100, 7, 'member');
    const bot = new Bot(api.token, { client: { apiRoot: api.apiRoot } });
    expect((await bot.api.getChatMember(-100, 7)).status).toBe('member');
    expect((await bot.api.getChatMember(-100, 8)).status).toBe('left');
  });
});
