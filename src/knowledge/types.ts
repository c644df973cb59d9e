import type { TopicId } from '../contract.js';
import type { Lang } from '../i18n/languages.js';

// The knowledge base's interface for the bot and the admin console. Answers live in SQLite
// (seeded from seeds/), so an admin's edit is read by the very next message.

export type ReviewState = 'reviewed' | 'draft';

export interface Source {
  /** 'report' (OSCE report ¶ or Rec.), 'law', 'official' (web page), 'other' */
  kind: 'report' | 'law' | 'official' | 'other';
  /** Short English citation, e.g. "OSCE report 2014, ¶46" or "migration.gov.az (read 2026-11)".
   *  Shown as is when no localised template applies (and in the admin console). */
  label: string;
  url?: string;
  /** report: ["¶46", "Rec. 5"]; law: ["Art. 21"]. Rendered through locale templates. */
  refs?: string[];
  /** law: key of the law's localised name (locales/<lng>/knowledge.json source.law.<key>). */
  law?: string;
  /** official: the site as shown, e.g. "migration.gov.az", and when it was read (YYYY-MM). */
  site?: string;
  read?: string;
  /** other: key of a localised label (source.other.<key>); falls back to label. */
  key?: string;
}

export interface RenderedAnswer {
  topic: TopicId;
  /** Language actually used (falls back to English if the requested one is missing). */
  lang: Lang;
  /** Plain text, ≤ ~700 characters, contact placeholders already expanded (verified contacts only). */
  text: string;
  /** Optional longer part for a "More" button. */
  more?: string;
  /** One short line: "Source: OSCE report 2014, ¶46 · checked 2026-11". Already localised. */
  sourceLine: string;
  lastChecked: string; // YYYY-MM or YYYY-MM-DD
  reviewState: ReviewState;
}

export interface Contact {
  id: string;
  name: string;
  helpsWith: string[]; // topic ids or free tags: 'legal_aid', 'shelter', 'hotline', …
  city?: string;
  languages?: string[];
  phone?: string;
  website?: string;
  email?: string;
  verified: boolean;
  source: string;
}

export interface KnowledgeBase {
  getAnswer(topic: TopicId, lang: Lang): RenderedAnswer | undefined;
  /** Verified emergency / hotline numbers as one short localised block (for urgent cases). */
  emergencyText(lang: Lang): string;
  listContacts(options?: { verifiedOnly?: boolean }): Contact[];
}
