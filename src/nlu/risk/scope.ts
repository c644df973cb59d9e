import type { RiskIndicator } from '../../contract.js';
import { matchPattern, type CompiledPattern, type PatternMatch } from './pattern.js';

// Scope of a cue inside a message: clauses, hypothetical frames and negation (detector.ts does
// the matching). Why the rules look like this:
// - A clause is the text between . , ! ? ; : and a few "but" words (matched on normalised text).
// - Hypothetical markers ("what if", "если", "əgər", "can an employer") suppress the cues that come
//   AFTER them in the clause ("he beats me if I am late" stays violence), and the whole clause when
//   the marker ends it (Turkic question endings: "pasportumu ala bilərmi"). Threats are conditional
//   by nature ("if I leave he will kill me"), so a one-word conditional ("if", "если") doesn't
//   suppress them; a question frame ("what if", "can an employer") does.
// - General-question frames ("is it legal", "что такое") suppress a clause's cues unless the clause
//   also names the user or someone they know ("is it legal that my boss keeps my passport" counts).
// - A negator suppresses a cue when it stands at most 3 words before one of the cue's words (or, for
//   post-verbal negators like değil / deyil / না, up to 2 words after it), without an "and" in
//   between. A cue that itself contains a negator ("не платят", "wont let me leave", "maaş yoxdur")
//   is exempt: it already describes the negative fact, and Russian doubles negators ("никто не платит").
// - Turkish, Azerbaijani and Uzbek negate and condition inside the verb (al-ma-dı, al-ma-yıb,
//   ol-ma-di; al-sa, alır-sa). For cues of those languages, the part of the word after the cue's
//   prefix is checked for these suffixes. In Turkic-hinted text a conditional verb (alsa, getsəm)
//   closes its conditional clause, so it suppresses the cues BEFORE it: "patron pasportumu alsa"
//   is hypothetical, "getsəm məni öldürəcək" (if I go he'll kill me) is a threat.
// - situation: a situation word (my, меня, mənim, brother) outside hypothetical/general clauses, or
//   any indicator found; but a message that is hypothetical and reveals no indicator is not a
//   situation ("I work in a cafe. What if my boss takes my passport?").

const NEG_BEFORE_WINDOW = 3;
const NEG_AFTER_WINDOW = 2;
export const TURKIC = new Set(['az', 'tr', 'uz', 'ky', 'tk', 'kk']);
const TURKIC_NEG_REST = /^(m[aeiu](d[iu]|z|y[iu]b|y[aeiu]c|y[ae]q|yapt|yd|ga|gan|s[aei]?n?$|mi|m[iu]s|y$|ng|l[iu]$)|mai(d[iu]|$)|m[iu]r|m[iu]yor|mas$|mez$|maz$)/; // mai: Uzbek -maydi after normalise
export const TURKIC_COND_REST = /s[ae](m|k|n|niz|ng|lar|ler)?$/;
// A Turkic conditional verb (alsa, götürsə, alıbsa, getsəm): consonant + -sa/-sə (+ person ending).
const TURKIC_COND_WORD = /^[a-z]+[^aeiou's](sa|se)(m|k|niz|lar|ler)?$/;
const NOT_CONDITIONAL = new Set(['yohsa', 'yoksa', 'ehsa']); // "yoxsa" = "or else", not "if"
// Normalised forms: Russian "однако" → "odnako"; Russian "но"/"а" are left out ("no" is English).
export const CLAUSE_SPLIT = /[.,!?;:]+|\s(?:but|odnako|amma|ama|fakat|lekin|lakin|ammo|biroq|pero|kaso|ngunit|لیکن|لکن|اما|ولی|magar|kintu|তবে|কিন্তু|लेकिन|परन्तु|तर)\s/u;
const BOUNDARY_WORDS = new Set(['and', 'i', 'va', 've', 'at', 'aur', 'ham', 'و', 'اور', 'hem', 'also', 'এবং', 'और']);
const CJK_NEG = /[没不未別别沒]/;

/** Turkic first-person endings (pasportum, işləyirəm, ishlayman), tried only for Turkic/unknown text. */
export function firstPersonSuffix(word: string): boolean {
  if (/^[a-z']{5,}$/.test(word)) return /(im|imi|imni|imiz|um|umu|imga|dim|dum|ram|rem|yorum|man|miz|m[iu]s[ae]m|y[ae]m|r[iu][kq]|d[iu][kq]|yam|yem)$/.test(word);
  return /^[\u0600-\u06ff]{4,}$/.test(word) && word.endsWith('م');
}

export interface Frame {
  start: number;
  end: number;
  wholeClause: boolean;
  oneWord: boolean;
  /** 'after': suppresses cues from the marker on; 'before': cues up to the marker (Turkic -sa). */
  scope: 'after' | 'before';
}

/** Hypothetical frames of one clause (marker patterns, plus Turkic -sa verbs when `turkic`). */
export function findFrames(hypothetical: readonly CompiledPattern[], words: string[], clause: string, turkic: boolean): Frame[] {
  const out: Frame[] = [];
  if (turkic) {
    words.forEach((w, i) => {
      if (TURKIC_COND_WORD.test(w) && !NOT_CONDITIONAL.has(w)) out.push({ start: i, end: i, wholeClause: false, oneWord: true, scope: 'before' });
    });
  }
  for (const pattern of hypothetical) {
    const match = matchPattern(pattern, words, clause);
    if (!match) continue;
    if (match.indices.length === 0) {
      out.push({ start: 0, end: words.length - 1, wholeClause: true, oneWord: false, scope: 'after' });
      continue;
    }
    const start = Math.min(...match.indices);
    const end = Math.max(...match.indices);
    out.push({ start, end, wholeClause: end >= words.length - 1, oneWord: match.indices.length === 1, scope: 'after' });
  }
  return out;
}

const CONDITIONAL_BY_NATURE: ReadonlySet<RiskIndicator> = new Set(['threats', 'immediate_danger']);

export function suppressedByFrame(fs: readonly Frame[], match: PatternMatch, indicator: RiskIndicator): boolean {
  const first = match.indices.length > 0 ? Math.min(...match.indices) : 0;
  return fs.some((f) => {
    if (f.scope === 'before') return first <= f.end;
    // Threats are conditional by nature ("if you leave I'll kill you"): a bare one-word "if" does
    // not make them hypothetical, nor the danger a threat to kill puts the user in.
    if (f.oneWord && !f.wholeClause && CONDITIONAL_BY_NATURE.has(indicator)) return false;
    return f.wholeClause || f.start <= first;
  });
}

/** Is `word` a negator (before or after the verb) for a cue of `cueLang` in a message hinted `hint`? */
export type IsNegator = (word: string, after: boolean, cueLang: string, hint: string | undefined) => boolean;

/**
 * A negator counts for cues of its own language or of the message's (hinted) language only:
 * Russian "не" is "ne" after normalisation, which is also Hindi's ergative "ne" ("seth ne passport
 * le liya" = the boss took the passport). Answers are memoised per word.
 */
export function negatorTest(negBefore: readonly CompiledPattern[], negAfter: readonly CompiledPattern[]): IsNegator {
  const cache = new Map<string, boolean>();
  return (word, after, cueLang, hint) => {
    const key = `${after ? 'a' : 'b'}:${cueLang}:${hint ?? ''}:${word}`;
    let hit = cache.get(key);
    if (hit === undefined) {
      hit = (after ? negAfter : negBefore).some((p) => (p.lang === cueLang || p.lang === hint) && matchPattern(p, [word], word) !== null);
      if (cache.size < 50000) cache.set(key, hit);
    }
    return hit;
  };
}

export function isNegated(isNeg: IsNegator, match: PatternMatch, words: string[], lang: string, flatClause: string, hint?: string): boolean {
  if (match.charIndex !== undefined) return CJK_NEG.test(flatClause.slice(Math.max(0, match.charIndex - 2), match.charIndex));
  const neg = (w: string, after: boolean) => isNeg(w, after, lang, hint);
  // negative concord: the cue itself states a negative fact
  if (match.indices.some((i) => neg(words[i] ?? '', false) || neg(words[i] ?? '', true))) return false;
  const used = new Set(match.indices);
  if (TURKIC.has(lang) && match.rests.some((r) => TURKIC_NEG_REST.test(r))) return true;
  for (const i of match.indices) {
    for (let j = i - 1; j >= Math.max(0, i - NEG_BEFORE_WINDOW); j--) {
      const w = words[j] ?? '';
      if (used.has(j)) continue;
      if (BOUNDARY_WORDS.has(w)) break;
      if (neg(w, false)) return true;
    }
  }
  const last = Math.max(...match.indices);
  for (let j = last + 1; j <= Math.min(words.length - 1, last + NEG_AFTER_WINDOW); j++) {
    const w = words[j] ?? '';
    if (BOUNDARY_WORDS.has(w)) break;
    if (neg(w, true)) return true;
  }
  return false;
}
