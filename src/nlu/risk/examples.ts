import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { RISK_INDICATORS, RISK_LEVELS, type RiskIndicator, type RiskLevel } from '../../contract.js';

// Labelled risk training data, intents/risk-examples/<lang>.jsonl, one JSON object a line:
//   { "text": "…", "indicators": ["document_retention", …], "level": "none|low|medium|high|urgent" }
// Positives are real situations with their indicators; negatives are general questions (low),
// negated or hypothetical statements and unrelated messages (none). The risk classifier
// (classifier.ts) learns from them. Bad lines are reported with file:line and skipped by the
// loader (the bot still starts); content:check reports them as errors.

export const RISK_EXAMPLES_DIR = 'risk-examples';

export interface RiskExample {
  text: string;
  lang: string;
  indicators: RiskIndicator[];
  level: RiskLevel;
}

const isIndicator = (v: unknown): v is RiskIndicator => typeof v === 'string' && (RISK_INDICATORS as readonly string[]).includes(v);
const isLevel = (v: unknown): v is RiskLevel => typeof v === 'string' && (RISK_LEVELS as readonly string[]).includes(v);

/** Parses one .jsonl file's content; problems name the line. */
export function parseRiskExamples(content: string, lang: string): { examples: RiskExample[]; problems: string[] } {
  const examples: RiskExample[] = [];
  const problems: string[] = [];
  content.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    const at = `line ${i + 1}`;
    let row: { text?: unknown; indicators?: unknown; level?: unknown };
    try {
      row = JSON.parse(line) as typeof row;
    } catch (err) {
      problems.push(`${at}: not valid JSON (${(err as Error).message})`);
      return;
    }
    if (typeof row !== 'object' || row === null || typeof row.text !== 'string' || !row.text.trim()) {
      problems.push(`${at}: needs a non-empty "text"`);
      return;
    }
    const indicators = row.indicators ?? [];
    if (!Array.isArray(indicators)) {
      problems.push(`${at}: "indicators" must be a list`);
      return;
    }
    const unknown = indicators.filter((x) => !isIndicator(x));
    if (unknown.length > 0) {
      problems.push(`${at}: unknown indicator(s) ${unknown.map((u) => JSON.stringify(u)).join(', ')}; allowed: ${RISK_INDICATORS.join(', ')}`);
      return;
    }
    if (!isLevel(row.level)) {
      problems.push(`${at}: "level" must be one of ${RISK_LEVELS.join(', ')}, got ${JSON.stringify(row.level)}`);
      return;
    }
    examples.push({ text: row.text.trim(), lang, indicators: [...new Set(indicators as RiskIndicator[])], level: row.level });
  });
  return { examples, problems };
}

export function riskExampleFiles(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort() : [];
}

/** All risk examples of <intentsDir>/risk-examples (none when the folder does not exist). */
export function loadRiskExamples(intentsDir: string, warn: (msg: string) => void = () => {}): RiskExample[] {
  const dir = join(intentsDir, RISK_EXAMPLES_DIR);
  const out: RiskExample[] = [];
  for (const file of riskExampleFiles(dir)) {
    try {
      const { examples, problems } = parseRiskExamples(readFileSync(join(dir, file), 'utf8'), basename(file, '.jsonl'));
      for (const p of problems) warn(`${RISK_EXAMPLES_DIR}/${file}: ${p}`);
      out.push(...examples);
    } catch (err) {
      warn(`${RISK_EXAMPLES_DIR}/${file}: ${(err as Error).message}`);
    }
  }
  return out;
}
