import type { Database } from 'better-sqlite3';
import type { i18n as I18n } from 'i18next';
import type { TopicId } from '../contract.js';
import { DEFAULT_LANGUAGE, type Lang } from '../i18n/languages.js';
import { contactFromDb } from './contact-queries.js';
import { expandPlaceholders, knowledgeT, renderEmergency, renderSourceLine } from './render.js';
import type { Contact, KnowledgeBase, RenderedAnswer, ReviewState, Source } from './types.js';

// Reads SQLite on every call (prepared statements, a few rows each), so an admin's edit or a
// contact's (un)verification is visible on the very next message without a restart.

interface AnswerJoin {
  text: string;
  more: string | null;
  review_state: ReviewState;
  last_checked: string;
  sources: string;
}

export function createKnowledgeBase({ db, i18n }: { db: Database; i18n: I18n }): KnowledgeBase {
  const answerStmt = db.prepare(
    `SELECT a.text, a.more, a.review_state, a.last_checked, t.sources
     FROM answers a JOIN topics t ON t.topic = a.topic WHERE a.topic = ? AND a.lang = ?`,
  );
  const verifiedStmt = db.prepare('SELECT * FROM contacts WHERE verified = 1 ORDER BY name');
  const allStmt = db.prepare('SELECT * FROM contacts ORDER BY name');

  const verifiedContacts = (): Contact[] => (verifiedStmt.all() as Parameters<typeof contactFromDb>[0][]).map(toContact);

  return {
    getAnswer(topic: TopicId, lang: Lang): RenderedAnswer | undefined {
      let used: Lang = lang;
      let row = answerStmt.get(topic, lang) as AnswerJoin | undefined;
      if (!row && lang !== DEFAULT_LANGUAGE) {
        used = DEFAULT_LANGUAGE;
        row = answerStmt.get(topic, DEFAULT_LANGUAGE) as AnswerJoin | undefined;
      }
      if (!row) return undefined;
      // Labels (contact names, source line) follow the language the text is in.
      const t = knowledgeT(i18n, used);
      const contacts = verifiedContacts();
      const more = row.more ? expandPlaceholders(row.more, contacts, t) : undefined;
      return {
        topic,
        lang: used,
        text: expandPlaceholders(row.text, contacts, t),
        ...(more ? { more } : {}),
        sourceLine: renderSourceLine(JSON.parse(row.sources) as Source[], row.last_checked, t),
        lastChecked: row.last_checked,
        reviewState: row.review_state,
      };
    },

    emergencyText(lang: Lang): string {
      return renderEmergency(verifiedContacts(), knowledgeT(i18n, lang));
    },

    listContacts(options: { verifiedOnly?: boolean } = {}): Contact[] {
      const rows = (options.verifiedOnly ? verifiedStmt : allStmt).all() as Parameters<typeof contactFromDb>[0][];
      return rows.map(toContact);
    },
  };
}

/** Drops the admin bookkeeping fields: the bot only needs the public Contact shape. */
function toContact(row: Parameters<typeof contactFromDb>[0]): Contact {
  const { verifiedBy: _a, verifiedAt: _b, seedVersion: _c, editedBy: _d, updatedAt: _e, ...contact } = contactFromDb(row);
  return contact;
}
