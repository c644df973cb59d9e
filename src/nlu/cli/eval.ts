import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { evaluate, formatMetrics, type LabelledMessage, type Prediction } from '../evaluate.js';
import { classifyLine } from './classify-lines.js';
import { createCliNlu, PROJECT_ROOT } from './nlu-for-cli.js';

// npm run eval [file.jsonl …] [--errors]
// Runs the classify pipeline on labelled JSONL files (default: ../shared/eval/dev.jsonl when
// present, and the project's own intents/eval/labelled.jsonl) and prints the metrics of each.

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  let files = args.filter((a) => !a.startsWith('--'));
  if (files.length === 0) {
    files = [resolve(PROJECT_ROOT, '../shared/eval/dev.jsonl'), resolve(PROJECT_ROOT, 'intents/eval/labelled.jsonl')].filter((f) =>
      existsSync(f),
    );
  }
  const nlu = await createCliNlu([]);
  console.log(`engine: ${nlu.engineName}`);
  for (const file of files) {
    const gold = readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as LabelledMessage);
    const predicted: Prediction[] = [];
    for (const g of gold) {
      const out = await classifyLine(nlu, JSON.stringify({ id: g.id, text: g.text }));
      predicted.push('error' in out ? { intent: 'error', risk: { level: 'none', indicators: [] } } : (out as unknown as Prediction));
    }
    const metrics = evaluate(gold, predicted);
    console.log(`\n== ${file}\n${formatMetrics(metrics)}`);
    if (args.includes('--errors')) {
      for (const e of metrics.intentErrors) console.log(`  ${e.id}: ${e.gold} → ${e.predicted}`);
    }
  }
}

await main();
