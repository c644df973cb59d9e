import { describe, expect, it } from 'vitest';
import { encodeCallback, parseCallback, type CallbackAction } from '../../src/bot/callback-data.js';
import { ConversationMemory } from '../../src/bot/conversation-memory.js';
import { cleanUserText, fitMessage, hasWords, toWellFormed } from '../../src/bot/sanitize.js';
import { TOPIC_GROUPS } from '../../src/bot/topic-groups.js';
import { ANSWER_TOPICS } from '../../src/contract.js';

describe('callback data', () => {
  it('round-trips every action and stays within 64 bytes', () => {
    const actions: CallbackAction[] = [
      { kind: 'menu', edit: false },
      { kind: 'menu', edit: true },
      { kind: 'group', group: 'trafficking' },
      { kind: 'topic', topic: 'employer_wont_register' },
      { kind: 'more', topic: 'detention_deportation' },
      { kind: 'vote', topic: 'employer_wont_register', vote: -1 },
      { kind: 'human' },
      { kind: 'lang', lang: 'ur', onboarding: true },
      { kind: 'forget', confirm: true, issuedAt: 1_790_000_000_000 },
    ];
    for (const a of actions) {
      const data = encodeCallback(a);
      expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
      expect(parseCallback(data)).toEqual(a);
    }
  });

  it('rejects anything that is not exactly a known shape', () => {
    for (const bad of [undefined, '', 'M', 'm ', 't:', 't:greetings', 'T:shelter', 'g:permits:x', 'v:maybe:shelter', 'l:xx', 'l:en:x', 'f:y:', 'f:y:ZZ', 'x'.repeat(65), 'h\n']) {
      expect(parseCallback(bad), String(bad)).toBeUndefined();
    }
  });
});

describe('topic groups', () => {
  it('put every answer topic except talk_to_human in exactly one group', () => {
    const listed = Object.values(TOPIC_GROUPS).flat() as string[];
    expect(new Set(listed).size).toBe(listed.length);
    expect(new Set(listed)).toEqual(new Set(ANSWER_TOPICS.filter((t) => t !== 'talk_to_human')));
  });
});

describe('sanitize', () => {
  it('replaces lone surrogates and keeps pairs', () => {
    expect(toWellFormed('a\uD800b\uDC00c😀')).toBe('a\uFFFDb\uFFFDc😀');
  });
  it('removes control, zero-width and bidi override characters, keeps ZWNJ', () => {
    expect(cleanUserText('\u200Bhi\u0000 \u202Ethere\u2066 نمی‌دهد').text).toBe('hi there نمی‌دهد');
  });
  it('truncates without splitting a surrogate pair', () => {
    const r = cleanUserText('a' + '😀'.repeat(10), 4);
    expect(r.truncated).toBe(true);
    expect(r.text).toBe('a😀');
  });
  it('knows emoji-only text has no words', () => {
    expect(hasWords('😀👍')).toBe(false);
    expect(hasWords('۱۲')).toBe(true);
    expect(hasWords('салам')).toBe(true);
  });
  it('fits outgoing text into one Telegram message', () => {
    expect(fitMessage('x'.repeat(5000)).length).toBeLessThanOrEqual(4000);
  });
});

describe('conversation memory', () => {
  it('keeps the last 5 texts and evicts the least recently active user', () => {
    const m = new ConversationMemory(2);
    for (let i = 0; i < 7; i++) m.pushText(1, `t${i}`);
    expect(m.recentTexts(1)).toEqual(['t2', 't3', 't4', 't5', 't6']);
    m.pushText(2, 'b');
    m.pushText(1, 'again'); // 1 is now the most recent
    m.pushText(3, 'c'); // evicts 2
    expect(m.recentTexts(2)).toEqual([]);
    expect(m.recentTexts(1)).toHaveLength(5);
    m.forget(1);
    expect(m.recentTexts(1)).toEqual([]);
  });
});
