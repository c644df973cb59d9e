import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { RISK_INDICATORS, type RiskIndicator } from '../../contract.js';

// Reads intents/risk/<lang>.json, one file per language so that translators and NGOs can add a
// language with one file:
//   { "lang": "ru", "cues": { "<indicator>": [pattern…] }, "negation": [...], "negation_after": [...],
//     "hypothetical": [...], "situation": [...], "general": [...] }
// - negation: negators before the verb (not, не, heç); negation_after: after it (değil, deyil, না)
// - hypothetical: frames that make a clause not-real ("what if", "если", "əgər", "can an employer")
// - situation: the user or someone they know (my, меня, mənim, brother); general: general-question
//   frames ("is it legal", "что такое") that, without a situation word, make a clause not-personal.
// Pattern syntax and guidance for cue writers: the top of pattern.ts and docs/risk-cues.md.

export type LangLists = Record<string, string[]>;

export interface RiskMarkers {
  negation: LangLists;
  negation_after: LangLists;
  hypothetical: LangLists;
  situation: LangLists;
  general: LangLists;
}

export interface RiskLexicon {
  cues: Partial<Record<RiskIndicator, LangLists>>;
  markers: RiskMarkers;
}

export const MARKER_KEYS = ['negation', 'negation_after', 'hypothetical', 'situation', 'general'] as const;

const patternList = z.array(z.string().trim().min(1, 'empty pattern'));

export const riskFileSchema = z.strictObject({
  lang: z.string().regex(/^[a-z]{2,3}(-[a-z0-9]+)?$/i, 'lang must be a language code such as "ru"'),
  cues: z.record(z.string(), patternList),
  negation: patternList.default([]),
  negation_after: patternList.default([]),
  hypothetical: patternList.default([]),
  situation: patternList.default([]),
  general: patternList.default([]),
});
export type RiskFile = z.infer<typeof riskFileSchema>;

const isIndicator = (id: string): id is RiskIndicator => (RISK_INDICATORS as readonly string[]).includes(id);

/** Validates one file's content; `source` names it in error messages. */
export function parseRiskFile(raw: unknown, source: string): RiskFile {
  const parsed = riskFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new Error(`${source}: invalid risk cue file: ${issues}`);
  }
  const unknown = Object.keys(parsed.data.cues).filter((id) => !isIndicator(id));
  if (unknown.length > 0) {
    throw new Error(
      `${source}: unknown risk indicator(s) ${unknown.map((u) => `"${u}"`).join(', ')}; ` +
        `allowed: ${RISK_INDICATORS.join(', ')}`,
    );
  }
  return parsed.data;
}

/** Merges per-language files into one lexicon (two files of the same lang are concatenated). */
export function buildRiskLexicon(files: readonly RiskFile[]): RiskLexicon {
  const cues: RiskLexicon['cues'] = {};
  const markers: RiskMarkers = { negation: {}, negation_after: {}, hypothetical: {}, situation: {}, general: {} };
  const add = (lists: LangLists, lang: string, patterns: string[]) => {
    if (patterns.length > 0) lists[lang] = [...(lists[lang] ?? []), ...patterns];
  };
  for (const file of files) {
    const lang = file.lang.toLowerCase();
    for (const [id, patterns] of Object.entries(file.cues)) {
      if (!isIndicator(id)) continue; // parseRiskFile already rejected these
      add((cues[id] ??= {}), lang, patterns);
    }
    for (const key of MARKER_KEYS) add(markers[key], lang, file[key]);
  }
  return { cues, markers };
}

export function loadRiskLexicon(dir: string): RiskLexicon {
  const files: RiskFile[] = [];
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const path = join(dir, name);
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(path, 'utf8'));
    } catch (err) {
      throw new Error(`${path}: not valid JSON (${(err as Error).message})`);
    }
    const file = parseRiskFile(raw, path);
    const expected = basename(name, '.json').toLowerCase();
    if (file.lang.toLowerCase() !== expected) {
      throw new Error(`${path}: "lang" is "${file.lang}" but the file name says "${expected}"`);
    }
    files.push(file);
  }
  return buildRiskLexicon(files);
}
