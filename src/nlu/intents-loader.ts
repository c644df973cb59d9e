import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { isTopicId, TOPIC_IDS } from '../contract.js';
import type { TrainingExample } from './types.js';

// Training examples come in two shapes, so topic writers and language writers can work in parallel:
//   intents/<topic>.json       { "topic": "<topic>", "examples": { "<lang>": [text…] } }
//   intents/more/<lang>.json   { "lang": "<lang>", "examples": { "<topic>": [text…] } }
// Both give the same TrainingExample records. A malformed file (or an unknown topic inside a
// more/ file) is skipped with a warning rather than stopping the bot: the rest still works;
// `npm run content:check` reports the same problems as errors.

export const MORE_DIR = 'more';

/** One parsed intents/more/<lang>.json: its examples and the problems found (unknown topics, …). */
export function parseMoreFile(raw: unknown, fileName: string): { examples: TrainingExample[]; problems: string[] } {
  const problems: string[] = [];
  const examples: TrainingExample[] = [];
  const data = raw as { lang?: unknown; examples?: unknown };
  const expected = basename(fileName, '.json');
  if (typeof raw !== 'object' || raw === null || typeof data.lang !== 'string' || typeof data.examples !== 'object' || data.examples === null) {
    return { examples, problems: [`not a { "lang", "examples": { "<topic>": [...] } } file`] };
  }
  if (data.lang !== expected) problems.push(`"lang" is "${data.lang}" but the file name says "${expected}"`);
  for (const [topic, texts] of Object.entries(data.examples as Record<string, unknown>)) {
    if (!isTopicId(topic)) {
      problems.push(`unknown topic "${topic}" (allowed: ${TOPIC_IDS.join(', ')})`);
      continue;
    }
    if (!Array.isArray(texts)) {
      problems.push(`${topic}: examples must be a list of strings`);
      continue;
    }
    for (const text of texts) {
      if (typeof text === 'string' && text.trim()) examples.push({ topic, lang: data.lang, text: text.trim() });
      else problems.push(`${topic}: ${JSON.stringify(text)} is not a non-empty string`);
    }
  }
  return { examples, problems };
}

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
}

export function loadMoreExamples(intentsDir: string, warn: (msg: string) => void = () => {}): TrainingExample[] {
  const dir = join(intentsDir, MORE_DIR);
  if (!existsSync(dir)) return [];
  const out: TrainingExample[] = [];
  for (const file of jsonFiles(dir)) {
    try {
      const { examples, problems } = parseMoreFile(JSON.parse(readFileSync(join(dir, file), 'utf8')), file);
      for (const p of problems) warn(`${MORE_DIR}/${file}: ${p}`);
      out.push(...examples);
    } catch (err) {
      warn(`${MORE_DIR}/${file}: ${(err as Error).message}`);
    }
  }
  return out;
}

export function loadIntentExamples(intentsDir: string, warn: (msg: string) => void = () => {}): TrainingExample[] {
  let files: string[];
  try {
    files = jsonFiles(intentsDir);
  } catch {
    warn(`intents folder not readable: ${intentsDir}`);
    return [];
  }
  const out: TrainingExample[] = [];
  for (const file of files) {
    try {
      const data = JSON.parse(readFileSync(join(intentsDir, file), 'utf8')) as { topic?: unknown; examples?: unknown };
      if (!isTopicId(data.topic) || typeof data.examples !== 'object' || data.examples === null) {
        warn(`${file}: not a topic file, skipped`);
        continue;
      }
      for (const [lang, texts] of Object.entries(data.examples as Record<string, unknown>)) {
        if (!Array.isArray(texts)) continue;
        for (const text of texts) {
          if (typeof text === 'string' && text.trim()) out.push({ topic: data.topic, lang, text: text.trim() });
        }
      }
    } catch (err) {
      warn(`${file}: ${(err as Error).message}`);
    }
  }
  out.push(...loadMoreExamples(intentsDir, warn));
  return out;
}
