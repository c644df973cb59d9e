import { afterEach, describe, expect, it } from 'vitest';
import { caseRowByCode } from '../../src/handoff/case-queries.js';
import { ADMIN, claimedCase, clock, consentedCase, createHarness, CW1, lastButton, STAFF, tempDbPath, USER, type Harness } from './harness.js';

// SLA: re-alerts, admin DMs, staff hours, idle close. Time is driven through now().

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});
const MIN = 60_000;
const HOUR = 60 * MIN;

describe('hand-off SLA', () => {
  it('an unclaimed case re-alerts the group, then the admins, and survives a restart in between', async () => {
    const c = clock();
    h = await createHarness({ clock: c, dbPath: tempDbPath() });
    const { code, card } = await consentedCase(h);
    c.advance(9 * MIN);
    expect(h.handoff.sweep()).toBe(0);
    await h.restart(); // the deadline is a row, not a timer
    c.advance(2 * MIN);
    expect(h.handoff.sweep()).toBe(1);
    await h.settle();
    const alert = h.fake.callsOf('sendMessage', STAFF).at(-1)!;
    expect(alert.params.text).toContain(`Case ${code}`);
    expect(alert.params.text).toContain('11 min');
    expect(alert.params.reply_parameters.message_id).toBe(card.message_id);
    expect(h.fake.textsTo(ADMIN)).toEqual([]);
    c.advance(10 * MIN);
    h.handoff.sweep();
    await h.settle();
    expect(h.fake.textsTo(ADMIN)).toHaveLength(1);
    expect(h.fake.textsTo(ADMIN)[0]).toContain(code);
    // Once claimed, no more alerts.
    h.fake.setChatMember(STAFF, CW1.id, 'member');
    await h.press(CW1, card, `ho:claim:${code}`);
    c.advance(60 * MIN);
    h.handoff.sweep();
    await h.settle();
    expect(h.fake.textsTo(ADMIN)).toHaveLength(1);
  });

  it('outside staff hours the user hears when someone is back and gets hotline numbers; alerts wait for opening', async () => {
    const c = clock(Date.parse('2026-11-28T08:00:00Z')); // Saturday 12:00 in Baku
    h = await createHarness({ clock: c, env: { STAFF_HOURS: 'Mon-Fri 09:00-18:00', STAFF_TIMEZONE: 'Asia/Baku' } });
    const { code } = await consentedCase(h, { id: 502, language_code: 'en' });
    const told = h.fake.textsTo(502).at(-1)!;
    expect(told).toContain('not on duty');
    expect(told).toContain('Monday');
    expect(told).toContain('09:00');
    expect(told).toContain('EMERGENCY(en)');
    const alertsBefore = h.fake.textsTo(STAFF).length;
    c.advance(3 * HOUR);
    h.handoff.sweep();
    await h.settle();
    expect(h.fake.textsTo(STAFF)).toHaveLength(alertsBefore);
    c.set(Date.parse('2026-11-30T05:11:00Z')); // Monday 09:11 Baku
    h.handoff.sweep();
    await h.settle();
    expect(h.fake.textsTo(STAFF).at(-1)).toContain(`Case ${code}`);
  });

  it('within staff hours the user is not told about opening times', async () => {
    const c = clock(Date.parse('2026-11-30T08:00:00Z')); // Monday 12:00 Baku
    h = await createHarness({ clock: c, env: { STAFF_HOURS: 'Mon-Fri 09:00-18:00' } });
    await consentedCase(h, { id: 503, language_code: 'en' });
    expect(h.fake.textsTo(503).at(-1)).not.toContain('not on duty');
  });

  it('no message from the user for HANDOFF_IDLE_HOURS closes the case with a notice to both sides', async () => {
    const c = clock();
    h = await createHarness({ clock: c });
    const { code } = await claimedCase(h);
    c.advance(71 * HOUR);
    await h.text(USER, 'still here');
    c.advance(71 * HOUR);
    h.handoff.sweep();
    expect(caseRowByCode(h.db, code)!.state).toBe('claimed');
    c.advance(2 * HOUR);
    h.handoff.sweep();
    await h.settle();
    const row = caseRowByCode(h.db, code)!;
    expect(row.state).toBe('closed');
    expect(row.closed_reason).toBe('idle');
    expect(h.fake.textsTo(USER.id).at(-1)).toContain('72');
    expect(h.fake.textsTo(CW1.id).at(-1)).toContain(`Case ${code} closed after 72 hours`);
    expect(h.handoff.hasOpenCase(USER.id)).toBe(false);
  });

  it('an unanswered offer lapses, so the NLU is not silenced forever', async () => {
    const c = clock();
    h = await createHarness({ clock: c });
    await h.text(USER, 'мой паспорт у хозяина');
    await h.settle();
    expect(h.handoff.hasOpenCase(USER.id)).toBe(true);
    c.advance(3 * HOUR);
    h.handoff.sweep();
    expect(h.handoff.hasOpenCase(USER.id)).toBe(false);
    await h.text(USER, 'привет');
    expect(h.fake.textsTo(USER.id).at(-1)).toBe('NLU: привет');
    // The lapsed button is refused.
    const yes = lastButton(h.fake, USER.id, 'ho:ys:');
    await h.press(USER, yes.message, yes.data);
    expect(h.handoff.hasOpenCase(USER.id)).toBe(false);
  });
});
