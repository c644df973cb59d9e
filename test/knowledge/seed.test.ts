import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/storage/database.js';
import { seedKnowledge } from '../../src/knowledge/seed.js';
import { getAnswerRow, listVersions, saveAnswer } from '../../src/knowledge/answer-queries.js';
import { getContact, setVerified } from '../../src/knowledge/contact-queries.js';
import { REPO_SEEDS, validFixture, writeFixture } from './helpers.js';

describe('seedKnowledge', () => {
  it('loads the repository seeds and is idempotent', () => {
    const db = openDatabase(':memory:');
    const first = seedKnowledge(db, REPO_SEEDS, 1);
    expect(first.answersAdded).toBeGreaterThanOrEqual(24);
    expect(first.contactsAdded).toBeGreaterThan(0);
    const count = () => db.prepare('SELECT COUNT(*) AS n FROM answer_versions').get() as { n: number };
    const versionsAfterFirst = count().n;
    const second = seedKnowledge(db, REPO_SEEDS, 2);
    expect(second).toEqual({
      topicsAdded: 0, topicsUpdated: 0, answersAdded: 0, answersUpdated: 0,
      contactsAdded: 0, contactsUpdated: 0, skippedEdited: [],
    });
    expect(count().n).toBe(versionsAfterFirst);
  });

  it('adds new seed entries on a later start', () => {
    const fixture = validFixture(['en']);
    const { seedsDir } = writeFixture({ ...fixture, answers: { en: { registration: { text: 'Register.' } } } });
    const db = openDatabase(':memory:');
    seedKnowledge(db, seedsDir);
    expect(getAnswerRow(db, 'work_permit', 'en')).toBeUndefined();
    writeFixture({ ...fixture, answers: { en: { registration: { text: 'Register.' }, work_permit: { text: 'Permit.' } } } }, seedsDir.replace(/\/seeds$/, ''));
    const report = seedKnowledge(db, seedsDir);
    expect(report.answersAdded).toBe(1);
    expect(getAnswerRow(db, 'work_permit', 'en')?.text).toBe('Permit.');
  });

  it('updates unedited rows when the seed version increases, and only then', () => {
    const fixture = validFixture(['en']);
    const root = writeFixture({ ...fixture, answers: { en: { registration: { text: 'Old.', version: 1 } } } });
    const db = openDatabase(':memory:');
    seedKnowledge(db, root.seedsDir);
    const dir = root.seedsDir.replace(/\/seeds$/, '');
    writeFixture({ ...fixture, answers: { en: { registration: { text: 'Same version, new text.', version: 1 } } } }, dir);
    seedKnowledge(db, root.seedsDir);
    expect(getAnswerRow(db, 'registration', 'en')?.text).toBe('Old.');
    writeFixture({ ...fixture, answers: { en: { registration: { text: 'New.', version: 2 } } } }, dir);
    const report = seedKnowledge(db, root.seedsDir);
    expect(report.answersUpdated).toBe(1);
    expect(getAnswerRow(db, 'registration', 'en')).toMatchObject({ text: 'New.', seedVersion: 2, editedBy: null });
    expect(listVersions(db, 'registration', 'en').map((v) => v.author)).toEqual(['seed', 'seed']);
  });

  it('never overwrites an answer or a contact an admin has edited', () => {
    const fixture = validFixture(['en']);
    const root = writeFixture({ ...fixture, answers: { en: { registration: { text: 'Seed text.' } } } });
    const db = openDatabase(':memory:');
    seedKnowledge(db, root.seedsDir);
    saveAnswer(db, { topic: 'registration', lang: 'en', text: 'NGO text.', reviewState: 'reviewed', lastChecked: '2026-12', author: 'amina' });
    setVerified(db, 'hotline_152', true, 'amina');

    const bumped = {
      ...fixture,
      answers: { en: { registration: { text: 'Seed text v2.', version: 2 } } },
      contacts: fixture.contacts.map((c) => ({ ...(c as Record<string, unknown>), version: 2, name: `${(c as { name: string }).name} v2` })),
    };
    writeFixture(bumped, root.seedsDir.replace(/\/seeds$/, ''));
    const report = seedKnowledge(db, root.seedsDir);
    expect(getAnswerRow(db, 'registration', 'en')).toMatchObject({ text: 'NGO text.', editedBy: 'amina' });
    expect(getContact(db, 'hotline_152')).toMatchObject({ name: 'Hotline', verified: true, editedBy: 'amina' });
    expect(getContact(db, 'police')?.name).toBe('Police v2'); // not edited: updated
    expect(report.skippedEdited).toEqual(expect.arrayContaining(['answer registration/en', 'contact hotline_152']));
  });

  it('fails loudly (and writes nothing) when an answer has no topic entry', () => {
    const { seedsDir } = writeFixture({ topics: {}, answers: { en: { registration: { text: 'x' } } } });
    const db = openDatabase(':memory:');
    expect(() => seedKnowledge(db, seedsDir)).toThrow(/not in seeds\/topics.json/);
    expect((db.prepare('SELECT COUNT(*) AS n FROM answers').get() as { n: number }).n).toBe(0);
  });
});
