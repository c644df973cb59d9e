import { describe, expect, it, vi } from 'vitest';

vi.mock('../../src/nlu/risk/accumulate.js', async () => ({
  accumulateRisk: (await import('../support/fakes.js')).fakeAccumulateRisk,
}));
import { ANSWER_TOPICS } from '../../src/contract.js';
import { LANGUAGE_NAMES } from '../../src/i18n/languages.js';
import { getUser } from '../../src/storage/user-queries.js';
import { buttons, sent, useHarness, texts, type Harness } from './harness.js';

const user = { id: 1001, language_code: 'ru' };

describe('start, language and menu', () => {
  let h: Harness;
  useHarness((harness) => (h = harness));

  it('/start greets in the Telegram language and offers every language named in itself', async () => {
    const calls = await h.say(user, '/start');
    const [welcome] = sent(calls);
    expect(welcome?.params.text).toMatch(/Здравствуйте/);
    const labels = buttons(welcome).map((b) => b.text);
    expect(labels).toEqual(Object.values(LANGUAGE_NAMES));
    expect(getUser(h.db, user.id)?.lang).toBeNull();
  });

  it('choosing a language stores it and shows the privacy note and the topic menu', async () => {
    const [welcome] = sent(await h.say(user, '/start'));
    const az = buttons(welcome).find((b) => b.text === LANGUAGE_NAMES.az)!;
    const calls = await h.press(user, welcome!.result, az.data);
    expect(calls.find((c) => c.method === 'answerCallbackQuery')).toBeTruthy();
    const [menu] = sent(calls);
    const lines = String(menu!.params.text).split('\n\n')[0]!.split('\n');
    expect(lines).toHaveLength(2); // the privacy note is two lines
    expect(menu!.params.text).toMatch(/polis deyiləm/);
    expect(menu!.params.text).toMatch(/\/forget/);
    expect(buttons(menu).map((b) => b.text)).toContain('📋 Qeydiyyat və icazələr');
    expect(getUser(h.db, user.id)?.lang).toBe('az');
    // From now on the stored choice wins over Telegram's language_code.
    expect(texts(await h.say(user, '/help'))[0]).toMatch(/Mən Azərbaycanda/);
  });

  it('menu → group → topic answer with source line, then Back edits in place', async () => {
    const [menu] = sent(await h.say({ id: 1002, language_code: 'en' }, '/menu'));
    const menuButtons = buttons(menu);
    expect(menuButtons).toHaveLength(7);
    expect(menuButtons.at(-1)!.text).toBe('🙋 Talk to a person');
    const wages = menuButtons.find((b) => b.text.includes('Wages'))!;
    const edit = (await h.press({ id: 1002 }, menu!.result, wages.data)).find((c) => c.method === 'editMessageText')!;
    const sub = buttons(edit).map((b) => b.data);
    expect(sub).toContain('t:unpaid_wages');
    expect(sub.at(-1)).toBe('mb');
    const answer = sent(await h.press({ id: 1002 }, menu!.result, 't:unpaid_wages'))[0]!;
    expect(answer.params.text).toContain('[en] answer about unpaid_wages');
    expect(answer.params.text).toContain('Source: OSCE report 2014, ¶46 · checked 2026-11');
    expect(answer.params.text).toContain('information, not legal advice');
    const data = buttons(answer).map((b) => b.data);
    expect(data).toEqual(['v:up:unpaid_wages', 'v:down:unpaid_wages', 'more:unpaid_wages', 'h', 'm']);
    const more = sent(await h.press({ id: 1002 }, answer.result, 'more:unpaid_wages'))[0]!;
    expect(more.params.text).toBe('[en] more about unpaid_wages');
    const back = await h.press({ id: 1002 }, menu!.result, 'mb');
    expect(back.find((c) => c.method === 'editMessageText')?.params.text).toMatch(/What do you need help with/);
    // The disclaimer appears once per conversation…
    const second = sent(await h.press({ id: 1002 }, menu!.result, 't:shelter'))[0]!;
    expect(second.params.text).not.toContain('not legal advice');
    // …and again after a day of silence.
    h.clock.now += 25 * 60 * 60 * 1000;
    const third = sent(await h.press({ id: 1002 }, menu!.result, 't:shelter'))[0]!;
    expect(third.params.text).toContain('not legal advice');
    const rows = h.db.prepare("SELECT channel, topic, outcome FROM interactions WHERE channel = 'menu'").all();
    expect(rows).toContainEqual({ channel: 'menu', topic: 'unpaid_wages', outcome: 'answered' });
  });

  it('"Talk to a person" in the menu calls the hand-off with reason request', async () => {
    const [menu] = sent(await h.say({ id: 1003 }, '/menu'));
    await h.press({ id: 1003 }, menu!.result, 'h');
    expect(h.handoff.offers).toHaveLength(1);
    expect(h.handoff.offers[0]!.trigger.reason).toBe('request');
  });

  it('every answer topic has a label in en, az and ru', () => {
    for (const lng of ['en', 'az', 'ru']) {
      for (const topic of ANSWER_TOPICS) {
        expect(h.i18n.getResource(lng, 'bot', `topic.${topic}`), `${lng} topic.${topic}`).toBeTypeOf('string');
      }
    }
  });
});
