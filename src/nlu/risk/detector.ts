import { RISK_INDICATORS, type RiskIndicator } from '../../contract.js';
import { normalise } from '../normalise.js';
import type { LangLists, RiskLexicon } from './lexicon.js';
import { compilePattern, expandCue, matchPattern, wordKey, type CompiledPattern } from './pattern.js';
import {
  CLAUSE_SPLIT, findFrames, firstPersonSuffix, isNegated, negatorTest, suppressedByFrame, TURKIC, TURKIC_COND_REST,
} from './scope.js';

// The cue detector: which indicators a message's cues reveal, clause by clause. Scope rules
// (negation, hypothetical and general-question frames, what counts as a situation) are in scope.ts.

export interface RiskDetection {
  /** Indicators revealed by real (not negated, not hypothetical) statements, in contract order. */
  indicators: RiskIndicator[];
  /** The user describes a real situation (their own or someone they know), not a general question. */
  situation: boolean;
  /** A hypothetical / conditional frame was found ("what if", "если", "əgər", "paano kung"). */
  hypothetical: boolean;
  /** Indicators whose cues matched but were suppressed (negated, hypothetical): the classifier must not revive them. */
  suppressed: RiskIndicator[];
  /** A clause is a general question ("is it legal…", "what is…") that names nobody. */
  general?: boolean;
  /** A clause that is neither hypothetical nor general names the user or someone they know. */
  personal?: boolean;
}

export interface RiskDetector {
  /** language is only a hint; cues of every language are tried, because users mix languages. */
  detect(text: string, language?: string): RiskDetection;
}

interface Compiled {
  indicator: RiskIndicator;
  pattern: CompiledPattern;
}

function compileLists(lists: LangLists): CompiledPattern[] {
  const out: CompiledPattern[] = [];
  for (const [lang, cues] of Object.entries(lists)) {
    for (const cue of cues) {
      for (const variant of expandCue(cue)) {
        const pattern = compilePattern(variant, lang);
        if (pattern) out.push(pattern);
      }
    }
  }
  return out;
}

/** Longest prefix (UTF-16 units) used as an index key. */
const KEY_CHARS = 3;

/**
 * Index by the first letters of the first token's alternatives: a pattern is tried only on clauses
 * with a word starting like it (every token is a word prefix, so this never loses a match).
 * Substring (CJK) patterns have no first word and are always tried.
 */
function buildIndex<T extends { pattern: CompiledPattern }>(items: readonly T[]): (words: readonly string[]) => T[] {
  const byPrefix = new Map<string, number[]>();
  const always: number[] = [];
  items.forEach((item, n) => {
    const first = item.pattern.groups[0]?.[0];
    if (!first) {
      always.push(n);
      return;
    }
    for (const key of new Set(first.alts.map((a) => a.text.slice(0, KEY_CHARS)))) {
      const list = byPrefix.get(key) ?? [];
      list.push(n);
      byPrefix.set(key, list);
    }
  });
  const seen = new Uint32Array(items.length);
  let stamp = 0;
  return (words) => {
    stamp++;
    const out: T[] = [];
    const add = (n: number) => {
      if (seen[n] === stamp) return;
      seen[n] = stamp;
      out.push(items[n]!);
    };
    always.forEach(add);
    for (const w of words) {
      for (let k = 1; k <= Math.min(KEY_CHARS, w.length); k++) byPrefix.get(w.slice(0, k))?.forEach(add);
    }
    return out;
  };
}

const wrap = (patterns: CompiledPattern[]) => patterns.map((pattern) => ({ pattern }));

export function createRiskDetector(lexicon: RiskLexicon): RiskDetector {
  const cues: Compiled[] = [];
  for (const [indicator, lists] of Object.entries(lexicon.cues)) {
    if (lists) for (const pattern of compileLists(lists)) cues.push({ indicator: indicator as RiskIndicator, pattern });
  }
  const candidates = buildIndex(cues);
  const m = lexicon.markers;
  const isNegator = negatorTest(compileLists(m.negation), compileLists(m.negation_after));
  const hypothetical = buildIndex(wrap(compileLists(m.hypothetical)));
  const situation = buildIndex(wrap(compileLists(m.situation)));
  const general = buildIndex(wrap(compileLists(m.general)));
  const anyMatch = (list: { pattern: CompiledPattern }[], words: string[], clause: string, flat: string) =>
    list.some(({ pattern }) => matchPattern(pattern, words, clause, flat) !== null);

  function detect(text: string, language?: string): RiskDetection {
    const found = new Set<RiskIndicator>();
    const suppressed = new Set<RiskIndicator>();
    const suffixHint = language === 'und' || (language !== undefined && TURKIC.has(language));
    let hypo = false;
    let personal = false;
    let generalFrame = false;
    for (const clause of normalise(text).split(CLAUSE_SPLIT)) {
      const words = (clause.match(/[\p{L}\p{N}\p{M}']+/gu) ?? []).map(wordKey);
      if (words.length === 0) continue;
      const flat = clause.replace(/\s+/g, '');
      const fs = findFrames(hypothetical(words).map((h) => h.pattern), words, clause, suffixHint);
      hypo ||= fs.length > 0;
      const personalClause = anyMatch(situation(words), words, clause, flat) || (suffixHint && words.some(firstPersonSuffix));
      const generalOnly = !personalClause && anyMatch(general(words), words, clause, flat);
      if (fs.length === 0 && !generalOnly) personal ||= personalClause;
      generalFrame ||= generalOnly;
      if (generalOnly) continue;
      for (const { indicator, pattern } of candidates(words)) {
        if (found.has(indicator)) continue;
        const match = matchPattern(pattern, words, clause, flat);
        if (!match) continue;
        if (suppressedByFrame(fs, match, indicator)) {
          suppressed.add(indicator);
          continue;
        }
        if (TURKIC.has(pattern.lang) && match.rests.some((r) => TURKIC_COND_REST.test(r))) {
          hypo = true;
          suppressed.add(indicator);
          continue;
        }
        if (isNegated(isNegator, match, words, pattern.lang, flat, language)) {
          suppressed.add(indicator);
          continue;
        }
        found.add(indicator);
      }
    }
    const indicators = sortIndicators([...found]);
    const situationFound = indicators.length > 0 || (personal && !hypo);
    return {
      indicators, situation: situationFound, hypothetical: hypo, general: generalFrame, personal,
      suppressed: sortIndicators([...suppressed].filter((i) => !found.has(i))),
    };
  }

  return { detect };
}

function sortIndicators(list: RiskIndicator[]): RiskIndicator[] {
  return RISK_INDICATORS.filter((id) => list.includes(id));
}
