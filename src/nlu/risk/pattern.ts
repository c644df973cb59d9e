import { normalise } from '../normalise.js';

// Cue pattern language used in intents/risk/<lang>.json. Cues are written as people write, then
// normalised with the same normalise() as the message, so "забрал" also covers "zabral" and
// "döyür" also covers "doyur".
//
//   забра паспорт          tokens in this order, adjacent; every token is a word PREFIX
//                          ("забра" matches забрал/забрали/забрала)
//   took * passport        "*" = a gap of 0–3 words  ("took my old passport")
//   took ** passport       "**" = a gap of 0–6 words
//   паспорт + забра|отобра " + " = groups that must all occur in the same clause, in any order
//   hit|beat|punch         "|" = alternatives for one token
//   ran_away|escaped       "_" inside an alternative = a multi-word alternative ("ran away"); its
//                          inner words are whole words, its last word a prefix
//   bil=                   "=" at the end of a token = the whole word, not a prefix
//   拿走*护照              a cue with CJK characters is matched as a substring (spaces optional,
//                          "*" = up to 6 characters)
// Apostrophes are ignored when matching, so "yoq" and "yo'q" are the same word.
//
// GUIDANCE FOR CUE WRITERS (more in docs/risk-cues.md)
// - A clause ends at . , ! ? ; : and at "but"-words; "+" groups and gaps never cross it.
// - Write stems short enough to cover the word forms, long enough not to hit other words: after
//   normalisation Russian "бить" is "bit" (= English "bit") and Azerbaijani "döydü" is "doydu"
//   ("got full"): use "=" or a longer/ordered cue for such words.
// - Don't write the negation the detector already handles ("не забрали" is suppressed by the
//   "negation" list); DO write cues whose meaning is negative ("не платят", "wont let me leave",
//   "vermir"): a cue that contains a negator is exempt from negation (negative concord: "никто не
//   платит" is still unpaid wages).
// - Azerbaijani/Turkish/Uzbek: a prefix cue ("götür") automatically rejects negative (götürmədi)
//   and conditional (götürsə) forms; for a negative meaning, write the negative stem ("qaytarmı").
// - Prefer an ordered cue with a gap ("will * kill") to a "+" cue; use "+" when word order is free
//   (Russian, Azerbaijani).

export interface TokenSpec {
  alts: { text: string; exact: boolean }[];
  gapBefore: number; // max words allowed between the previous token and this one
}

export interface CompiledPattern {
  source: string;
  lang: string;
  groups: TokenSpec[][];
  substring?: RegExp;
}

export interface PatternMatch {
  /** Token indices that the pattern used. */
  indices: number[];
  /** For each used index, the part of the message word left after the cue's prefix. */
  rests: string[];
  /** Substring cues: where the match starts in the space-free clause text. */
  charIndex?: number;
}

const CJK = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\u0e00-\u0e7f]/;

export const wordKey = (w: string): string => w.replace(/'/g, '');

const MAX_EXPANSIONS = 64;

/**
 * Expands multi-word alternatives ("ran_away|escaped") into separate cues ("ran= away",
 * "escaped"); inner words of a multi-word alternative are whole words.
 */
export function expandCue(source: string): string[] {
  if (!source.includes('_')) return [source];
  let variants: string[] = [''];
  for (const token of source.trim().split(/\s+/)) {
    const alts = token.split('|');
    const single = alts.filter((a) => !a.includes('_'));
    const options = alts
      .filter((a) => a.includes('_'))
      .map((a) => a.split('_').filter(Boolean).map((w, i, all) => (i < all.length - 1 && !w.endsWith('=') ? `${w}=` : w)).join(' '));
    if (single.length > 0) options.push(single.join('|'));
    const next: string[] = [];
    for (const v of variants) for (const o of options) next.push(v ? `${v} ${o}` : o);
    variants = next.slice(0, MAX_EXPANSIONS);
  }
  return variants;
}

export function compilePattern(source: string, lang: string): CompiledPattern | null {
  if (CJK.test(source)) {
    const parts = source.split('*').map((p) => normalise(p).replace(/\s+/g, ''));
    const body = parts.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.{0,6}');
    return body ? { source, lang, groups: [], substring: new RegExp(body) } : null;
  }
  const groups: TokenSpec[][] = [];
  for (const groupSource of source.split(/\s\+\s/)) {
    const group: TokenSpec[] = [];
    let gap = 0;
    for (const raw of groupSource.trim().split(/\s+/)) {
      if (raw === '*' || raw === '**') {
        gap = raw === '*' ? 3 : 6;
        continue;
      }
      const alts = raw
        .split('|')
        .map((alt) => {
          const exact = alt.endsWith('=');
          const text = wordKey(normalise(exact ? alt.slice(0, -1) : alt).replace(/[\s.,!?;:]+/g, ''));
          return { text, exact };
        })
        .filter((a) => a.text.length > 0);
      if (alts.length === 0) continue;
      group.push({ alts, gapBefore: group.length === 0 ? 0 : gap });
      gap = 0;
    }
    if (group.length > 0) groups.push(group);
  }
  return groups.length > 0 ? { source, lang, groups } : null;
}

function tokenMatch(spec: TokenSpec, word: string): string | null {
  for (const alt of spec.alts) {
    if (alt.exact ? word === alt.text : word.startsWith(alt.text)) return word.slice(alt.text.length);
  }
  return null;
}

/**
 * Finds one ordered group starting anywhere; fills `indices`/`rests` (from position k on) and
 * returns true. Top-level and allocation-free until it succeeds: the detector calls it thousands
 * of times per message.
 */
function walkGroup(group: TokenSpec[], words: string[], k: number, from: number, maxStart: number, indices: number[], rests: string[]): boolean {
  const spec = group[k];
  if (!spec) return true;
  const last = Math.min(maxStart, words.length - 1);
  for (let i = from; i <= last; i++) {
    const rest = tokenMatch(spec, words[i]!);
    if (rest === null) continue;
    const nextGap = group[k + 1]?.gapBefore ?? 0;
    if (walkGroup(group, words, k + 1, i + 1, i + 1 + nextGap, indices, rests)) {
      indices[k] = i;
      rests[k] = rest;
      return true;
    }
  }
  return false;
}

function matchGroup(group: TokenSpec[], words: string[]): PatternMatch | null {
  const indices: number[] = new Array(group.length);
  const rests: string[] = new Array(group.length);
  return walkGroup(group, words, 0, 0, words.length - 1, indices, rests) ? { indices, rests } : null;
}

/** Matches a pattern against the words (apostrophe-free) of one clause. */
export function matchPattern(p: CompiledPattern, words: string[], clauseText: string, flatClause?: string): PatternMatch | null {
  if (p.substring) {
    const m = p.substring.exec(flatClause ?? clauseText.replace(/\s+/g, ''));
    return m ? { indices: [], rests: [], charIndex: m.index } : null;
  }
  const all: PatternMatch = { indices: [], rests: [] };
  for (const group of p.groups) {
    const m = matchGroup(group, words);
    if (!m) return null;
    all.indices.push(...m.indices);
    all.rests.push(...m.rests);
  }
  return all;
}
