// NLU latency: start-up to ready (language ID model load + lexical engine, cold = trained,
// warm = from the cache), classify latency p50/p99, messages per second, peak RSS.
//   npm run bench:nlu [-- --messages 2000] [--cache-dir DIR]
// Without --cache-dir: a fresh temporary cache, started twice (cold, then warm). With it: started
// once from DIR (cold when DIR is empty or missing, warm when it holds the engines), then from DIR
// again; run it twice with an empty DIR for separate cold and warm processes.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger } from '../src/logger.js';
import { createNlu } from '../src/nlu/create-nlu.js';
import { loadIntentExamples } from '../src/nlu/intents-loader.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const intentsDir = join(root, 'intents');
const logger = createLogger('warn');
let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);

async function startup(cacheDir: string): Promise<{ ms: number; nlu: Awaited<ReturnType<typeof createNlu>> }> {
  const t0 = performance.now();
  const nlu = await createNlu({ intentsDir, modelDir: join(root, 'models'), logger, cacheDir });
  return { ms: performance.now() - t0, nlu };
}

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const given = arg('--cache-dir');
const cacheDir = given ?? mkdtempSync(join(tmpdir(), 'haqq-bench-'));
const wasEmpty = !existsSync(cacheDir) || readdirSync(cacheDir).filter((f) => f.endsWith('.bin')).length === 0;
const load = loadavg().map((l) => l.toFixed(2)).join(' ');
const first = await startup(cacheDir);
const warm = await startup(cacheDir);
if (!given) rmSync(cacheDir, { recursive: true, force: true });

const at = process.argv.indexOf('--messages');
const count = at >= 0 ? Number(process.argv[at + 1]) : 2000;
// Queries: training texts with a typo each, so the engine does real work (not only exact hits).
const texts = loadIntentExamples(intentsDir).map((e) => e.text.replace(/(\p{L})(\p{L})/u, '$2$1'));
const dev = join(root, '../shared/eval/dev.jsonl');
try {
  texts.push(...readFileSync(dev, 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { text: string }).text));
} catch { /* the shared eval set is optional */ }

const times: number[] = [];
const t0 = performance.now();
for (let i = 0; i < count; i++) {
  const s = performance.now();
  await warm.nlu.classify(texts[(i * 7919) % texts.length]!);
  times.push(performance.now() - s);
}
const total = performance.now() - t0;
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);
times.sort((a, b) => a - b);
const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!;
console.log(`engine: ${warm.nlu.engineName}`);
console.log(`load average at start: ${load} (${availableParallelism()} cores)`);
console.log(`start-up to ready: first ${wasEmpty ? 'cold (training)' : 'warm (cache)'} ${first.ms.toFixed(0)} ms, then warm (cache) ${warm.ms.toFixed(0)} ms`);
console.log(`classify latency over ${count} messages: p50 ${q(0.5).toFixed(3)} ms, p99 ${q(0.99).toFixed(3)} ms`);
console.log(`throughput: ${((count / total) * 1000).toFixed(0)} messages/s`);
console.log(`peak RSS: ${(peakRss / 1024 / 1024).toFixed(0)} MB (both NLU instances alive)`);
