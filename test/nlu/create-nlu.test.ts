import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { createNlu } from '../../src/nlu/create-nlu.js';
import { openDatabase } from '../../src/storage/database.js';
import type { TrainingExample } from '../../src/nlu/types.js';

const riskDir = fileURLToPath(new URL('../../intents/risk', import.meta.url));
const variants = (base: string[]) => base.flatMap((b) => [b, `${b} please`, `help ${b}`, `${b} now`, `i ask ${b}`]);

function toyIntents(): string {
  const dir = mkdtempSync(join(tmpdir(), 'haqq-nlu-'));
  const write = (topic: string, en: string[]) => writeFileSync(join(dir, `${topic}.json`), JSON.stringify({ topic, examples: { en: variants(en) } }));
  write('unpaid_wages', ['my salary is not paid', 'the boss does not pay my wages', 'no salary for two months']);
  write('greeting', ['hello', 'hi there', 'good morning']);
  write('out_of_scope', ['what is the weather tomorrow', 'who won the football match', 'tell me a joke']);
  return dir;
}

async function toyNlu() {
  return createNlu({
    intentsDir: toyIntents(),
    riskDir,
    modelDir: join(tmpdir(), 'haqq-no-models'),
    cacheDir: mkdtempSync(join(tmpdir(), 'haqq-cache-')),
    logger: createLogger('silent'),
  });
}

describe('createNlu', () => {
  it('shares trained engines through the cache folder across databases', async () => {
    const intentsDir = toyIntents();
    const cacheDir = mkdtempSync(join(tmpdir(), 'haqq-cache-'));
    const trained: unknown[] = [];
    const logger = createLogger('info', {
      write: (line: string) => {
        const entry = JSON.parse(line) as { msg: string; trained?: unknown };
        if (entry.msg === 'nlu ready') trained.push(entry.trained);
      },
    });
    for (let i = 0; i < 2; i++) {
      const nlu = await createNlu({ db: openDatabase(':memory:'), intentsDir, riskDir, modelDir: join(tmpdir(), 'haqq-no-models'), cacheDir, logger });
      expect((await nlu.classify('my salary is not paid')).intent).toBe('unpaid_wages');
    }
    expect(trained[0]).toContain('topic');
    expect(trained[1]).toEqual([]); // a fresh database, the same folder: nothing trained again
    expect(readdirSync(cacheDir).some((f) => f.startsWith('topic-'))).toBe(true);
  });

  it('classifies, and never throws on odd input', async () => {
    const nlu = await toyNlu();
    expect(nlu.engineName).toBe('lexical');
    const r = await nlu.classify('my salary is not paid for 2 months');
    expect(r.intent).toBe('unpaid_wages');
    expect(r.candidates.length).toBeGreaterThan(0);
    for (const odd of ['', '😀😀😀', '\ud800\udc00\ud800', '\u0000\u0001\u0002', 'x'.repeat(100_000), null as unknown as string]) {
      const o = await nlu.classify(odd);
      expect(['out_of_scope', 'unsure', 'confident']).toContain(o.status);
      expect(o.risk.level).toBeTypeOf('string');
    }
    expect((await nlu.classify('😀😀😀')).intent).toBe('out_of_scope');
  });

  it('retrain swaps the engine atomically', async () => {
    const nlu = await toyNlu();
    // The toy engine has no 'thanks' topic; after retraining, plov questions are taught as 'thanks'.
    const before = (await nlu.classify('how to cook plov')).intent;
    expect(before).not.toBe('thanks');
    const examples: TrainingExample[] = [
      ...variants(['recipe for plov with lamb', 'how to cook plov', 'plov recipe']).map((text) => ({ topic: 'thanks' as const, lang: 'en', text })),
      ...variants(['my salary is not paid', 'no salary for two months']).map((text) => ({ topic: 'unpaid_wages' as const, lang: 'en', text })),
      ...variants(['what is the weather tomorrow', 'tell me a joke']).map((text) => ({ topic: 'out_of_scope' as const, lang: 'en', text })),
    ];
    let retrained = false;
    const pending = nlu.retrain(examples).then(() => (retrained = true));
    // Training runs in a worker thread: a message sent now is answered (by the old engine)
    // before the retrain finishes, instead of waiting behind it. The macrotask turns first let
    // retrain start its work (on the main thread they would wait for the whole training).
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setTimeout(resolve, 0));
    const during = await nlu.classify('how to cook plov');
    expect(retrained).toBe(false);
    expect(during.intent).toBe(before);
    await pending;
    expect((await nlu.classify('how to cook plov')).intent).toBe('thanks');
  });
});
