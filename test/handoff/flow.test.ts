import { afterEach, describe, expect, it } from 'vitest';
import { caseRowByCode } from '../../src/handoff/case-queries.js';
import { createHarness, lastButton, STAFF, type Harness } from './harness.js';

const USER = { id: 501, language_code: 'ru', first_name: 'Aziz' };
const CW1 = { id: 601, first_name: 'Leyla', username: 'leyla' };
const CW2 = { id: 602, first_name: 'Murad', username: 'murad' };
const staffChat = { id: STAFF, type: 'supergroup' as const };

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** Brings a case up to "waiting" with its card in the staff group; returns the code and card message. */
async function consentedCase(harness: Harness, share = true) {
  const { fake, handoff } = harness;
  await harness.text(USER, 'Хозяин забрал мой паспорт и запер дверь, я не могу выйти');
  await handoff.outboxIdle();
  const yes = lastButton(fake, USER.id, share ? 'ho:ys:' : 'ho:yn:');
  const code = yes.data.split(':')[2]!;
  await harness.press(USER, yes.message, yes.data);
  await handoff.outboxIdle();
  const claim = lastButton(fake, STAFF, 'ho:claim:');
  return { code, card: claim.message, claimData: claim.data };
}

describe('hand-off flow', () => {
  it('offer → consent → card → two claims at once, one wins → relay both ways in order → /close', async () => {
    h = await createHarness();
    const { fake, handoff, db } = h;
    fake.setChatMember(STAFF, CW1.id, 'member');
    fake.setChatMember(STAFF, CW2.id, 'administrator');

    await h.text(USER, 'Хозяин забрал мой паспорт и запер дверь, я не могу выйти');
    await handoff.outboxIdle();
    const userTexts = fake.textsTo(USER.id);
    // The bot core answered briefly, then the hand-off asked (in Russian) what the caseworker will see.
    expect(userTexts[0]).toMatch(/^NLU:/);
    const offer = userTexts.at(-1)!;
    expect(offer).toContain('/end');
    expect(offer).toMatch(/номер телефона|телефон/i);
    expect(handoff.hasOpenCase(USER.id)).toBe(true);

    // While the question is open, the NLU stays quiet: the user gets a reminder instead.
    await h.text(USER, 'что?');
    await handoff.outboxIdle();
    expect(fake.textsTo(USER.id).filter((t) => t.startsWith('NLU:'))).toHaveLength(1);

    const yes = lastButton(fake, USER.id, 'ho:ys:');
    const code = yes.data.split(':')[2]!;
    expect(code).toMatch(/^[2-9A-Z]{4}$/);
    await h.press(USER, yes.message, yes.data);
    await handoff.outboxIdle();

    // The card: code, language, risk, indicators, shared text; never the user's id or name.
    const card = fake.callsOf('sendMessage', STAFF).find((c) => c.params.reply_markup)!;
    expect(card.params.text).toContain(code);
    expect(card.params.text).toContain('Русский');
    expect(card.params.text).toContain('document_retention');
    expect(card.params.text).toContain('запер дверь');
    expect(card.params.text).not.toContain(String(USER.id));
    expect(card.params.text).not.toContain('Aziz');

    // Two caseworkers press Claim at the same moment.
    const since = fake.calls.length;
    await Promise.all([h.press(CW1, card.result, `ho:claim:${code}`), h.press(CW2, card.result, `ho:claim:${code}`)]);
    await handoff.outboxIdle();
    const row = caseRowByCode(db, code)!;
    expect(row.state).toBe('claimed');
    const winner = row.caseworker_id === CW1.id ? CW1 : CW2;
    const loser = winner === CW1 ? CW2 : CW1;
    const answers = fake.callsOf('answerCallbackQuery').slice(-2).map((c) => String(c.params.text));
    expect(answers.filter((t) => t.startsWith('You claimed'))).toHaveLength(1);
    expect(answers.filter((t) => t.startsWith('Already claimed'))).toHaveLength(1);
    const claimEvents = db.prepare(`SELECT COUNT(*) AS n FROM handoff_events WHERE case_id = ? AND event = 'claim'`).get(row.id) as { n: number };
    expect(claimEvents.n).toBe(1);
    // The card is edited for everyone; the user hears that someone joined, in Russian.
    const edit = fake.calls.slice(since).find((c) => c.method === 'editMessageText' && Number(c.params.chat_id) === STAFF)!;
    expect(edit.params.message_id).toBe(card.result.message_id);
    expect(edit.params.text).toContain(`Claimed by ${winner.first_name}`);
    expect(edit.params.reply_markup).toBeUndefined();
    expect(fake.textsTo(USER.id).at(-1)).toMatch(/присоединил/);
    // The winner got the brief privately, with the shared text; the loser got nothing privately.
    expect(fake.textsTo(winner.id)[0]).toContain(`Case ${code}`);
    expect(fake.textsTo(winner.id).join('\n')).toContain('запер дверь');
    expect(fake.textsTo(loser.id)).toEqual([]);

    // Relay: user → caseworker (text + voice), caseworker → user, interleaved, in order.
    await h.text(USER, 'U1');
    await h.text(winner, 'A1');
    await h.text(USER, 'U2');
    await h.media(USER, { voice: { file_id: 'v', file_unique_id: 'v', duration: 2 }, caption: 'voice note' });
    await h.text(winner, 'A2');
    await h.text(USER, 'U3');
    await h.text(winner, 'A3');
    await handoff.outboxIdle();
    const toWinner = fake.calls.filter((c) => Number(c.params.chat_id) === winner.id && !c.failed).map((c) => c.params.text ?? c.params.caption);
    expect(toWinner.slice(-4)).toEqual([`[${code}] U1`, `[${code}] U2`, `[${code}] voice note`, `[${code}] U3`]);
    const copy = fake.callsOf('copyMessage', winner.id)[0]!;
    expect(copy.params.from_chat_id).toBe(USER.id);
    expect(fake.textsTo(USER.id).filter((t) => t.startsWith('👤'))).toEqual(['👤 A1', '👤 A2', '👤 A3']);
    // No NLU answers during the hand-off, to either side.
    expect(fake.textsTo(USER.id).filter((t) => t.startsWith('NLU:'))).toHaveLength(1);
    expect(fake.textsTo(winner.id).filter((t) => t.startsWith('NLU:'))).toHaveLength(0);

    // Canned reply in the user's language, then close with an outcome from the group.
    await h.text(winner, `/say ${code} safe_now`);
    await handoff.outboxIdle();
    expect(fake.textsTo(USER.id).at(-1)).toBe('👤 Вы сейчас в безопасности?');
    expect(fake.textsTo(winner.id).at(-1)).toContain('Are you safe now?');

    await h.text(winner, `/close ${code} resolved`, { chat: staffChat });
    await handoff.outboxIdle();
    const closed = caseRowByCode(db, code)!;
    expect(closed.state).toBe('closed');
    expect(closed.outcome).toBe('resolved');
    expect(handoff.hasOpenCase(USER.id)).toBe(false);
    expect(fake.textsTo(USER.id).at(-1)).toMatch(/\/human/);
    const lastCardEdit = fake.callsOf('editMessageText', STAFF).at(-1)!;
    expect(lastCardEdit.params.text).toContain('resolved');

    // After the hand-off, the NLU answers the user again.
    await h.text(USER, 'спасибо');
    expect(fake.textsTo(USER.id).at(-1)).toBe('NLU: спасибо');
  });

  it('urgent: emergency numbers at once, a content-free card before consent, then the full card', async () => {
    h = await createHarness();
    const { fake, handoff } = h;
    await h.text({ id: 777, language_code: 'en' }, 'my boss beat me and I am hurt');
    await handoff.outboxIdle();
    const toUser = fake.textsTo(777);
    expect(toUser[1]).toBe('EMERGENCY(en): 112'); // right after the core's answer, before the question
    expect(toUser[2]).toContain('answer you first');
    const pre = fake.textsTo(STAFF);
    expect(pre).toHaveLength(1);
    expect(pre[0]).toContain('URGENT');
    expect(pre[0]).not.toContain('beat');
    const yes = lastButton(fake, 777, 'ho:ys:');
    await h.press({ id: 777 }, yes.message, yes.data);
    await handoff.outboxIdle();
    expect(fake.textsTo(STAFF)[1]).toContain('beat me');
    expect(fake.callsOf('editMessageText', STAFF)[0]!.params.text).toContain('agreed');
  });

  it('"Not now" declines: nothing is kept, no card, the NLU answers again', async () => {
    h = await createHarness();
    const { fake, handoff, db } = h;
    await h.text(USER, 'мой паспорт у хозяина');
    await handoff.outboxIdle();
    const no = lastButton(fake, USER.id, 'ho:no:');
    await h.press(USER, no.message, no.data);
    await handoff.outboxIdle();
    expect(handoff.hasOpenCase(USER.id)).toBe(false);
    expect(fake.textsTo(STAFF)).toEqual([]);
    expect((db.prepare('SELECT COUNT(*) AS n FROM handoff_messages').get() as { n: number }).n).toBe(0);
    await h.text(USER, 'привет');
    expect(fake.textsTo(USER.id).at(-1)).toBe('NLU: привет');
  });

  it('/human and the "Talk to a person" button offer without sharing; /end by the user ends it', async () => {
    h = await createHarness();
    const { fake, handoff } = h;
    const u = { id: 888, language_code: 'az' };
    await h.text(u, '/human');
    await handoff.outboxIdle();
    const yes = lastButton(fake, 888, 'ho:yn:');
    await h.press(u, yes.message, yes.data);
    await handoff.outboxIdle();
    expect(fake.textsTo(STAFF)[0]).toContain('no earlier messages');
    await h.text(u, '/end');
    await handoff.outboxIdle();
    expect(handoff.hasOpenCase(888)).toBe(false);
    await h.press(u, { chat: { id: 888, type: 'private' } as never, message_id: 1 }, 'ho:req');
    await handoff.outboxIdle();
    expect(handoff.hasOpenCase(888)).toBe(true);
  });

  it('a caseworker who never started the bot is told in the group; messages arrive once they do', async () => {
    h = await createHarness();
    const { fake, handoff } = h;
    fake.setChatMember(STAFF, CW1.id, 'member');
    fake.blockChat(CW1.id); // 403 "can't initiate conversation" until they press Start
    const { code, card } = await consentedCase(h);
    await h.press(CW1, card, `ho:claim:${code}`);
    await handoff.outboxIdle();
    expect(fake.textsTo(STAFF).some((t) => t.includes('cannot write to you privately'))).toBe(true);
    const failed = h.db.prepare(`SELECT COUNT(*) AS n FROM handoff_outbox WHERE chat_id = ? AND state = 'failed'`).get(CW1.id) as { n: number };
    expect(failed.n).toBeGreaterThan(0);
    await h.text(USER, 'are you there?');
    // They press Start: everything that failed, and what came since, arrives in order.
    fake.unblockChat(CW1.id);
    await h.text(CW1, '/start');
    await handoff.outboxIdle();
    const got = fake.textsTo(CW1.id).filter((t) => !t.startsWith('NLU:'));
    expect(got[0]).toContain(`Case ${code}`);
    expect(got.at(-1)).toBe(`[${code}] are you there?`);
    expect(fake.textsTo(STAFF).filter((t) => t.includes('cannot write to you privately'))).toHaveLength(1);
  });

  it('without a staff group: verified numbers and a Menu button, never a promise of a person', async () => {
    h = await createHarness({ env: { STAFF_CHAT_ID: '' } });
    await h.text(USER, 'Хозяин забрал мой паспорт и запер дверь, я не могу выйти');
    await h.handoff.outboxIdle();
    const reply = h.fake.callsOf('sendMessage', USER.id).at(-1)!;
    expect(String(reply.params.text)).toContain('EMERGENCY(ru): 112');
    expect(reply.params.reply_markup.inline_keyboard[0][0].callback_data).toBe('m');
    expect(h.handoff.hasOpenCase(USER.id)).toBe(false);
    expect(h.fake.callsOf('sendMessage').filter((c) => Number(c.params.chat_id) < 0)).toEqual([]);
  });
});
