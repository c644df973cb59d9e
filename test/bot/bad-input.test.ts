import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mediaFields } from '../support/fake-bot-api.js';
import { buttons, sent, startHarness, STAFF_CHAT_ID, texts, type Harness } from './harness.js';

vi.mock('../../src/nlu/risk/accumulate.js', async () => ({
  accumulateRisk: (await import('../support/fakes.js')).fakeAccumulateRisk,
}));

const u = { id: 4001, language_code: 'ru' };

describe('bad input and odd updates: a clear reply or a silent ignore, never a crash', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it.each(['voice', 'photo', 'sticker', 'video', 'video_note', 'location', 'document', 'contact'] as const)(
    '%s gets a polite reply in the user language',
    async (kind) => {
      const [reply] = sent(await h.sendOf(u, mediaFields(kind)));
      expect(reply!.params.text).toMatch(/[а-я]/); // Russian
      expect(buttons(reply).map((b) => b.data)).toEqual(['h', 'm']);
      expect(h.errors()).toEqual([]);
    },
  );

  it('voice asks to type or to tap Talk to a person; a poll and a dice get replies too', async () => {
    expect(texts(await h.sendOf(u, mediaFields('voice')))[0]).toMatch(/голосовые.*Поговорить с человеком/s);
    expect(texts(await h.sendOf(u, { poll: { id: '1', question: 'q', options: [], total_voter_count: 0, is_closed: false, is_anonymous: true, type: 'regular', allows_multiple_answers: false } }))[0]).toMatch(/опрос/);
    expect(texts(await h.sendOf(u, { dice: { emoji: '🎲', value: 3 } }))[0]).toMatch(/только текстовые/);
    expect(h.errors()).toEqual([]);
  });

  it('an empty text, only emoji, only zero-width characters: "write in words", NLU not called', async () => {
    for (const text of ['', '😀😀😀', '\u200B\u200B\uFEFF', '   \u0007 ']) {
      const [reply] = sent(await h.say(u, text));
      expect(reply!.params.text).toMatch(/словами/);
    }
    expect(h.nlu.calls).toHaveLength(0);
    expect(h.errors()).toEqual([]);
  });

  it('a 5,000-character message is truncated before the NLU and answered', async () => {
    h.nlu.fallback = () => ({ intent: 'unpaid_wages' });
    const [reply] = sent(await h.say(u, 'зарплата '.repeat(560)));
    expect(h.nlu.calls[0]!.text.length).toBeLessThanOrEqual(1000);
    expect(reply!.params.text).toContain('answer about unpaid_wages');
    expect(h.errors()).toEqual([]);
  });

  it('lone surrogates, control and bidi characters are cleaned before the NLU and the reply is well-formed', async () => {
    h.nlu.fallback = () => ({ intent: 'unsure_dummy' as never, status: 'unsure', candidates: [] });
    h.nlu.fallback = () => ({ intent: 'registration', status: 'unsure', candidates: [] });
    await h.say(u, 'bad \uD800 surrogate \u202E text \u0000 here');
    expect(h.nlu.calls[0]!.text).toBe('bad \uFFFD surrogate text here');
    const stored = h.db.prepare('SELECT text FROM missed_questions').get() as { text: string };
    expect(stored.text).toBe('bad \uFFFD surrogate text here');
    expect(h.errors()).toEqual([]);
  });

  it('right-to-left text (Persian, Urdu) is classified and answered as plain text', async () => {
    const fa = { id: 4002, language_code: 'fa' };
    h.nlu.on('کارفرما حقوقم را نمی‌دهد', { intent: 'unpaid_wages', language: 'fa' });
    const [reply] = sent(await h.say(fa, 'کارفرما حقوقم را نمی‌دهد'));
    expect(h.nlu.calls[0]!.text).toBe('کارفرما حقوقم را نمی‌دهد'); // ZWNJ kept
    expect(h.nlu.calls[0]!.options).toEqual({ preferredLanguage: 'fa' });
    expect(reply!.params.text).toContain('[fa] answer about unpaid_wages');
    expect(reply!.params.parse_mode).toBeUndefined();
    expect(h.errors()).toEqual([]);
  });

  it('forged, unknown and over-long callback data get a short note and never a crash', async () => {
    const msg = { chat: { id: u.id, type: 'private' }, message_id: 1 };
    for (const data of ['t:../../etc', 'v:up:not_a_topic', 'g:nope', 'l:xx', 'f:y:!!!', 'x'.repeat(200), 'more:', '']) {
      const calls = await h.press(u, msg, data);
      const note = calls.find((c) => c.method === 'answerCallbackQuery');
      expect(note?.params.text, data).toMatch(/больше не работает/);
      expect(sent(calls)).toHaveLength(0);
    }
    // "More" for a topic that has no longer part (e.g. edited since): a note, no crash.
    const more = await h.press(u, msg, 'more:shelter');
    expect(more.find((c) => c.method === 'answerCallbackQuery')?.params.text).toMatch(/больше не работает/);
    expect(h.errors()).toEqual([]);
  });

  it('a callback from an inline message (no chat) gets a note', async () => {
    const calls = await h.deliver({ callback_query: { id: 'q1', from: { id: u.id, is_bot: false, first_name: 'A' }, chat_instance: '1', inline_message_id: 'im', data: 'm' } });
    expect(calls.map((c) => c.method)).toEqual(['answerCallbackQuery']);
  });

  it('edited messages are ignored silently', async () => {
    const m = h.api.sendText(u, 'original');
    const calls = await h.deliver({ edited_message: { ...m, text: 'edited', edit_date: 1 } });
    expect(calls).toEqual([]);
    expect(h.nlu.calls).toHaveLength(0);
  });

  it('channel posts, messages from bots and other groups are ignored silently', async () => {
    const channel = { id: -1009, type: 'channel' as const, title: 'c' };
    expect(await h.deliver({ channel_post: { message_id: 1, date: 1, chat: channel, text: 'post' } })).toEqual([]);
    expect(await h.say({ id: 4010, is_bot: true }, 'beep')).toEqual([]);
    expect(await h.say(u, 'hello group', { id: -1005, type: 'supergroup' })).toEqual([]);
    expect(await h.say(u, '/start', { id: -1005, type: 'group' })).toEqual([]);
    expect(await h.deliver({ my_chat_member: { chat: { id: u.id, type: 'private' }, from: { id: u.id, is_bot: false, first_name: 'A' }, date: 1, old_chat_member: { status: 'member', user: h.api.botUser }, new_chat_member: { status: 'kicked', user: h.api.botUser, until_date: 0 } } })).toEqual([]);
    expect(h.nlu.calls).toHaveLength(0);
  });

  it('the staff group reaches the hand-off composer but not the migrant features', async () => {
    const calls = await h.say({ id: 4020 }, '/start', { id: STAFF_CHAT_ID, type: 'supergroup' });
    expect(calls).toEqual([]);
    expect(h.db.prepare('SELECT COUNT(*) AS n FROM users').get()).toEqual({ n: 0 });
  });

  it('an error inside a handler is logged without the text and answered with an apology, no stack trace', async () => {
    h.nlu.classify = async () => {
      throw new Error('model exploded at /secret/path.ts:12');
    };
    const [reply] = sent(await h.say(u, 'my private question about my boss'));
    expect(reply!.params.text).toMatch(/^Извините, у меня что-то сломалось/);
    expect(reply!.params.text).not.toMatch(/exploded|\.ts/);
    const [err] = h.errors();
    expect(err?.msg).toBe('update failed');
    expect(JSON.stringify(h.logLines)).not.toContain('my private question');
  });

  it('a failing Telegram call does not crash the bot; the next update works', async () => {
    h.api.failNext('sendMessage', 2, { status: 400, description: 'Bad Request: something' });
    await h.say(u, '/help');
    expect(h.errors()).toHaveLength(1);
    expect(texts(await h.say(u, '/help'))[0]).toMatch(/\/menu/);
  });
});

describe('flood limit', () => {
  it('drops a flood from one user after the limit, tells them once, and does not affect others', async () => {
    const h = await startHarness({ rateLimit: true });
    try {
      h.nlu.fallback = () => ({ intent: 'shelter' });
      let replies = 0;
      for (let i = 0; i < 30; i++) replies += sent(await h.say(u, `flood ${i}`)).length;
      expect(replies).toBe(21); // 20 answers + one "slow down"
      expect(h.api.textsTo(u.id).filter((t) => /медленнее/.test(t))).toHaveLength(1);
      expect(sent(await h.say({ id: 4030 }, 'hello'))).toHaveLength(1);
    } finally {
      await h.close();
    }
  });
});
