import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeBotApi, type FakeBotApi } from '../support/fake-bot-api.js';
import { cleanup, missing, sendTo, startBot, tempDir, WAIT, type BotProcess } from './support.js';

// WEBHOOK_URL mode: the process registers its webhook with the secret, answers updates POSTed
// with the right X-Telegram-Bot-Api-Secret-Token, and refuses (without acting) any other POST.

const SECRET = 'e2e_Secret-token_42';
const USER = { id: 720101, language_code: 'en', first_name: 'Rustam' };

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

let nextUpdateId = 5000;
function update(text: string, from = USER): Record<string, unknown> {
  const command = /^\/\w+/.exec(text);
  return {
    update_id: nextUpdateId++,
    message: {
      message_id: nextUpdateId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: from.id, type: 'private' },
      from: { is_bot: false, ...from },
      text,
      ...(command ? { entities: [{ type: 'bot_command', offset: 0, length: command[0].length }] } : {}),
    },
  };
}

describe.skipIf(missing.length > 0)('e2e: webhook mode', () => {
  let fake: FakeBotApi;
  let bot: BotProcess;
  let url: string;

  beforeAll(async () => {
    fake = await startFakeBotApi();
    const port = await freePort();
    url = `http://127.0.0.1:${port}/hook`;
    bot = await startBot(fake, join(tempDir(), 'bot.db'), { WEBHOOK_URL: url, WEBHOOK_SECRET: SECRET, WEBHOOK_PORT: String(port) });
  }, 90_000);

  afterAll(async () => {
    await cleanup();
    await fake?.close();
  });

  const post = (body: unknown, secret?: string) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(secret === undefined ? {} : { 'X-Telegram-Bot-Api-Secret-Token': secret }) },
      body: JSON.stringify(body),
    });

  it('registers the webhook with the secret and does not poll', async () => {
    const set = await fake.waitForCall((c) => c.method === 'setWebhook', WAIT);
    expect(set.params.url).toBe(url);
    expect(set.params.secret_token).toBe(SECRET);
    expect(bot.stdout()).toMatch(/"mode":"webhook"/);
    expect(fake.callsOf('deleteWebhook')).toEqual([]);
  });

  it('refuses updates with a wrong or missing secret, and answers the right one', async () => {
    const bad1 = await post(update('/start'), 'wrong-secret');
    const bad2 = await post(update('/start'));
    const bad3 = await post(update('/start'), `${SECRET}x`);
    for (const r of [bad1, bad2, bad3]) expect([401, 403]).toContain(r.status);
    const get = await fetch(url);
    expect(get.status).toBe(405);
    // grammY answers a webhook POST only after the update was handled, so had a refused update been
    // handled, its reply would already be here.
    expect(fake.callsOf('sendMessage', USER.id)).toEqual([]);

    const since = fake.calls.length;
    const ok = await post(update('/start'), SECRET);
    expect(ok.status).toBe(200);
    const reply = await fake.waitForCall(sendTo(USER.id), WAIT, since);
    expect(JSON.stringify(reply.params.reply_markup)).toContain('English');
    expect(fake.callsOf('sendMessage', USER.id).filter((c) => /English/.test(JSON.stringify(c.params.reply_markup)))).toHaveLength(1);

    // The whole process keeps working: a second authorised update is answered too.
    const since2 = fake.calls.length;
    expect((await post(update('/help'), SECRET)).status).toBe(200);
    await fake.waitForCall(sendTo(USER.id), WAIT, since2);
    expect(fake.callsOf('sendMessage', USER.id).length).toBeGreaterThanOrEqual(2);
  });
});
