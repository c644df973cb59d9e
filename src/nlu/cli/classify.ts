import { createInterface } from 'node:readline';
import { classifyLine } from './classify-lines.js';
import { createCliNlu } from './nlu-for-cli.js';

// npm run --silent classify < questions.jsonl > answers.jsonl   (CONTRACT §3)
// One result line per input line, in order; invalid lines get {"error": …}; exit 0 once all
// lines are read. The model is loaded once for the whole input.

async function main(): Promise<void> {
  const nlu = await createCliNlu();
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    const out = await classifyLine(nlu, line);
    if (!process.stdout.write(JSON.stringify(out) + '\n')) {
      await new Promise((resolve) => process.stdout.once('drain', resolve));
    }
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`classify failed: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
