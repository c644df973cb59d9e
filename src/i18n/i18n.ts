import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import i18next, { type i18n, type TFunction } from 'i18next';
import { LANGUAGES, DEFAULT_LANGUAGE, type Lang } from './languages.js';

export type Translator = TFunction;

/**
 * Loads every `locales/<lng>/<namespace>.json` synchronously at start-up (a few KB each), so the
 * first message never waits for I/O and a missing file fails at boot, not mid-conversation.
 * Namespaces: one per feature (bot, handoff, admin, …); English is the fallback for missing keys.
 */
export function createI18n(localesDir: string): i18n {
  const resources: Record<string, Record<string, unknown>> = {};
  const namespaces = new Set<string>();
  for (const lng of LANGUAGES) {
    const dir = join(localesDir, lng);
    if (!existsSync(dir)) continue;
    resources[lng] = {};
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      const ns = file.slice(0, -'.json'.length);
      namespaces.add(ns);
      resources[lng]![ns] = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    }
  }
  const instance = i18next.createInstance();
  void instance.init({
    resources: resources as never,
    lng: DEFAULT_LANGUAGE,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    ns: [...namespaces],
    defaultNS: 'bot',
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}

/** A translator fixed to one language, for handlers that only know the user's language. */
export function translatorFor(instance: i18n, lang: Lang): Translator {
  return instance.getFixedT(lang);
}
