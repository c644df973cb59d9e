import type { i18n } from 'i18next';
import { isLang, LANGUAGE_NAMES, type Lang } from '../i18n/languages.js';
import type { NluResult } from '../nlu/types.js';
import type { UserMemory } from './conversation-memory.js';

// A user who chose Russian but writes a long message in Azerbaijani keeps getting Russian (their
// choice wins), plus a one-tap button, written in Azerbaijani, to switch.

export interface SwitchOffer {
  lang: Lang;
  label: string;
}

export const SWITCH_MIN_CONFIDENCE = 0.8;
export const SWITCH_MIN_CHARS = 15;
/** Don't nag: at most one offer per this interval. */
export const SWITCH_OFFER_EVERY_MS = 30 * 60 * 1000;

export function languageSwitchOffer(
  instance: i18n,
  current: Lang,
  result: NluResult,
  text: string,
  memory: UserMemory,
  now: number,
): SwitchOffer | undefined {
  const detected = result.language;
  if (!isLang(detected) || detected === current) return undefined;
  if (result.languageConfidence < SWITCH_MIN_CONFIDENCE || text.length < SWITCH_MIN_CHARS) return undefined;
  if (memory.lastSwitchOfferAt !== undefined && now - memory.lastSwitchOfferAt < SWITCH_OFFER_EVERY_MS) return undefined;
  memory.lastSwitchOfferAt = now;
  return { lang: detected, label: switchLabel(instance, detected) };
}

/** "Continue in Русский" in the target language itself; languages not translated yet get a globe. */
export function switchLabel(instance: i18n, lang: Lang): string {
  const own = instance.getResource(lang, 'bot', 'language.switch_button') as unknown;
  return typeof own === 'string' && own.length > 0 ? own : `🌐 ${LANGUAGE_NAMES[lang]}`;
}
