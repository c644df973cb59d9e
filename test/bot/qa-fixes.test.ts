import { describe, expect, it, vi } from 'vitest';
import type { Risk } from '../../src/contract.js';
import { rtlLines } from '../../src/bot/rtl.js';
import { parseCallback, encodeCallback } from '../../src/bot/callback-data.js';
import { buttons, sent, useHarness, texts, type Harness } from './harness.js';

// Regressions found in the conversational QA pass (console chat in en/az/ru/uz/tr/fa/ur/tl).

// Accumulation stand-in: once a user has described anything (a stored indicator), their
// accumulated level stays at least 'medium' for later, unrelated messages — as the real decay does
// within its window.
vi.mock('../../src/nlu/risk/accumulate.js', () => ({
  accumulateRisk: (events: { indicator: string }[], current: Risk): Risk =>
    events.length > 0 && (current.level === 'none' || current.level === 'low')
      ? { level: 'medium', indicators: [...new Set(events.map((e) => e.indicator))] as Risk['indicators'] }
      : current,
}));

const RLM = '\u200F';

describe('QA regressions', () => {
  let h: Harness;
  useHarness((harness) => (h = harness));

  it('"if this is happening to you" only under a message that describes something; the caseworker button stays', async () => {
    const u = { id: 3001, language_code: 'en' };
    h.nlu.on('my madam never gives me a day off', { intent: 'domestic_work', risk: { level: 'medium', indicators: ['excessive_hours'] } });
    h.nlu.on('where do I register?', { intent: 'registration' });
    h.nlu.on('what is the weather tomorrow', { intent: 'out_of_scope', status: 'out_of_scope' });
    h.nlu.on('qwerty zxcv', { intent: 'registration', status: 'unsure', confidence: 0.3, candidates: [{ intent: 'registration', score: 0.3 }] });

    const [first] = sent(await h.say(u, 'my madam never gives me a day off'));
    expect(first!.params.text).toContain('a caseworker can talk with you');

    const [register] = sent(await h.say(u, 'where do I register?'));
    expect(register!.params.text).toContain('[en] answer about registration');
    expect(register!.params.text).not.toContain('If this is happening to you');
    expect(buttons(register)).toContainEqual({ text: '🙋 Talk to a caseworker, one to one', data: 'h' });

    const [weather] = sent(await h.say(u, 'what is the weather tomorrow'));
    expect(weather!.params.text).toMatch(/work and migration in Azerbaijan/);
    expect(weather!.params.text).not.toContain('If this is happening to you');
    expect(buttons(weather).map((b) => b.data)).toEqual(['h', 'm']);

    const [unsure] = sent(await h.say(u, 'qwerty zxcv'));
    expect(unsure!.params.text).not.toContain('If this is happening to you');
  });

  it('capitalised commands from phone keyboards work: /Help, /MENU, /Privacy', async () => {
    const u = { id: 3002, language_code: 'en' };
    expect(texts(await h.say(u, '/Help'))[0]).toMatch(/^I explain the rights/);
    expect(texts(await h.say(u, '/MENU'))[0]).toMatch(/^What do you need help with/);
    expect(texts(await h.say(u, '/Privacy'))[0]).toMatch(/^🔒 What I keep/);
    expect(texts(await h.say(u, '/Nonsense'))[0]).toMatch(/don't know this command/);
    expect(h.nlu.calls).toHaveLength(0);
  });

  it('Persian and Urdu: lines that start with Latin (commands, contact names) are marked right-to-left', async () => {
    const fa = { id: 3003, language_code: 'fa' };
    const [help] = texts(await h.say(fa, '/help'));
    const lines = help!.split('\n');
    expect(lines[0]!.startsWith(RLM)).toBe(false); // Persian already
    for (const line of lines.filter((l) => l.includes('/menu') || l.includes('/forget'))) expect(line.startsWith(RLM)).toBe(true);
    // The answer text too (here the fake's "[fa] answer…" line starts with Latin).
    h.nlu.on('پاسپورت', { intent: 'passport_confiscated' });
    expect(texts(await h.say(fa, 'پاسپورت'))[0]!.startsWith(`${RLM}[fa] answer`)).toBe(true);
    // Left-to-right languages are untouched.
    expect(texts(await h.say({ id: 3004, language_code: 'ru' }, '/help'))[0]).not.toContain(RLM);
  });

  it('rtlLines marks only lines whose first letter is left-to-right, once', () => {
    expect(rtlLines('سلام\n/menu – موضوع‌ها\n• IOM (آژانس)، باکو: +994\n🆘 پلیس 102\n\n1. بنویسید')).toBe(
      `سلام\n${RLM}/menu – موضوع‌ها\n${RLM}• IOM (آژانس)، باکو: +994\n🆘 پلیس 102\n\n1. بنویسید`,
    );
    expect(rtlLines(rtlLines('/menu'))).toBe(`${RLM}/menu`);
  });

  it('the language-switch button under an answer carries the topic; other language buttons do not', () => {
    expect(parseCallback(encodeCallback({ kind: 'lang', lang: 'az', onboarding: false, topic: 'employer_wont_register' }))).toEqual({
      kind: 'lang',
      lang: 'az',
      onboarding: false,
      topic: 'employer_wont_register',
    });
    expect(encodeCallback({ kind: 'lang', lang: 'az', onboarding: false, topic: 'employer_wont_register' }).length).toBeLessThanOrEqual(64);
    expect(parseCallback('l:az:t:not_a_topic')).toBeUndefined();
    expect(parseCallback('l:az')).toEqual({ kind: 'lang', lang: 'az', onboarding: false });
  });
});
