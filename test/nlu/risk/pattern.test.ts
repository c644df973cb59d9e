import { describe, expect, it } from 'vitest';
import { compilePattern, expandCue, matchPattern } from '../../../src/nlu/risk/pattern.js';
import { normaliseTokens } from '../../../src/nlu/normalise.js';

const matches = (cue: string, text: string, lang = 'en') =>
  expandCue(cue).some((v) => {
    const p = compilePattern(v, lang);
    return p !== null && matchPattern(p, normaliseTokens(text), text) !== null;
  });

describe('cue patterns', () => {
  it('prefixes, gaps, groups, exact words', () => {
    expect(matches('забра паспорт', 'забрали паспорт', 'ru')).toBe(true);
    expect(matches('забра паспорт', 'zabrali pasport', 'ru')).toBe(true);
    expect(matches('took * passport', 'took my old passport')).toBe(true);
    expect(matches('took * passport', 'took the bus and then my passport')).toBe(false);
    expect(matches('паспорт + забра', 'забрали у меня паспорт', 'ru')).toBe(true);
    expect(matches('hit=', 'history')).toBe(false);
  });
  it('multi-word alternatives with "_"', () => {
    expect(expandCue('ran_away|escaped')).toEqual(['ran= away', 'escaped']);
    expect(matches('ran_away|escaped', 'I ran away last night')).toBe(true);
    expect(matches('ran_away|escaped', 'random away')).toBe(false);
    expect(matches('ran_away|escaped', 'we escaped')).toBe(true);
  });
});
