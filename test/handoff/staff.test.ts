import { afterEach, describe, expect, it } from 'vitest';
import { caseRowByCode, getTranscript } from '../../src/handoff/case-queries.js';
import { claimedCase, consentedCase, createHarness, CW1, CW2, STAFF, staffChat, USER, type Harness } from './harness.js';

// Who may act on cases, and the staff commands.

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});
const STRANGER = { id: 700, first_name: 'Eve' };

describe('hand-off staff access', () => {
  it('a non-member of the staff group cannot claim, by button or by command', async () => {
    h = await createHarness();
    const { code, card } = await consentedCase(h);
    await h.press(STRANGER, card, `ho:claim:${code}`);
    await h.text(STRANGER, `/claim ${code}`, { chat: staffChat });
    await h.text(STRANGER, `/claim ${code}`); // in private
    await h.settle();
    expect(caseRowByCode(h.db, code)!.state).toBe('waiting');
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)!.params.text).toContain('Only members');
    expect(h.fake.callsOf('getChatMember').some((c) => Number(c.params.user_id) === STRANGER.id)).toBe(true);
    expect(h.fake.textsTo(STRANGER.id)).toEqual([expect.stringContaining('Only members')]);
  });

  it('a forged claim callback outside the staff group is refused, even from a staff member', async () => {
    h = await createHarness();
    h.fake.setChatMember(STAFF, CW1.id, 'member');
    const { code } = await consentedCase(h);
    await h.press(USER, { chat: { id: USER.id, type: 'private' } as never, message_id: 1 }, `ho:claim:${code}`);
    await h.press(CW1, { chat: { id: CW1.id, type: 'private' } as never, message_id: 1 }, `ho:claim:${code}`);
    await h.press(CW1, { chat: { id: -100999, type: 'supergroup' } as never, message_id: 1 }, `ho:claim:${code}`);
    expect(caseRowByCode(h.db, code)!.state).toBe('waiting');
  });

  it('membership is cached briefly: two actions cost one getChatMember', async () => {
    h = await createHarness();
    h.fake.setChatMember(STAFF, CW1.id, 'member');
    await consentedCase(h);
    await h.text(CW1, '/cases', { chat: staffChat });
    await h.text(CW1, '/cases', { chat: staffChat });
    expect(h.fake.callsOf('getChatMember').filter((c) => Number(c.params.user_id) === CW1.id)).toHaveLength(1);
  });
});

describe('hand-off staff commands', () => {
  it('/cases, /note (internal), /release, /claim, /transfer @user, /case and reply-to routing', async () => {
    h = await createHarness();
    h.fake.setChatMember(STAFF, CW2.id, 'member');
    const { code } = await claimedCase(h);
    await h.text(CW2, 'hi all', { chat: staffChat }); // the bot learns @murad from the group

    await h.text(CW1, '/cases', { chat: staffChat });
    await h.settle();
    expect(h.fake.textsTo(STAFF).at(-1)).toMatch(new RegExp(`${code} .*claimed.*Leyla`));

    await h.text(CW1, `/note ${code} user sounds scared, call back after 18:00`);
    await h.settle();
    expect(h.fake.textsTo(USER.id).join('\n')).not.toContain('scared');
    const notes = getTranscript(h.db, caseRowByCode(h.db, code)!.id, h.handoff.crypto).filter((e) => e.direction === 'note');
    expect(notes.map((n) => n.text)).toEqual(['user sounds scared, call back after 18:00']);

    await h.text(CW1, `/release ${code}`, { chat: staffChat });
    await h.settle();
    expect(caseRowByCode(h.db, code)!.state).toBe('waiting');
    expect(h.fake.textsTo(USER.id).at(-1)).toMatch(/отойти/);
    await h.text(CW1, `/claim ${code}`, { chat: staffChat });
    await h.text(CW1, `/transfer ${code} @murad`, { chat: staffChat });
    await h.settle();
    const row = caseRowByCode(h.db, code)!;
    expect(row.caseworker_id).toBe(CW2.id);
    expect(h.fake.textsTo(CW2.id).join('\n')).toContain(`transferred to you`);

    // The new caseworker replies to a relayed message: it reaches the user.
    await h.text(USER, 'кто здесь?');
    await h.settle();
    const relayed = h.fake.callsOf('sendMessage', CW2.id).find((c) => c.params.text === `[${code}] кто здесь?`)!;
    await h.text(CW2, 'Меня зовут Мурад', { replyTo: relayed.result });
    await h.settle();
    expect(h.fake.textsTo(USER.id).at(-1)).toBe('👤 Меня зовут Мурад');
    // The previous caseworker's messages no longer go anywhere.
    await h.text(CW1, 'late message');
    await h.settle();
    expect(h.fake.textsTo(USER.id)).not.toContain('👤 late message');
  });

  it('a caseworker with two cases picks one with /case; /end from the caseworker ends the active case', async () => {
    h = await createHarness();
    const a = await claimedCase(h);
    const other = { id: 520, language_code: 'en' };
    const b = await claimedCase(h, other);
    await h.text(CW1, 'to whom?');
    await h.settle();
    // The second claim made b active, so this went to b's user; /case switches.
    expect(h.fake.textsTo(other.id).at(-1)).toBe('👤 to whom?');
    await h.text(CW1, `/case ${a.code}`);
    await h.text(CW1, 'for A');
    await h.settle();
    expect(h.fake.textsTo(USER.id).at(-1)).toBe('👤 for A');
    await h.text(CW1, '/end');
    await h.settle();
    expect(caseRowByCode(h.db, a.code)!.state).toBe('closed');
    expect(caseRowByCode(h.db, b.code)!.state).toBe('claimed');
    expect(h.fake.textsTo(CW1.id).at(-1)).toContain(`/close ${a.code}`);
    // Recording the outcome afterwards.
    await h.text(CW1, `/close ${a.code} referred`);
    await h.settle();
    expect(caseRowByCode(h.db, a.code)!.outcome).toBe('referred');
  });

  it('/say lists keys, rejects unknown ones, and sends the hotline from the knowledge base', async () => {
    h = await createHarness();
    const { code } = await claimedCase(h);
    await h.text(CW1, `/say ${code}`);
    await h.text(CW1, `/say ${code} nonsense`);
    await h.text(CW1, `/say hotline`); // CODE omitted in private: the active case
    await h.settle();
    const cw = h.fake.textsTo(CW1.id);
    expect(cw.at(-3)).toContain('safe_now');
    expect(cw.at(-2)).toContain('Unknown canned reply');
    expect(h.fake.textsTo(USER.id).at(-1)).toBe('👤 EMERGENCY(ru): 112');
  });

  it('the user ending the case tells the caseworker and asks for an outcome', async () => {
    h = await createHarness();
    const { code } = await claimedCase(h);
    await h.text(USER, '/end');
    await h.settle();
    expect(caseRowByCode(h.db, code)!.closed_reason).toBe('user_end');
    expect(h.fake.textsTo(CW1.id).at(-1)).toContain(`The user ended case ${code}`);
    await h.text(USER, 'hello again');
    expect(h.fake.textsTo(USER.id).at(-1)).toBe('NLU: hello again');
  });
});
