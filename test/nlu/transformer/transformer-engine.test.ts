import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/storage/database.js';
import { createEmbedder, type Embedder } from '../../../src/nlu/transformer/embedder.js';
import { withEmbeddingCache } from '../../../src/nlu/transformer/embedding-cache.js';
import { locateModel } from '../../../src/nlu/transformer/model-locator.js';
import { createTransformerEngine, fuseScores, loadTransformerEngine } from '../../../src/nlu/transformer/index.js';
import type { TrainingExample } from '../../../src/nlu/types.js';
import { writeTinyBertModel } from '../../support/tiny-model.js';

// Runs the real transformers.js + onnxruntime path on a tiny generated BERT-shaped model.

const examples: TrainingExample[] = [
  { topic: 'passport_confiscated', lang: 'en', text: 'my boss took my passport' },
  { topic: 'passport_confiscated', lang: 'en', text: 'boss took passport' },
  { topic: 'unpaid_wages', lang: 'en', text: 'salary not paid' },
  { topic: 'unpaid_wages', lang: 'en', text: 'my wage money not paid' },
  { topic: 'out_of_scope', lang: 'en', text: 'weather football' },
];

describe('transformer engine (tiny generated model)', () => {
  let modelDir: string;
  let embedder: Embedder;

  beforeAll(async () => {
    modelDir = mkdtempSync(join(tmpdir(), 'haqq-models-'));
    writeTinyBertModel(join(modelDir, 'test-org'), 'tiny-bert');
    const model = locateModel(modelDir);
    expect(model?.id).toBe('test-org/tiny-bert');
    embedder = await createEmbedder(modelDir, model!);
  });

  it('finds no model in an empty or missing folder', () => {
    expect(locateModel(mkdtempSync(join(tmpdir(), 'haqq-empty-')))).toBeUndefined();
    expect(locateModel('/nonexistent/models')).toBeUndefined();
  });

  it('embeds to unit vectors with mean pooling that ignores padding', async () => {
    const [alone] = await embedder.embed(['hello']);
    const [padded] = await embedder.embed(['hello', 'my boss took my passport and my salary']);
    expect(alone).toHaveLength(16);
    expect(Math.hypot(...alone!)).toBeCloseTo(1, 4);
    // In a batch the short text is padded; the attention mask must keep its vector unchanged.
    alone!.forEach((x, i) => expect(padded![i]).toBeCloseTo(x, 5));
  });

  it('caches vectors in SQLite so a second pass embeds nothing', async () => {
    const db = openDatabase(':memory:');
    const cached = withEmbeddingCache(embedder, db);
    const first = await cached.embed(['salary not paid', 'hello']);
    expect(cached.misses).toBe(2);
    const second = await cached.embed(['hello', 'salary not paid']);
    expect(cached.misses).toBe(2);
    expect(Array.from(second[1]!)).toEqual(Array.from(first[0]!));
    expect(db.prepare('SELECT count(*) n FROM embedding_cache').get()).toEqual({ n: 2 });
  });

  it('scores the nearest topic highest, as probabilities', async () => {
    const engine = await createTransformerEngine(embedder, examples);
    const scores = await engine.scores('', 'the boss took my passport');
    expect(scores[0]!.intent).toBe('passport_confiscated');
    expect(scores.reduce((s, x) => s + x.score, 0)).toBeCloseTo(1, 5);
    const wages = await engine.scores('', 'salary money not paid');
    expect(wages[0]!.intent).toBe('unpaid_wages');
  });

  it('fuses lexical and transformer scores by weight', () => {
    const fused = fuseScores(
      [{ intent: 'hotline', score: 0.6 }, { intent: 'legal_aid', score: 0.4 }],
      [{ intent: 'legal_aid', score: 0.9 }, { intent: 'shelter', score: 0.1 }],
      0.5,
    );
    expect(fused[0]).toEqual({ intent: 'legal_aid', score: 0.65 });
    expect(fused.find((s) => s.intent === 'hotline')!.score).toBeCloseTo(0.3);
    expect(fused.find((s) => s.intent === 'shelter')!.score).toBeCloseTo(0.05);
  });

  it('loads end to end from MODEL_DIR, and skips a broken model without throwing', async () => {
    const db = openDatabase(':memory:');
    const engine = await loadTransformerEngine({ modelDir, examples, db });
    expect(engine?.name).toBe('transformer:test-org/tiny-bert');
    expect((db.prepare('SELECT count(*) n FROM embedding_cache').get() as { n: number }).n).toBe(examples.length);

    const broken = mkdtempSync(join(tmpdir(), 'haqq-broken-'));
    mkdirSync(join(broken, 'bad', 'onnx'), { recursive: true });
    writeFileSync(join(broken, 'bad', 'config.json'), '{}');
    writeFileSync(join(broken, 'bad', 'tokenizer.json'), '{}');
    writeFileSync(join(broken, 'bad', 'onnx', 'model.onnx'), 'not a model');
    await expect(loadTransformerEngine({ modelDir: broken, examples })).resolves.toBeUndefined();
  });
});
