import type { Lang } from '../i18n/languages.js';
import type { KnowledgeBase } from '../knowledge/types.js';
import data from './canned-replies.json' with { type: 'json' };

// Canned replies for caseworkers who don't speak the user's language (/say CODE key). Texts live in
// canned-replies.json (all 8 languages); 'hotline' is special: the verified emergency numbers from
// the knowledge base, so no phone number is ever hard-coded here.

const REPLIES = data.replies as Record<string, Record<string, string>>;
export const HOTLINE_KEY = 'hotline';

export function cannedKeys(): string[] {
  return [...Object.keys(REPLIES), HOTLINE_KEY];
}

/** The reply in the user's language (English if that language is missing), or undefined for an unknown key. */
export function cannedReply(key: string, lang: Lang, knowledge: KnowledgeBase): { text: string; english: string } | undefined {
  if (key === HOTLINE_KEY) return { text: knowledge.emergencyText(lang), english: knowledge.emergencyText('en') };
  const entry = REPLIES[key];
  if (!entry) return undefined;
  const english = entry.en ?? key;
  return { text: entry[lang] ?? english, english };
}
