import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/storage/database.js';
import { createI18n } from '../../src/i18n/i18n.js';
import { LANGUAGES } from '../../src/i18n/languages.js';
import { ANSWER_TOPICS } from '../../src/contract.js';
import { seedKnowledge } from '../../src/knowledge/seed.js';
import { createKnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { saveAnswer } from '../../src/knowledge/answer-queries.js';
import { saveContact, setVerified } from '../../src/knowledge/contact-queries.js';
import { REPO_LOCALES, REPO_SEEDS, validFixture, writeFixture } from './helpers.js';

const i18n = createI18n(REPO_LOCALES);

function fixtureKb() {
  const db = openDatabase(':memory:');
  const fixture = validFixture(['en', 'ru']);
  fixture.answers.ru!.registration = { text: 'Регистрация.', review: 'draft' };
  seedKnowledge(db, writeFixture(fixture).seedsDir);
  return { db, kb: createKnowledgeBase({ db, i18n }) };
}

describe('knowledge base', () => {
  it('falls back to English when a language is missing', () => {
    const { kb } = fixtureKb();
    expect(kb.getAnswer('registration', 'ru')).toMatchObject({ lang: 'ru', text: 'Регистрация.', reviewState: 'draft' });
    const uz = kb.getAnswer('registration', 'uz');
    expect(uz?.lang).toBe('en');
    expect(uz?.text).toContain('registration in en');
  });

  it('expands placeholders with verified contacts only, and an edit shows on the next call', () => {
    const { db, kb } = fixtureKb();
    const text = kb.getAnswer('hotline', 'en')!.text;
    expect(text).toContain('(012) 919');
    expect(text).not.toContain('152');
    expect(text).not.toContain('{{');

    setVerified(db, 'call_centre', false, 'admin');
    expect(kb.getAnswer('hotline', 'en')!.text).not.toContain('919');

    setVerified(db, 'hotline_152', true, 'admin');
    expect(kb.getAnswer('hotline', 'en')!.text).toContain('152');

    saveAnswer(db, { topic: 'hotline', lang: 'en', text: 'Edited.', reviewState: 'reviewed', lastChecked: '2026-12', author: 'a' });
    expect(kb.getAnswer('hotline', 'en')).toMatchObject({ text: 'Edited.', lastChecked: '2026-12' });
  });

  it('un-verifies a contact whose phone number is changed', () => {
    const { db, kb } = fixtureKb();
    saveContact(db, { id: 'call_centre', name: 'Call centre', helpsWith: ['hotline'], phone: '(012) 999', source: 'x' }, 'a');
    expect(kb.getAnswer('hotline', 'en')!.text).not.toContain('999');
    expect(kb.listContacts({ verifiedOnly: true }).map((c) => c.id)).not.toContain('call_centre');
  });

  it('builds a localised source line and emergency text', () => {
    const { kb } = fixtureKb();
    expect(kb.getAnswer('registration', 'en')!.sourceLine).toBe('Source: OSCE report 2014 ¶46 · checked 2026-11');
    expect(kb.getAnswer('registration', 'ru')!.sourceLine).toMatch(/^Источник: .*¶46.* 2026-11$/);
    expect(kb.emergencyText('en')).toContain('102');
  });

  describe('with the real seeds', () => {
    const db = openDatabase(':memory:');
    seedKnowledge(db, REPO_SEEDS);
    const kb = createKnowledgeBase({ db, i18n });
    const unverified = kb.listContacts().filter((c) => !c.verified && c.phone);

    it('stores 152 and 103 but never shows them', () => {
      expect(unverified.map((c) => c.phone)).toEqual(expect.arrayContaining(['152', '103']));
      for (const lang of LANGUAGES) {
        for (const c of unverified) expect(kb.emergencyText(lang)).not.toMatch(new RegExp(`\\b${c.phone}\\b`));
      }
    });

    it.each(LANGUAGES)('no unverified number or raw placeholder in any rendered answer (%s)', (lang) => {
      for (const topic of ANSWER_TOPICS) {
        const a = kb.getAnswer(topic, lang);
        expect(a, `${topic}/${lang}`).toBeDefined();
        const shown = `${a!.text}\n${a!.more ?? ''}\n${a!.sourceLine}`;
        for (const c of unverified) expect(shown, `${topic}/${lang}`).not.toMatch(new RegExp(`(^|\\D)${c.phone}(\\D|$)`));
        expect(shown).not.toMatch(/\{\{|\}\}/);
        expect([...a!.text].length, `${topic}/${lang}`).toBeLessThanOrEqual(700);
      }
    });

    it('every answer topic has an English answer with a source line', () => {
      for (const topic of ANSWER_TOPICS) expect(kb.getAnswer(topic, 'en')?.sourceLine).toMatch(/checked 2026-11$/);
    });
  });
});
