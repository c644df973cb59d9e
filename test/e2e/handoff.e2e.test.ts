import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeBotApi, type FakeBotApi } from '../support/fake-bot-api.js';
import { buttons, cleanup, consentedCase, DANGER, missing, readDb, sendTo, STAFF, startBot, tempDir, textsMatching, waitForTexts, WAIT, type BotProcess } from './support.js';

// The scenario against the real process: a worker describes a passport taken and a locked
// door → brief answer + consent question → Yes → card in the staff group (nothing identifying) →
// two caseworkers claim at once (one wins) → relay both ways in order → /close → normal bot again.
// Plus: a non-member pressing Claim, and a forged ho:claim from a private chat, change nothing.

const USER = { id: 700101, language_code: 'en', first_name: 'Aziz', username: 'aziz_worker' };
const CW1 = { id: 700201, first_name: 'Leyla', username: 'leyla_ngo' };
const CW2 = { id: 700202, first_name: 'Murad', username: 'murad_ngo' };
const OUTSIDER = { id: 700301, first_name: 'Eve', username: 'eve_outside' };

describe.skipIf(missing.length > 0)('e2e: hand-off with the real process', () => {
  let fake: FakeBotApi;
  let bot: BotProcess;
  let dbPath: string;

  beforeAll(async () => {
    fake = await startFakeBotApi();
    dbPath = join(tempDir(), 'bot.db');
    bot = await startBot(fake, dbPath);
  }, 90_000);

  afterAll(async () => {
    await cleanup();
    await fake?.close();
  });

  it('danger → consent → card → contested claim → ordered relay → /close → normal answers', async () => {
    fake.setChatMember(STAFF, CW1.id, 'member');
    fake.setChatMember(STAFF, CW2.id, 'administrator');
    // OUTSIDER stays 'left' (the fake's default).

    // 1. Brief answer, then the consent question (with what the caseworker will and will not see).
    const { code, card, offer, brief } = await consentedCase(fake, USER);
    expect(code).toMatch(/^[A-Z0-9]{3,8}$/);
    expect(brief.length).toBeGreaterThanOrEqual(1);
    expect(brief.every((c) => String(c.params.text).length < 2000)).toBe(true);
    expect(offer.params.text).toMatch(/caseworker/i);
    expect(buttons(offer).map((b) => b.callback_data)).toEqual(expect.arrayContaining([`ho:ys:${code}`, `ho:yn:${code}`, `ho:no:${code}`]));

    // 2. The card: code, level, indicators, the shared sentence — never who the user is.
    const cardText = String(card.params.text);
    expect(cardText).toContain(code);
    expect(cardText).toMatch(/document_retention/);
    expect(cardText).toContain(DANGER);
    for (const secret of [String(USER.id), USER.first_name, USER.username, '+994']) expect(cardText).not.toContain(secret);
    const cardMessageId = card.result.message_id as number;

    // 3. A non-member pressing Claim in the group is refused; nothing changes.
    let since = fake.calls.length;
    const outsiderPress = fake.pressButton(OUTSIDER, card.result, `ho:claim:${code}`);
    const refused = await fake.waitForCall((c) => c.method === 'answerCallbackQuery' && c.params.callback_query_id === outsiderPress.id, WAIT, since);
    expect(refused.params.text).toMatch(/Only members/);
    expect(refused.params.show_alert).toBe(true);

    // 4. A forged ho:claim from a private chat (even by a real staff member) is refused.
    const forged = fake.pressButton(CW1, { chat: { id: CW1.id, type: 'private' }, message_id: 1 }, `ho:claim:${code}`);
    const forgedAnswer = await fake.waitForCall((c) => c.method === 'answerCallbackQuery' && c.params.callback_query_id === forged.id, WAIT, since);
    expect(forgedAnswer.params.text).toMatch(/Only members/);
    const afterForgery = fake.calls.filter((c) => c.seq >= since);
    const cardEdits = afterForgery.filter((c) => c.method === 'editMessageText' && c.params.message_id === cardMessageId);
    expect(cardEdits).toEqual([]);
    expect(afterForgery.filter(sendTo(USER.id))).toEqual([]);
    expect(afterForgery.filter(sendTo(CW1.id))).toEqual([]);
    expect(readDb(dbPath, (db) => db.prepare('SELECT state, caseworker_id FROM handoff_cases WHERE code = ?').get(code))).toEqual({ state: 'waiting', caseworker_id: null });

    // 5. Two caseworkers press Claim at the same moment (one getUpdates batch).
    since = fake.calls.length;
    const p1 = fake.pressButton(CW1, card.result, `ho:claim:${code}`);
    const p2 = fake.pressButton(CW2, card.result, `ho:claim:${code}`);
    const answerOf = (id: string) => fake.waitForCall((c) => c.method === 'answerCallbackQuery' && c.params.callback_query_id === id, WAIT, since);
    const [a1, a2] = await Promise.all([answerOf(p1.id), answerOf(p2.id)]);
    const won1 = /You claimed/.test(String(a1.params.text));
    const won2 = /You claimed/.test(String(a2.params.text));
    expect(won1 !== won2).toBe(true);
    const [winner, loser, loserAnswer] = won1 ? [CW1, CW2, a2] : [CW2, CW1, a1];
    expect(loserAnswer.params.text).toContain(`Already claimed by ${winner.first_name}`);

    const edit = await fake.waitForCall(
      (c) => c.method === 'editMessageText' && Number(c.params.chat_id) === STAFF && c.params.message_id === cardMessageId && /Claimed by/.test(c.params.text),
      WAIT,
      since,
    );
    expect(edit.params.text).toContain(`Claimed by ${winner.first_name}`);
    expect(buttons(edit)).toEqual([]); // no Claim button left for anyone
    await fake.waitForCall(sendTo(USER.id, (c) => /caseworker has joined/.test(c.params.text)), WAIT, since);
    await fake.waitForCall(sendTo(winner.id, (c) => String(c.params.text).includes(`Case ${code}`)), WAIT, since);
    expect(fake.textsTo(USER.id).filter((t) => /caseworker has joined/.test(t))).toHaveLength(1);

    // 6. Five messages each way, sent as fast as possible, arrive in order, exactly once.
    for (let i = 1; i <= 5; i++) fake.sendText(USER, `user line ${i}`);
    for (let i = 1; i <= 5; i++) fake.sendText(winner, `worker line ${i}`);
    const toWorker = await waitForTexts(fake, winner.id, /user line/, 5);
    const toUser = await waitForTexts(fake, USER.id, /worker line/, 5);
    expect(toWorker).toEqual([1, 2, 3, 4, 5].map((i) => `[${code}] user line ${i}`));
    expect(toUser).toEqual([1, 2, 3, 4, 5].map((i) => `👤 worker line ${i}`));
    expect(textsMatching(fake, loser.id, /line/)).toEqual([]);
    // The bot core stayed silent for the user during the hand-off (no NLU answers to "user line").
    expect(fake.textsTo(USER.id).filter((t) => /user line/.test(t))).toEqual([]);

    // 7. /close CODE resolved in the private chat: the user is told, the card says closed.
    since = fake.calls.length;
    fake.sendText(winner, `/close ${code} resolved`);
    await fake.waitForCall(sendTo(winner.id, (c) => new RegExp(`Case ${code} closed`).test(c.params.text)), WAIT, since);
    await fake.waitForCall(sendTo(USER.id, (c) => /caseworker has ended/.test(c.params.text)), WAIT, since);
    await fake.waitForCall((c) => c.method === 'editMessageText' && c.params.message_id === cardMessageId && /Closed: closed by the caseworker · resolved/.test(c.params.text), WAIT, since);

    // 8. The bot answers the user normally again; nothing more reaches the caseworker.
    since = fake.calls.length;
    const cwBefore = fake.textsTo(winner.id).length;
    fake.sendText(USER, 'Where can I find a free lawyer?');
    const normal = await fake.waitForCall(sendTo(USER.id), WAIT, since);
    expect(String(normal.params.text)).not.toMatch(/^👤/);
    expect(String(normal.params.text).length).toBeGreaterThan(20);
    expect(fake.textsTo(winner.id).length).toBe(cwBefore);

    // Privacy: no message text in the logs.
    expect(bot.stdout()).not.toContain('user line');
    expect(bot.stdout()).not.toContain('passport and locked');
  }, 120_000);
});
