import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/storage/database.js';
import { seedKnowledge } from '../../src/knowledge/seed.js';
import {
  AnswerValidationError, getAnswerRow, getTopicRow, isStale, listAnswers, listVersions, rollbackToVersion, saveAnswer,
} from '../../src/knowledge/answer-queries.js';
import { ANSWER_TOPICS } from '../../src/contract.js';
import { LANGUAGES } from '../../src/i18n/languages.js';
import { validFixture, writeFixture } from './helpers.js';

function seeded() {
  const db = openDatabase(':memory:');
  seedKnowledge(db, writeFixture(validFixture(['en'])).seedsDir, 1000);
  return db;
}

describe('answer queries', () => {
  it('saves a version on every save and rolls back as a new version', () => {
    const db = seeded();
    const base = { topic: 'registration', lang: 'en' as const, reviewState: 'reviewed' as const, lastChecked: '2026-11' };
    saveAnswer(db, { ...base, text: 'Second.', author: 'amina', now: 2000 });
    saveAnswer(db, { ...base, text: 'Third.', more: 'Longer.', author: 'rustam', now: 3000 });
    const versions = listVersions(db, 'registration', 'en');
    expect(versions.map((v) => [v.text, v.author])).toEqual([
      ['Third.', 'rustam'],
      ['Second.', 'amina'],
      [expect.stringContaining('registration in en'), 'seed'],
    ]);
    expect(versions[0]!.sources[0]!.label).toBe('OSCE report 2014, ¶46');

    const newId = rollbackToVersion(db, versions[1]!.id, 'amina', 4000);
    expect(getAnswerRow(db, 'registration', 'en')).toMatchObject({ text: 'Second.', more: null, editedBy: 'amina', updatedAt: 4000 });
    expect(listVersions(db, 'registration', 'en')[0]).toMatchObject({ id: newId, text: 'Second.', author: 'amina' });
    expect(listVersions(db, 'registration', 'en')).toHaveLength(4);
  });

  it('updates the topic sources when given, and restores them on rollback', () => {
    const db = seeded();
    const first = listVersions(db, 'work_permit', 'en')[0]!;
    saveAnswer(db, {
      topic: 'work_permit', lang: 'en', text: 'New.', reviewState: 'draft', lastChecked: '2026-12', author: 'a',
      sources: [{ kind: 'official', label: 'migration.gov.az (read 2026-12)', site: 'migration.gov.az', read: '2026-12' }],
    });
    expect(getTopicRow(db, 'work_permit')?.sources[0]?.kind).toBe('official');
    rollbackToVersion(db, first.id, 'a');
    expect(getTopicRow(db, 'work_permit')?.sources[0]?.kind).toBe('report');
  });

  it('refuses unsafe or broken content', () => {
    const db = seeded();
    const base = { topic: 'hotline', lang: 'en' as const, reviewState: 'reviewed' as const, lastChecked: '2026-11', author: 'a' };
    const problems = (text: string) => {
      try {
        saveAnswer(db, { ...base, text });
        return [];
      } catch (err) {
        expect(err).toBeInstanceOf(AnswerValidationError);
        return (err as AnswerValidationError).problems;
      }
    };
    expect(problems('Call 152 now')).toEqual([expect.stringContaining('unverified contact "hotline_152"')]);
    expect(problems('Call +994 50 123 45 67')).toEqual([expect.stringContaining('not in the verified directory')]);
    expect(problems('{{contacts:nope}}')).toEqual([expect.stringContaining('unknown contact tag')]);
    expect(problems('x'.repeat(701))).toEqual([expect.stringContaining('limit 700')]);
    expect(problems('Call (012) 919 or {{contacts:hotline}}')).toEqual([]);
    expect(getAnswerRow(db, 'hotline', 'en')?.text).toBe('Call (012) 919 or {{contacts:hotline}}');
  });

  it('lists the full topics × languages grid', () => {
    const db = seeded();
    const grid = listAnswers(db);
    expect(grid).toHaveLength(ANSWER_TOPICS.length * LANGUAGES.length);
    expect(grid.find((c) => c.topic === 'registration' && c.lang === 'en')).toMatchObject({ exists: true, reviewState: 'reviewed', lastChecked: '2026-11' });
    expect(grid.find((c) => c.topic === 'registration' && c.lang === 'uz')).toMatchObject({ exists: false, reviewState: null });
  });

  it('isStale counts YYYY-MM as the first of the month', () => {
    const now = Date.parse('2027-05-01');
    expect(isStale('2026-11', now, 180)).toBe(true);
    expect(isStale('2026-12', now, 180)).toBe(false);
    expect(isStale('garbage', now, 180)).toBe(true);
  });
});
