import { describe, expect, it, vi } from 'vitest';
import { encodeCallback } from '../../src/bot/callback-data.js';
import { getUser } from '../../src/storage/user-queries.js';
import { buttons, sent, useHarness, texts, type Harness } from './harness.js';

vi.mock('../../src/nlu/risk/accumulate.js', async () => ({
  accumulateRisk: (await import('../support/fakes.js')).fakeAccumulateRisk,
}));

const u = { id: 3001, language_code: 'en' };
const count = (h: Harness, table: string, userId = u.id) =>
  (h.db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE user_id = ?`).get(userId) as { n: number }).n;

describe('commands', () => {
  let h: Harness;
  useHarness((harness) => (h = harness));

  it('/help lists /human and the other commands; /privacy explains what is kept', async () => {
    const help = texts(await h.say(u, '/help'))[0]!;
    for (const c of ['/menu', '/human', '/language', '/privacy', '/clear', '/forget']) expect(help).toContain(c);
    expect(texts(await h.say(u, '/privacy'))[0]).toMatch(/I do not keep your name or phone number/);
    expect(buttons(sent(await h.say(u, '/language'))[0]).map((b) => b.data)).toContain('l:fa');
  });

  it('an unknown command gets a short help, not the NLU', async () => {
    const [reply] = sent(await h.say(u, '/weather'));
    expect(reply!.params.text).toMatch(/don't know this command/);
    expect(h.nlu.calls).toHaveLength(0);
  });

  it('/forget asks first; "No" keeps everything', async () => {
    await h.say(u, 'hello there');
    const [ask] = sent(await h.say(u, '/forget'));
    expect(ask!.params.text).toMatch(/Delete everything/);
    const no = buttons(ask).find((b) => b.data.startsWith('f:n'))!;
    const calls = await h.press(u, ask!.result, no.data);
    expect(calls.find((c) => c.method === 'editMessageText')?.params.text).toMatch(/nothing was deleted/);
    expect(getUser(h.db, u.id)).toBeDefined();
  });

  it('/forget confirmed deletes the user row (cascading) and the hand-off data, and says so', async () => {
    h.nlu.on('they took my passport', { intent: 'passport_confiscated', risk: { level: 'medium', indicators: ['document_retention'] } });
    await h.say(u, 'they took my passport');
    expect(count(h, 'risk_events')).toBe(1);
    expect(count(h, 'chat_messages')).toBeGreaterThan(0);
    const [ask] = sent(await h.say(u, '/forget'));
    const yes = buttons(ask).find((b) => b.data.startsWith('f:y'))!;
    const calls = await h.press(u, ask!.result, yes.data);
    expect(calls.find((c) => c.method === 'editMessageText')?.params.text).toBe('Done. I deleted everything I kept about you.');
    expect(getUser(h.db, u.id)).toBeUndefined();
    expect(count(h, 'risk_events')).toBe(0);
    expect(count(h, 'chat_messages')).toBe(0);
    expect(h.handoff.forgotten).toEqual([u.id]);
    expect(h.memory.recentTexts(u.id)).toEqual([]);
  });

  it('/forget says when an open case was kept', async () => {
    const [ask] = sent(await h.say(u, '/forget'));
    h.handoff.openCases.add(u.id);
    const calls = await h.press(u, ask!.result, buttons(ask).find((b) => b.data.startsWith('f:y'))!.data);
    expect(calls.find((c) => c.method === 'editMessageText')?.params.text).toMatch(/open conversation with a caseworker/);
  });

  it('a stale /forget confirmation is refused', async () => {
    await h.say(u, 'hi');
    const stale = encodeCallback({ kind: 'forget', confirm: true, issuedAt: h.clock.now - 60 * 60 * 1000 });
    const calls = await h.press(u, { chat: { id: u.id, type: 'private' }, message_id: 1 }, stale);
    expect(calls.find((c) => c.method === 'answerCallbackQuery')?.params.text).toMatch(/too old/);
    expect(getUser(h.db, u.id)).toBeDefined();
  });

  it('/clear deletes every recorded message id of the chat (user and bot), in batches of ≤100, and stores no text', async () => {
    const other = { id: 3002 };
    await h.say(other, 'someone else');
    h.nlu.fallback = () => ({ intent: 'shelter' });
    for (let i = 0; i < 60; i++) await h.say(u, `question ${i}`); // 60 in + 60 out
    const ids = (h.db.prepare('SELECT message_id FROM chat_messages WHERE user_id = ?').all(u.id) as { message_id: number }[]).map((r) => r.message_id);
    expect(ids.length).toBe(120);
    // Only ids and times are stored: no column can hold the text.
    expect(Object.keys(h.db.prepare('SELECT * FROM chat_messages LIMIT 1').get() as object).sort()).toEqual(['at', 'message_id', 'user_id']);
    const calls = await h.say(u, '/clear');
    const deletions = calls.filter((c) => c.method === 'deleteMessages');
    expect(deletions.length).toBe(2);
    expect(deletions.every((c) => c.params.chat_id === u.id && c.params.message_ids.length <= 100)).toBe(true);
    const deleted = deletions.flatMap((c) => c.params.message_ids as number[]);
    expect(deleted.length).toBe(121); // + the /clear message itself
    expect(new Set(deleted).size).toBe(121);
    for (const id of ids) expect(deleted).toContain(id);
    expect(texts(calls)).toEqual(['Done.']);
    // The other user's ids are untouched; ours now hold only the neutral line.
    expect(count(h, 'chat_messages', other.id)).toBe(2);
    expect(count(h, 'chat_messages')).toBe(1);
  });

  it('/clear falls back to deleteMessage one by one when deleteMessages fails', async () => {
    await h.say(u, 'one');
    h.api.failNext('deleteMessages', 1, { status: 400, description: 'Bad Request: method not supported' });
    const calls = await h.say(u, '/clear');
    expect(calls.filter((c) => c.method === 'deleteMessage').length).toBe(3);
    expect(texts(calls)).toEqual(['Done.']);
  });

  it('/clear only deletes messages of the last 48 hours', async () => {
    await h.say(u, 'old message');
    h.clock.now += 49 * 60 * 60 * 1000;
    await h.say(u, 'new message');
    const calls = await h.say(u, '/clear');
    const deleted = calls.filter((c) => c.method === 'deleteMessages').flatMap((c) => c.params.message_ids as number[]);
    expect(deleted).toHaveLength(3); // new message, its answer, /clear
  });

  it('👍 / 👎 are stored anonymously; 👎 records the question and removes the vote buttons', async () => {
    h.nlu.on('how do I get a work permit', { intent: 'work_permit' });
    const [answer] = sent(await h.say(u, 'how do I get a work permit'));
    const calls = await h.press(u, answer!.result, 'v:down:work_permit');
    expect(h.db.prepare('SELECT topic, lang, vote FROM feedback').all()).toEqual([{ topic: 'work_permit', lang: 'en', vote: -1 }]);
    expect(h.db.prepare("SELECT text, reason FROM missed_questions").all()).toEqual([{ text: 'how do I get a work permit', reason: 'downvote' }]);
    const edit = calls.find((c) => c.method === 'editMessageReplyMarkup')!;
    expect(edit.params.reply_markup.inline_keyboard.flat().map((b: any) => b.callback_data)).toEqual(['h', 'm']);
    expect(texts(calls)[0]).toMatch(/Sorry this did not help/);
  });
});
