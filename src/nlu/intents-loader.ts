import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isTopicId } from '../contract.js';
import type { TrainingExample } from './types.js';

// Reads intents/<topic>.json ({ topic, examples: { <lang>: [text…] } }). A malformed file is
// skipped with a warning rather than stopping the bot: the other topics still work.

export function loadIntentExamples(intentsDir: string, warn: (msg: string) => void = () => {}): TrainingExample[] {
  let files: string[];
  try {
    files = readdirSync(intentsDir).filter((f) => f.endsWith('.json')).sort();
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
  return out;
}
