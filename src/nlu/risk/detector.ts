import { RISK_INDICATORS, type RiskIndicator } from '../../contract.js';
import { normalise } from '../normalise.js';
import type { LangLists, RiskLexicon } from './lexicon.js';
import { compilePattern, matchPattern, wordKey, type CompiledPattern, type PatternMatch } from './pattern.js';

export interface RiskDetection {
  /** Indicators revealed by real (not negated, not hypothetical) statements, in contract order. */
  indicators: RiskIndicator[];
  /** The user describes a real situation (their own or someone they know), not a general question. */
  situation: boolean;
  /** A hypothetical / conditional frame was found ("what if", "если", "əgər", "paano kung"). */
  hypothetical: boolean;
}

export interface RiskDetector {
  /** language is only a hint; cues of every language are tried, because users mix languages. */
  detect(text: string, language?: string): RiskDetection;
}

// Scope rules (why they look like this):
// - A clause is the text between . , ! ? ; : and a few "but" words. Hypothetical markers suppress
//   every cue of their clause; a negator suppresses a cue when it stands at most 2 words before one of
//   the cue's words (or, for post-verbal negators like değil / emas / না, up to 2 words after it),
//   without an "and"/"but" in between. A negator inside the cue itself ("не платят", "don't let me
//   leave") is part of the cue.
// - Turkish, Azerbaijani and Uzbek negate and condition inside the verb (al-ma-dı, al-ma-yıb,
//   ol-ma-di; al-sa, alır-sa). For cues of those languages, the part of the word after the cue's
//   prefix is checked for these suffixes.
const NEG_BEFORE_WINDOW = 2;
const NEG_AFTER_WINDOW = 2;
const TURKIC = new Set(['az', 'tr', 'uz', 'ky', 'tk', 'kk']);
const TURKIC_NEG_REST = /^(m[aeiu](d[iu]|z|y[iu]b|y[aeiu]c|y[ae]q|yapt|yd|ga|gan|s[aei]?n?$|mi|m[iu]s|y$|ng|l[iu]$)|m[iu]r|m[iu]yor|mas$|mez$|maz$)/;
const TURKIC_COND_REST = /s[ae](m|k|n|niz|ng|lar|ler)?$/;
const CLAUSE_SPLIT = /[.,!?;:]+|\s(?:but|но|а=|однако|amma|ama|fakat|lekin|lakin|ammo|pero|kaso|ngunit|لیکن|لکن|اما|ولی|magar|lekin)\s/u;
const BOUNDARY_WORDS = new Set(['and', 'i', 'va', 've', 'at', 'aur', 'ham', 'و', 'اور', 'и', 'hem', 'also']);
const CJK_NEG = /[没不未別别沒]/;

interface Compiled {
  indicator: RiskIndicator | null;
  pattern: CompiledPattern;
}

function compileLists(lists: LangLists, indicator: RiskIndicator | null): Compiled[] {
  const out: Compiled[] = [];
  for (const [lang, cues] of Object.entries(lists)) {
    for (const cue of cues) {
      const pattern = compilePattern(cue, lang);
      if (pattern) out.push({ indicator, pattern });
    }
  }
  return out;
}

/** Index by the first two letters of the first token's alternatives, so only plausible cues are tried. */
function buildIndex(items: Compiled[]) {
  const byPrefix = new Map<string, Compiled[]>();
  const always: Compiled[] = [];
  for (const item of items) {
    const first = item.pattern.groups[0]?.[0];
    if (!first) {
      always.push(item);
      continue;
    }
    const keys = new Set(first.alts.map((a) => [...a.text].slice(0, 2).join('')));
    for (const key of keys) {
      const list = byPrefix.get(key) ?? [];
      list.push(item);
      byPrefix.set(key, list);
    }
  }
  return (words: string[]): Compiled[] => {
    const seen = new Set<Compiled>(always);
    for (const w of words) {
      const chars = [...w];
      for (const key of [chars.slice(0, 2).join(''), chars[0] ?? '']) {
        for (const item of byPrefix.get(key) ?? []) seen.add(item);
      }
    }
    return [...seen];
  };
}

function firstPersonSuffix(word: string): boolean {
  if (/^[a-z']{5,}$/.test(word)) return /(im|imi|imni|imiz|um|umu|imga|dim|dum|ram|rem|yorum|man|miz)$/.test(word);
  return /^[\u0600-\u06ff]{4,}$/.test(word) && word.endsWith('م');
}

export function createRiskDetector(lexicon: RiskLexicon): RiskDetector {
  const cues: Compiled[] = [];
  for (const [indicator, lists] of Object.entries(lexicon.cues)) {
    if (lists) cues.push(...compileLists(lists, indicator as RiskIndicator));
  }
  const candidates = buildIndex(cues);
  const m = lexicon.markers;
  const negBefore = compileLists(m.negation, null);
  const negAfter = compileLists(m.negation_after, null);
  const hypothetical = compileLists(m.hypothetical, null);
  const situation = compileLists(m.situation, null);
  const general = compileLists(m.general, null);

  const anyMatch = (list: Compiled[], words: string[], clause: string) =>
    list.some((c) => matchPattern(c.pattern, words, clause) !== null);
  const isNegator = (list: Compiled[], word: string) =>
    list.some((c) => matchPattern(c.pattern, [word], word) !== null);

  function negated(match: PatternMatch, words: string[], lang: string, clause: string): boolean {
    if (match.charIndex !== undefined) {
      const flat = clause.replace(/\s+/g, '');
      return CJK_NEG.test(flat.slice(Math.max(0, match.charIndex - 2), match.charIndex));
    }
    const used = new Set(match.indices);
    if (TURKIC.has(lang) && match.rests.some((r) => TURKIC_NEG_REST.test(r))) return true;
    for (const i of match.indices) {
      for (let j = i - 1; j >= Math.max(0, i - NEG_BEFORE_WINDOW); j--) {
        const w = words[j] ?? '';
        if (used.has(j)) continue;
        if (BOUNDARY_WORDS.has(w)) break;
        if (isNegator(negBefore, w)) return true;
      }
    }
    const last = Math.max(...match.indices);
    for (let j = last + 1; j <= Math.min(words.length - 1, last + NEG_AFTER_WINDOW); j++) {
      const w = words[j] ?? '';
      if (BOUNDARY_WORDS.has(w)) break;
      if (isNegator(negAfter, w)) return true;
    }
    return false;
  }

  function detect(text: string): RiskDetection {
    const found = new Set<RiskIndicator>();
    let hypo = false;
    let personal = false;
    for (const clause of normalise(text).split(CLAUSE_SPLIT)) {
      const words = (clause.match(/[\p{L}\p{N}\p{M}']+/gu) ?? []).map(wordKey);
      if (words.length === 0) continue;
      const clauseHypo = anyMatch(hypothetical, words, clause);
      hypo ||= clauseHypo;
      if (!clauseHypo && !anyMatch(general, words, clause)) {
        personal ||= anyMatch(situation, words, clause) || words.some(firstPersonSuffix);
      }
      if (clauseHypo) continue;
      for (const { indicator, pattern } of candidates(words)) {
        if (!indicator || found.has(indicator)) continue;
        const match = matchPattern(pattern, words, clause);
        if (!match) continue;
        if (TURKIC.has(pattern.lang) && match.rests.some((r) => TURKIC_COND_REST.test(r))) {
          hypo = true;
          continue;
        }
        if (negated(match, words, pattern.lang, clause)) continue;
        found.add(indicator);
      }
    }
    const indicators = [...found];
    return { indicators: sortIndicators(indicators), situation: personal || indicators.length > 0, hypothetical: hypo };
  }

  return { detect: (text: string) => detect(text) };
}

function sortIndicators(list: RiskIndicator[]): RiskIndicator[] {
  return RISK_INDICATORS.filter((id) => list.includes(id));
}
