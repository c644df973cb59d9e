import type { Database } from 'better-sqlite3';
import type { Lang } from '../i18n/languages.js';
import { recordVersion } from './answer-queries.js';
import { readSeedFiles } from './seed-files.js';

// Loads seeds/ into SQLite at every start. Rules (idempotent, one transaction):
// - a topic / answer / contact that is not in the database is added;
// - one whose seed "version" is higher than the stored seed_version is updated, unless an admin
//   has edited it (edited_by IS NOT NULL): an NGO's edit always wins over a later seed;
// - nothing is ever deleted (an entry removed from seeds/ stays until an admin removes it).
// Each answer added or updated gets an answer_versions row with author 'seed'.

export interface SeedReport {
  topicsAdded: number;
  topicsUpdated: number;
  answersAdded: number;
  answersUpdated: number;
  contactsAdded: number;
  contactsUpdated: number;
  /** Newer seed entries not applied because an admin edited the row: "answer work_permit/ru". */
  skippedEdited: string[];
}

export function seedKnowledge(db: Database, seedsDir: string, now = Date.now()): SeedReport {
  const files = readSeedFiles(seedsDir);
  const report: SeedReport = {
    topicsAdded: 0,
    topicsUpdated: 0,
    answersAdded: 0,
    answersUpdated: 0,
    contactsAdded: 0,
    contactsUpdated: 0,
    skippedEdited: [],
  };
  const getTopic = db.prepare('SELECT seed_version, edited_by FROM topics WHERE topic = ?');
  const getAnswer = db.prepare('SELECT seed_version, edited_by FROM answers WHERE topic = ? AND lang = ?');
  const getContact = db.prepare('SELECT seed_version, edited_by FROM contacts WHERE id = ?');
  type State = { seed_version: number; edited_by: string | null } | undefined;

  const upsertTopic = db.prepare(
    `INSERT INTO topics (topic, sources, last_checked, seed_version, edited_by, updated_at)
     VALUES (@topic, @sources, @checked, @version, NULL, @now)
     ON CONFLICT(topic) DO UPDATE SET sources = @sources, last_checked = @checked, seed_version = @version,
       updated_at = @now`,
  );
  // A re-checked topic (new last_checked) also dates its unedited answers.
  const recheckAnswers = db.prepare('UPDATE answers SET last_checked = ? WHERE topic = ? AND edited_by IS NULL');
  const upsertAnswer = db.prepare(
    `INSERT INTO answers (topic, lang, text, more, review_state, last_checked, seed_version, edited_by, updated_at)
     VALUES (@topic, @lang, @text, @more, @review, @checked, @version, NULL, @now)
     ON CONFLICT(topic, lang) DO UPDATE SET text = @text, more = @more, review_state = @review,
       last_checked = @checked, seed_version = @version, updated_at = @now`,
  );
  const upsertContact = db.prepare(
    `INSERT INTO contacts (id, name, helps_with, city, languages, phone, website, email, verified, source,
       verified_by, verified_at, seed_version, edited_by, updated_at)
     VALUES (@id, @name, @helps_with, @city, @languages, @phone, @website, @email, @verified, @source,
       'seed', @now, @version, NULL, @now)
     ON CONFLICT(id) DO UPDATE SET name = @name, helps_with = @helps_with, city = @city, languages = @languages,
       phone = @phone, website = @website, email = @email, verified = @verified, source = @source,
       verified_by = 'seed', verified_at = @now, seed_version = @version, updated_at = @now`,
  );

  db.transaction(() => {
    for (const [topic, t] of Object.entries(files.topics)) {
      const state = getTopic.get(topic) as State;
      if (state && state.seed_version >= t.version) continue;
      if (state?.edited_by) {
        report.skippedEdited.push(`topic ${topic}`);
        continue;
      }
      upsertTopic.run({ topic, sources: JSON.stringify(t.sources), checked: t.last_checked, version: t.version, now });
      if (state) {
        recheckAnswers.run(t.last_checked, topic);
        report.topicsUpdated++;
      } else report.topicsAdded++;
    }

    for (const [lang, answers] of Object.entries(files.answers) as [Lang, NonNullable<(typeof files.answers)[Lang]>][]) {
      for (const [topic, a] of Object.entries(answers)) {
        const topicSeed = files.topics[topic];
        if (!topicSeed && !getTopic.get(topic)) {
          throw new Error(`seeds/answers/${lang}.json: topic "${topic}" is not in seeds/topics.json`);
        }
        const state = getAnswer.get(topic, lang) as State;
        if (state && state.seed_version >= a.version) continue;
        if (state?.edited_by) {
          report.skippedEdited.push(`answer ${topic}/${lang}`);
          continue;
        }
        upsertAnswer.run({
          topic,
          lang,
          text: a.text,
          more: a.more ?? null,
          review: a.review,
          checked: a.last_checked ?? topicSeed?.last_checked ?? '',
          version: a.version,
          now,
        });
        recordVersion(db, topic, lang, 'seed', now);
        if (state) report.answersUpdated++;
        else report.answersAdded++;
      }
    }

    for (const c of files.contacts) {
      const state = getContact.get(c.id) as State;
      if (state && state.seed_version >= c.version) continue;
      if (state?.edited_by) {
        report.skippedEdited.push(`contact ${c.id}`);
        continue;
      }
      upsertContact.run({
        id: c.id,
        name: c.name,
        helps_with: JSON.stringify(c.helps_with),
        city: c.city ?? null,
        languages: c.languages ? JSON.stringify(c.languages) : null,
        phone: c.phone ?? null,
        website: c.website ?? null,
        email: c.email ?? null,
        verified: c.verified ? 1 : 0,
        source: c.source,
        version: c.version,
        now,
      });
      if (state) report.contactsUpdated++;
      else report.contactsAdded++;
    }
  })();
  return report;
}
