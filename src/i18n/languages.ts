// Languages the bot answers in. Each is named in itself on the language buttons, so a worker who
// cannot read English still finds their own language.
export const LANGUAGES = ['en', 'az', 'ru', 'uz', 'tr', 'fa', 'ur', 'tl'] as const;
export type Lang = (typeof LANGUAGES)[number];

export const LANGUAGE_NAMES: Record<Lang, string> = {
  en: 'English',
  az: 'Azərbaycanca',
  ru: 'Русский',
  uz: 'Oʻzbekcha',
  tr: 'Türkçe',
  fa: 'فارسی',
  ur: 'اردو',
  tl: 'Tagalog',
};

export const RTL_LANGUAGES: readonly Lang[] = ['fa', 'ur'];
export const DEFAULT_LANGUAGE: Lang = 'en';

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** Maps a Telegram `language_code` such as "ru-RU" or "uz" to a supported language, if any. */
export function langFromTelegramCode(code: string | undefined): Lang | undefined {
  if (!code) return undefined;
  const base = code.toLowerCase().split(/[-_]/)[0];
  if (base === 'fil') return 'tl';
  return isLang(base) ? base : undefined;
}
