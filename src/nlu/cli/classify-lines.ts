import type { Nlu } from '../types.js';

// One JSONL line in, one JSON object out (CONTRACT §3). Shared by the classify command and the
// eval command, so both measure exactly what operators run.

export interface ClassifyOutput {
  id?: unknown;
  text: string;
  intent: string;
  confidence: number;
  language: string;
  risk: { level: string; indicators: string[] };
  [key: string]: unknown;
}

export async function classifyLine(nlu: Nlu, line: string): Promise<ClassifyOutput | { error: string }> {
  if (line.trim() === '') return { error: 'empty line' };
  let input: unknown;
  try {
    input = JSON.parse(line);
  } catch (err) {
    return { error: `invalid JSON: ${(err as Error).message}` };
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { error: 'not a JSON object' };
  const record = input as Record<string, unknown>;
  if (typeof record.text !== 'string') return { ...record, error: 'missing "text" string' };
  const lang = typeof record.preferred_language === 'string' ? record.preferred_language : undefined;
  const r = await nlu.classify(record.text, lang ? { preferredLanguage: lang } : {});
  return {
    ...record,
    id: record.id,
    text: record.text,
    intent: r.intent,
    confidence: Math.round(r.confidence * 1000) / 1000,
    language: r.language,
    risk: { level: r.risk.level, indicators: r.risk.indicators },
  };
}
