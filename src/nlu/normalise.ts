// Text normalisation shared by the topic engine and the risk detector. Users of this bot write the
// same words in several scripts and spellings ("зарплата не платят" / "zarplata ne platyat",
// "işləmirəm" / "islemirem", "yoʻq" / "yo'q"); everything is folded into one canonical form so that
// one lexicon entry or training example covers all of them. The output is meant for matching, not
// for display.
//
// Canonical form (the choices that others may rely on):
// - Unicode NFKC, lower case; Turkish/Azerbaijani İ and ı both become "i".
// - Latin diacritics removed: ə→e, ı→i, ş→s, ç→c, ğ→g, ö→o, ü→u, á→a, ñ→n, ß→ss, …
// - Cyrillic (Russian, Azerbaijani, Uzbek, Tajik, Kyrgyz, Kazakh, Ukrainian) transliterated to Latin:
//   ж→j, х→h, ц→ts, ч→ch, ш→sh, щ→sh, ю→yu, я→ya, ё/е/э→e, й→y, ы→y, ь/ъ dropped, ә→e, ғ→g', қ→q,
//   ҳ/һ→h, ў→o', ҹ→c, ү→u, ө→o, ј→y, ҷ→j, ң→ng.
// - The same folds are applied to Latin text, so users' romanisations meet the transliteration:
//   zh→j, kh→h, x→h, sch/shch→sh, and "y" not followed by a vowel → "i" (ty/ti, moy/moi, -yy/-iy→i),
//   "ii"→"i". This makes English look odd ("my"→"mi", "tax"→"tah"); it is only ever compared with
//   text that went through the same function.
// - Apostrophes (ʻ ʼ ’ ‘ ` ´ ′) unified to "'"; kept only inside Uzbek o'/g' (followed by a letter),
//   dropped elsewhere ("don't"→"dont", Russian plat'→plat).
// - Arabic script: ي/ى/ی/ے/ې/ئ→ی, ك/ک→ک, ه/ہ/ھ/ة/ۀ/ە/ۃ→ه, أ/إ/آ/ٱ→ا, ؤ→و, tatweel and harakat removed,
//   ZWNJ removed; Arabic-Indic, Persian, Devanagari and Bengali digits → 0-9.
// - Devanagari/Bengali nukta removed, candrabindu → anusvara.
// - Zero-width, control characters and lone surrogates removed; emoji and other symbols become a space;
//   the sentence punctuation . , ! ? ; : is kept (runs reduced to one char, no space before it),
//   because the risk detector splits clauses on it; all other punctuation becomes a space.
// - Letters repeated 3+ times are squeezed to ONE ("pomogiteee"→"pomogite", "helllp"→"help").
// - Whitespace collapsed, trimmed.
// normalise(normalise(x)) === normalise(x).

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'j', з: 'z', и: 'i', й: 'y', к: 'k',
  л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'h', ц: 'ts',
  ч: 'ch', ш: 'sh', щ: 'sh', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
  // Azerbaijani, Uzbek, Tajik, Kyrgyz, Kazakh, Ukrainian, Serbian letters
  ә: 'e', ғ: "g'", қ: 'q', ҳ: 'h', ў: "o'", ҹ: 'c', ү: 'u', ө: 'o', һ: 'h', ј: 'y', ҷ: 'j', ӣ: 'i',
  ӯ: 'u', ң: 'ng', ұ: 'u', і: 'i', ї: 'yi', є: 'ye', ґ: 'g', ҝ: 'g', ҡ: 'q', ӑ: 'a', ӗ: 'e',
};

const SPECIAL: Record<string, string> = {
  ı: 'i', ə: 'e', ø: 'o', ß: 'ss', æ: 'ae', œ: 'oe', đ: 'd', ð: 'd', ł: 'l', ħ: 'h', þ: 'th',
  // Arabic-script variants
  ي: 'ی', ى: 'ی', ے: 'ی', ې: 'ی', ئ: 'ی', ۍ: 'ی', ك: 'ک', ه: 'ه', ہ: 'ه', ھ: 'ه', ة: 'ه', ۀ: 'ه',
  ە: 'ه', ۃ: 'ه', أ: 'ا', إ: 'ا', آ: 'ا', ٱ: 'ا', ؤ: 'و', '\u0640': '',
  '،': ',', '؟': '?', '؛': ';', '۔': '.', '।': '.', '॥': '.', '。': '.', '、': ',',
  // apostrophes
  'ʻ': "'", 'ʼ': "'", '’': "'", '‘': "'", '`': "'", '´': "'", '′': "'", 'ʹ': "'", '\u02bd': "'",
  // Indic: nukta dropped, candrabindu → anusvara
  '\u093c': '', '\u09bc': '', '\u0901': '\u0902', '\u0981': '\u0982',
};

const DIGIT_ZEROS = [0x0660, 0x06f0, 0x0966, 0x09e6];
const KEEP_PUNCT = new Set(['.', ',', '!', '?', ';', ':', "'"]);

const charCache = new Map<string, string>();

function mapChar(ch: string): string {
  const special = SPECIAL[ch] ?? CYRILLIC[ch];
  if (special !== undefined) return special;
  const cp = ch.codePointAt(0) ?? 0;
  for (const zero of DIGIT_ZEROS) if (cp >= zero && cp <= zero + 9) return String(cp - zero);
  if (cp < 0x80) {
    if (/[a-z0-9]/.test(ch)) return ch;
    if (KEEP_PUNCT.has(ch)) return ch;
    if (/[\x00-\x08\x0e-\x1f\x7f]/.test(ch)) return ''; // control characters
    return ' '; // ASCII whitespace and other punctuation
  }
  // zero-width (ZWSP, ZWNJ, ZWJ, marks, word joiner, BOM), soft hyphen, variation selectors
  if (/[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\u00ad\ufe00-\ufe0f\u034f]/.test(ch)) return '';
  if (/\p{Cc}|\p{Cf}/u.test(ch)) return '';
  // combining marks: Latin/Cyrillic diacritics and Arabic harakat are dropped, others (Indic vowel signs) kept
  if (/[\u0300-\u036f\u064b-\u065f\u0670\u06d6-\u06ed]/.test(ch)) return '';
  if (/\p{M}/u.test(ch)) return ch;
  if (/\p{L}/u.test(ch)) {
    if (cp >= 0xc0 && cp <= 0x24f || cp >= 0x1e00 && cp <= 0x1eff) {
      const base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      if (/^[a-z]+$/.test(base)) return base;
    }
    return ch;
  }
  if (/\p{N}/u.test(ch)) return ch;
  return ' '; // emoji, symbols, other punctuation
}

function cachedMapChar(ch: string): string {
  let out = charCache.get(ch);
  if (out === undefined) {
    out = mapChar(ch);
    if (charCache.size < 20000) charCache.set(ch, out);
  }
  return out;
}

function foldOnce(s: string): string {
  return s
    .replace(/'+/g, "'")
    .replace(/(?<![og])'|'(?!\p{L})/gu, '') // apostrophe only inside Uzbek o'/g'
    .replace(/([\p{L}])\1{2,}/gu, '$1') // squeeze 3+ repeated letters to one
    .replace(/s+h?ch/g, 'sh') // shch, sch → sh
    .replace(/k+h/g, 'h')
    .replace(/x/g, 'h')
    .replace(/z+h/g, 'j')
    .replace(/y(?![aeiou])/g, 'i')
    .replace(/i{2,}/g, 'i')
    .replace(/([\p{L}])\1{2,}/gu, '$1');
}

/** Folds until stable, so that a fold creating a new foldable pair ("kkh"→"kh") stays idempotent. */
function foldLatin(s: string): string {
  for (let i = 0; i < 4; i++) {
    const next = foldOnce(s);
    if (next === s) return s;
    s = next;
  }
  return s;
}

export function normalise(text: string): string {
  if (typeof text !== 'string' || text.length === 0) return '';
  const s = text.replace(LONE_SURROGATE, '').normalize('NFKC').replace(/İ/g, 'i').toLowerCase();
  let out = '';
  for (const ch of s) out += cachedMapChar(ch);
  out = foldLatin(out)
    .replace(/\s+/g, ' ')
    .replace(/ ?([.,!?;:])[.,!?;: ]*/g, (_m, p: string) => p + ' ')
    .trim();
  // a clause that is only punctuation is dropped; leading punctuation too
  return out.replace(/^[.,!?;: ]+/, '').normalize('NFC');
}

/** Word tokens of the normalised text (letters, digits, combining marks, Uzbek apostrophe). */
export function normaliseTokens(text: string): string[] {
  return normalise(text).match(/[\p{L}\p{N}\p{M}']+/gu) ?? [];
}
