import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadIntentExamples, parseMoreFile } from '../../src/nlu/intents-loader.js';
import { seedTrainingExamples, allExamples } from '../../src/nlu/training-queries.js';
import { openDatabase } from '../../src/storage/database.js';

function dirWithMore(): string {
  const dir = mkdtempSync(join(tmpdir(), 'haqq-more-'));
  writeFileSync(join(dir, 'greeting.json'), JSON.stringify({ topic: 'greeting', examples: { en: ['hello'] } }));
  mkdirSync(join(dir, 'more'));
  writeFileSync(join(dir, 'more', 'bn.json'), JSON.stringify({ lang: 'bn', examples: { greeting: ['নমস্কার'], unpaid_wages: ['বেতন দেয় না', ' '] } }));
  writeFileSync(join(dir, 'more', 'hi.json'), JSON.stringify({ lang: 'hi', examples: { weather: ['मौसम कैसा है'], thanks: ['धन्यवाद'] } }));
  return dir;
}

describe('intents/more/<lang>.json', () => {
  it('adds the same training records as topic files; an unknown topic is reported and skipped', () => {
    const warnings: string[] = [];
    const examples = loadIntentExamples(dirWithMore(), (m) => warnings.push(m));
    expect(examples).toContainEqual({ topic: 'greeting', lang: 'en', text: 'hello' });
    expect(examples).toContainEqual({ topic: 'unpaid_wages', lang: 'bn', text: 'বেতন দেয় না' });
    expect(examples).toContainEqual({ topic: 'thanks', lang: 'hi', text: 'धन्यवाद' });
    expect(examples.some((e) => e.text === 'मौसम कैसा है')).toBe(false);
    expect(warnings.join('\n')).toMatch(/more\/hi\.json: unknown topic "weather"/);
  });

  it('seeds them into SQLite', () => {
    const db = openDatabase(':memory:');
    expect(seedTrainingExamples(db, dirWithMore())).toBe(4);
    expect(allExamples(db).filter((e) => e.lang === 'bn')).toHaveLength(2);
  });

  it('checks the lang against the file name', () => {
    const { problems } = parseMoreFile({ lang: 'ur', examples: { greeting: ['salam'] } }, 'fa.json');
    expect(problems.join()).toMatch(/file name says "fa"/);
    expect(parseMoreFile([], 'fa.json').problems).toHaveLength(1);
  });
});
