import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ANSWER_TOPICS, TOPIC_IDS } from '../contract.js';
import { createI18n } from '../i18n/i18n.js';
import { LANGUAGES, type Lang } from '../i18n/languages.js';
import { contactFromFile, readSeedFiles, type SeedFiles } from './seed-files.js';
import { expandPlaceholders, knowledgeT } from './render.js';
import { answerFieldProblems, lengthProblems } from './validate.js';
import { MORE_DIR, parseMoreFile } from '../nlu/intents-loader.js';
import { parseRiskExamples, RISK_EXAMPLES_DIR, riskExampleFiles } from '../nlu/risk/examples.js';

// content:check — checks the content files (seeds/, intents/) before they reach users.
// Pure over the file system so a test can point it at a tmp dir with small fixtures.

export const MIN_EXAMPLES: Record<Lang, number> = { en: 40, ru: 40, az: 40, uz: 15, tr: 15, fa: 15, ur: 15, tl: 15 };

export interface ContentProblem {
  file: string;
  message: string;
}

export interface ContentCheckOptions {
  seedsDir: string;
  intentsDir: string;
  /** locales/ for measuring rendered length with real contact lines; optional in tests. */
  localesDir?: string;
  /** Only check these languages (default: all 8). */
  langs?: readonly Lang[];
  /** Skip intents/ (e.g. while another engineer is still writing them). */
  skipIntents?: boolean;
}

export function checkContent(options: ContentCheckOptions): ContentProblem[] {
  const langs = options.langs ?? LANGUAGES;
  const problems: ContentProblem[] = [];
  const add = (file: string, message: string) => problems.push({ file, message });

  let files: SeedFiles;
  try {
    files = readSeedFiles(options.seedsDir);
  } catch (err) {
    add('seeds/', `cannot read seeds: ${(err as Error).message}`);
    return problems;
  }
  checkSeeds(files, langs, options.localesDir, add);
  if (!options.skipIntents) checkIntents(options.intentsDir, langs, add);
  return problems;
}

function checkSeeds(
  files: SeedFiles,
  langs: readonly Lang[],
  localesDir: string | undefined,
  add: (file: string, message: string) => void,
): void {
  const contacts = files.contacts.map(contactFromFile);
  const i18n = localesDir && existsSync(localesDir) ? createI18n(localesDir) : undefined;
  const noI18n = { t: (_k: string, o?: Record<string, unknown>) => String(o?.defaultValue ?? '') };

  for (const c of files.contacts) {
    if (c.verified && !c.source.trim()) add('seeds/contacts.json', `${c.id}: verified without a source`);
  }
  for (const topic of ANSWER_TOPICS) {
    const t = files.topics[topic];
    if (!t) add('seeds/topics.json', `${topic}: missing (needs sources and last_checked)`);
    else if (t.sources.length === 0) add('seeds/topics.json', `${topic}: no source`);
  }
  for (const [topic, t] of Object.entries(files.topics)) {
    if (!t.last_checked) add('seeds/topics.json', `${topic}: no last_checked`);
  }

  for (const lang of langs) {
    const file = `seeds/answers/${lang}.json`;
    const answers = files.answers[lang];
    if (!answers) {
      add(file, 'missing file');
      continue;
    }
    for (const topic of ANSWER_TOPICS) {
      if (!answers[topic]?.text.trim()) add(file, `${topic}: no answer`);
    }
    const t = knowledgeT(i18n ?? noI18n, lang);
    for (const [topic, a] of Object.entries(answers)) {
      const where = `${topic}`;
      if (!files.topics[topic]) add(file, `${where}: topic has no entry in seeds/topics.json (no source, no last_checked)`);
      for (const p of answerFieldProblems('text', a.text, { contacts })) add(file, `${where}: ${p}`);
      if (a.more) for (const p of answerFieldProblems('more', a.more, { contacts })) add(file, `${where}: ${p}`);
      const shown = expandPlaceholders(a.text, contacts, t);
      const shownMore = a.more ? expandPlaceholders(a.more, contacts, t) : undefined;
      for (const p of lengthProblems(shown, shownMore)) add(file, `${where}: ${p}`);
    }
  }
}

function checkIntents(intentsDir: string, langs: readonly Lang[], add: (file: string, message: string) => void): void {
  const present = existsSync(intentsDir) ? new Set(readdirSync(intentsDir).filter((f) => f.endsWith('.json'))) : new Set<string>();
  // intents/more/<lang>.json adds examples per language; they count toward the same minimums.
  const extra = moreExamples(intentsDir, add);
  for (const topic of TOPIC_IDS) {
    const file = `intents/${topic}.json`;
    if (!present.has(`${topic}.json`)) {
      add(file, 'missing intent file');
      continue;
    }
    let data: { topic?: unknown; examples?: Record<string, unknown> };
    try {
      data = JSON.parse(readFileSync(join(intentsDir, `${topic}.json`), 'utf8'));
    } catch (err) {
      add(file, `not valid JSON: ${(err as Error).message}`);
      continue;
    }
    if (data.topic !== topic) add(file, `"topic" is ${JSON.stringify(data.topic)}, expected "${topic}"`);
    for (const lang of langs) {
      const list = data.examples?.[lang];
      const examples = new Set<string>(Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string' && !!x.trim()).map((x) => x.trim()) : []);
      for (const text of extra.get(`${topic}\u0000${lang}`) ?? []) examples.add(text);
      if (examples.size < MIN_EXAMPLES[lang]) {
        add(file, `${lang}: ${examples.size} distinct examples, need ≥ ${MIN_EXAMPLES[lang]}`);
      }
    }
  }
  checkRiskExamples(intentsDir, add);
}

/** Texts of intents/more/*.json by topic and language; problems (unknown topic, bad lang) reported. */
function moreExamples(intentsDir: string, add: (file: string, message: string) => void): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const dir = join(intentsDir, MORE_DIR);
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const file = `intents/${MORE_DIR}/${name}`;
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(join(dir, name), 'utf8'));
    } catch (err) {
      add(file, `not valid JSON: ${(err as Error).message}`);
      continue;
    }
    const { examples, problems } = parseMoreFile(raw, name);
    for (const p of problems) add(file, p);
    for (const e of examples) {
      const key = `${e.topic}\u0000${e.lang}`;
      out.set(key, [...(out.get(key) ?? []), e.text]);
    }
  }
  return out;
}

function checkRiskExamples(intentsDir: string, add: (file: string, message: string) => void): void {
  const dir = join(intentsDir, RISK_EXAMPLES_DIR);
  for (const name of riskExampleFiles(dir)) {
    const { problems } = parseRiskExamples(readFileSync(join(dir, name), 'utf8'), name.replace(/\.jsonl$/, ''));
    for (const p of problems) add(`intents/${RISK_EXAMPLES_DIR}/${name}`, p);
  }
}
