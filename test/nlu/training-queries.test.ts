import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/storage/database.js';
import { addExample, allExamples, deleteExample, listExamples, moveExample, seedTrainingExamples } from '../../src/nlu/training-queries.js';

function intentsDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'haqq-intents-'));
  writeFileSync(join(dir, 'greeting.json'), JSON.stringify({ topic: 'greeting', examples: { en: ['hello', 'hi'], ru: ['привет'] } }));
  writeFileSync(join(dir, 'broken.json'), '{ not json');
  return dir;
}

describe('training queries', () => {
  it('seeds, lists, adds, moves and deletes; re-seeding never resurrects a deleted seed', () => {
    const db = openDatabase(':memory:');
    const dir = intentsDir();
    expect(seedTrainingExamples(db, dir)).toBe(3);
    expect(seedTrainingExamples(db, dir)).toBe(0);
    expect(listExamples(db, { lang: 'en' }).map((e) => e.text)).toEqual(['hello', 'hi']);
    const hi = listExamples(db, { topic: 'greeting', lang: 'en' }).find((e) => e.text === 'hi')!;
    expect(hi.origin).toBe('seed');
    expect(deleteExample(db, hi.id)).toBe(true);
    expect(seedTrainingExamples(db, dir)).toBe(0);
    expect(allExamples(db).map((e) => e.text)).not.toContain('hi');

    const id = addExample(db, { topic: 'thanks', lang: 'en', text: ' thank you ', createdBy: 'admin1' });
    expect(listExamples(db, { topic: 'thanks' })[0]).toMatchObject({ id, text: 'thank you', origin: 'admin', createdBy: 'admin1' });
    expect(moveExample(db, id, 'greeting')).toBe(true);
    expect(listExamples(db, { topic: 'greeting' }).map((e) => e.text)).toContain('thank you');
    expect(moveExample(db, 9999, 'greeting')).toBe(false);
    expect(() => addExample(db, { topic: 'nope' as never, lang: 'en', text: 'x' })).toThrow();
    expect(allExamples(db)).toHaveLength(3);
  });
});
