import { describe, expect, it, vi } from 'vitest';
import { getUser } from '../../src/storage/user-queries.js';
import { buttons, sent, useHarness, texts, type Harness } from './harness.js';

vi.mock('../../src/nlu/risk/accumulate.js', async () => ({
  accumulateRisk: (await import('../support/fakes.js')).fakeAccumulateRisk,
}));

const en = { id: 2001, language_code: 'en' };

describe('free text', () => {
  let h: Harness;
  useHarness((harness) => (h = harness));

  it('answers a confident topic in the user language with the source line and the buttons', async () => {
    h.nlu.on('my boss does not pay me', { intent: 'unpaid_wages' });
    const calls = await h.say(en, 'my boss does not pay me');
    expect(h.nlu.calls[0]).toEqual({ text: 'my boss does not pay me', options: { preferredLanguage: 'en' } });
    const [answer] = sent(calls);
    expect(answer!.params.text).toContain('[en] answer about unpaid_wages');
    expect(answer!.params.text).toContain('Source: OSCE report 2014');
    expect(buttons(answer).map((b) => b.data)).toEqual(['v:up:unpaid_wages', 'v:down:unpaid_wages', 'more:unpaid_wages', 'h', 'm']);
    expect(h.db.prepare('SELECT channel, topic, outcome FROM interactions').all()).toEqual([
      { channel: 'text', topic: 'unpaid_wages', outcome: 'answered' },
    ]);
  });

  it("'unsure' shows the 3 likeliest topics plus Talk to a person, and records the missed question without a user id", async () => {
    h.nlu.on('papers problem', {
      intent: 'registration',
      status: 'unsure',
      confidence: 0.4,
      candidates: [
        { intent: 'registration', score: 0.4 },
        { intent: 'greeting', score: 0.35 },
        { intent: 'work_permit', score: 0.3 },
        { intent: 'irregular_status', score: 0.2 },
        { intent: 'passport_confiscated', score: 0.1 },
      ],
    });
    const [reply] = sent(await h.say(en, 'papers problem'));
    expect(reply!.params.text).toMatch(/not sure I understood/);
    expect(buttons(reply).map((b) => b.data)).toEqual(['t:registration', 't:work_permit', 't:irregular_status', 'h', 'm']);
    const missed = h.db.prepare('SELECT * FROM missed_questions').all() as Record<string, unknown>[];
    expect(missed).toHaveLength(1);
    expect(missed[0]).toMatchObject({ text: 'papers problem', reason: 'unsure', guess_topic: 'registration' });
    expect(Object.values(missed[0]!)).not.toContain(en.id);
  });

  it("'out_of_scope' says what the bot covers and offers the menu", async () => {
    const [reply] = sent(await h.say(en, 'who won the football match yesterday?'));
    expect(reply!.params.text).toMatch(/work and migration in Azerbaijan/);
    expect(buttons(reply).map((b) => b.data)).toEqual(['m']);
    expect(h.db.prepare('SELECT reason FROM missed_questions').all()).toEqual([{ reason: 'out_of_scope' }]);
  });

  it('greeting and thanks are answered from UI strings, not the knowledge base', async () => {
    h.nlu.on('salam', { intent: 'greeting' }).on('thank you', { intent: 'thanks' });
    expect(texts(await h.say(en, 'salam'))[0]).toMatch(/^Hello! Write your question/);
    expect(texts(await h.say(en, 'thank you'))[0]).toMatch(/You are welcome/);
  });

  it('three misunderstood messages in a row hand off with reason misunderstood, then the streak restarts', async () => {
    await h.say(en, 'blah one');
    await h.say(en, 'blah two');
    expect(h.handoff.offers).toHaveLength(0);
    expect(getUser(h.db, en.id)?.misunderstoodStreak).toBe(2);
    await h.say(en, 'blah three');
    expect(h.handoff.offers.map((o) => o.trigger.reason)).toEqual(['misunderstood']);
    expect(h.handoff.offers[0]!.trigger.recentTexts).toEqual(['blah one', 'blah two', 'blah three']);
    expect(getUser(h.db, en.id)?.misunderstoodStreak).toBe(0);
  });

  it('a confident answer resets the misunderstood streak', async () => {
    h.nlu.on('wages', { intent: 'unpaid_wages' });
    await h.say(en, 'blah one');
    await h.say(en, 'blah two');
    await h.say(en, 'wages');
    await h.say(en, 'blah three');
    expect(h.handoff.offers).toHaveLength(0);
  });

  it('talk_to_human hands off with reason request', async () => {
    h.nlu.on('I want to talk to a real person', { intent: 'talk_to_human' });
    await h.say(en, 'I want to talk to a real person');
    expect(h.handoff.offers.map((o) => o.trigger)).toEqual([
      { reason: 'request', level: 'none', indicators: [], recentTexts: ['I want to talk to a real person'] },
    ]);
  });

  it('medium risk answers and offers a caseworker', async () => {
    h.nlu.on('my salary is two months late', { intent: 'unpaid_wages', risk: { level: 'medium', indicators: ['wage_withholding'] } });
    const [answer] = sent(await h.say(en, 'my salary is two months late'));
    expect(answer!.params.text).toMatch(/a caseworker can talk with you/);
    expect(buttons(answer).find((b) => b.data === 'h')?.text).toMatch(/caseworker/);
    expect(h.handoff.offers).toHaveLength(0);
    expect(h.db.prepare('SELECT indicator FROM risk_events').all()).toEqual([{ indicator: 'wage_withholding' }]);
  });

  it('high risk gives a brief answer, then calls handoff.offer with level, indicators and recent texts', async () => {
    h.nlu.on('my boss took my passport', { intent: 'passport_confiscated', risk: { level: 'high', indicators: ['document_retention'] } });
    const calls = await h.say(en, 'my boss took my passport');
    const [answer, offer] = sent(calls);
    expect(answer!.params.text).toContain('answer about passport_confiscated');
    expect(offer!.params.text).toBe('[handoff offer: risk/high]');
    expect(h.handoff.offers[0]!.trigger).toEqual({
      reason: 'risk',
      level: 'high',
      indicators: ['document_retention'],
      recentTexts: ['my boss took my passport'],
    });
    // The texts stay in memory, never in SQLite.
    const dump = JSON.stringify(h.db.prepare("SELECT * FROM users").all()) + JSON.stringify(h.db.prepare('SELECT * FROM risk_events').all());
    expect(dump).not.toContain('passport');
  });

  it('risk accumulates over messages: two medium indicators become high and hand off once', async () => {
    h.nlu.on('they pay late', { intent: 'unpaid_wages', risk: { level: 'medium', indicators: ['wage_withholding'] } });
    h.nlu.on('we work 14 hours every day', { intent: 'working_conditions', risk: { level: 'medium', indicators: ['excessive_hours'] } });
    await h.say(en, 'they pay late');
    expect(h.handoff.offers).toHaveLength(0);
    await h.say(en, 'we work 14 hours every day');
    expect(h.handoff.offers.map((o) => [o.trigger.reason, o.trigger.level])).toEqual([['risk', 'high']]);
    // A third, unrelated question does not repeat the offer, but still offers a caseworker button.
    h.nlu.on('what is a contract', { intent: 'employment_contract' });
    const [answer] = sent(await h.say(en, 'what is a contract'));
    expect(h.handoff.offers).toHaveLength(1);
    expect(buttons(answer).find((b) => b.data === 'h')?.text).toMatch(/caseworker/);
  });

  it('urgent risk shows emergency numbers first', async () => {
    h.nlu.on('he beats me and I cannot leave', { intent: 'trafficking_info', risk: { level: 'urgent', indicators: ['physical_violence'] } });
    const t = texts(await h.say(en, 'he beats me and I cannot leave'));
    expect(t[0]).toBe('[en] EMERGENCY: call 112');
    expect(t.at(-1)).toBe('[handoff offer: risk/urgent]');
  });

  it('keeps only the last 5 texts in memory for the hand-off', async () => {
    for (let i = 1; i <= 7; i++) await h.say({ id: 2002 }, `message number ${i}`);
    expect(h.memory.recentTexts(2002)).toEqual([3, 4, 5, 6, 7].map((i) => `message number ${i}`));
  });

  it('a user with an open case is relayed by the hand-off composer, never classified', async () => {
    h.handoff.openCases.add(en.id);
    const t = texts(await h.say(en, 'hello caseworker'));
    expect(t).toEqual(['[relayed to caseworker]']);
    expect(h.nlu.calls).toHaveLength(0);
  });

  it('language mismatch: answers in the chosen language, with a one-tap switch written in the other', async () => {
    const ru = { id: 2003, language_code: 'ru' };
    const [welcome] = sent(await h.say(ru, '/start'));
    await h.press(ru, welcome!.result, 'l:ru:s');
    h.nlu.on('İşəgötürən maaşımı iki aydır vermir', { intent: 'unpaid_wages', language: 'az', languageConfidence: 0.93 });
    const [answer] = sent(await h.say(ru, 'İşəgötürən maaşımı iki aydır vermir'));
    expect(answer!.params.text).toContain('[ru] answer about unpaid_wages');
    const sw = buttons(answer).at(-1)!;
    expect(sw).toEqual({ text: '🌐 Azərbaycanca davam et', data: 'l:az:t:unpaid_wages' });
    // Short or low-confidence texts do not trigger the offer.
    h.nlu.on('salam', { intent: 'greeting', language: 'az', languageConfidence: 0.99 });
    expect(buttons(sent(await h.say(ru, 'salam'))[0]).map((b) => b.data).filter((d) => d.startsWith('l:'))).toEqual([]);
    // Switching from under the answer says so and shows that same answer again, now in Azerbaijani.
    const [switched, again] = sent(await h.press(ru, answer!.result, sw.data));
    expect(switched!.params.text).toBe('Yaxşı. Dil: Azərbaycanca.');
    expect(again!.params.text).toContain('[az] answer about unpaid_wages');
    expect(buttons(again).map((b) => b.data)).toEqual(['v:up:unpaid_wages', 'v:down:unpaid_wages', 'more:unpaid_wages', 'h', 'm']);
    expect(getUser(h.db, ru.id)?.lang).toBe('az');
  });
});
