import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileEngineCache, sqliteEngineCache } from '../../src/nlu/engine-cache.js';
import { deserialiseEngines, engineKey, serialiseEngines, trainJob, type TrainingInput } from '../../src/nlu/engines.js';
import { loadRiskLexicon } from '../../src/nlu/risk/index.js';
import { openDatabase } from '../../src/storage/database.js';
import type { TrainingExample } from '../../src/nlu/types.js';
import { RISK_DIR } from './risk/helpers.js';

const variants = (topic: TrainingExample['topic'], base: string[]): TrainingExample[] =>
  base.flatMap((b) => [b, `${b} please`, `help ${b}`, `${b} now`, `i ask ${b}`]).map((text) => ({ topic, lang: 'en', text }));

const input: TrainingInput = {
  examples: [
    ...variants('unpaid_wages', ['my salary is not paid', 'no salary for two months']),
    ...variants('greeting', ['hello', 'good morning']),
    ...variants('out_of_scope', ['weather tomorrow', 'tell me a joke']),
  ],
  riskExamples: [],
  riskLexicon: loadRiskLexicon(RISK_DIR),
};

describe('trained engines', () => {
  const trained = trainJob('topic', input);

  it('survive serialisation with identical scores', () => {
    const back = deserialiseEngines(serialiseEngines(trained));
    const text = 'salary not paid';
    expect(back.topic!.engine.scoresSync(text)).toEqual(trained.topic!.engine.scoresSync(text));
    expect(back.topic!.thresholds).toEqual(trained.topic!.thresholds);
  });

  it('are cached in SQLite and in a folder, keyed by their training data', () => {
    const key = engineKey('topic', input);
    expect(engineKey('topic', { ...input, examples: input.examples.slice(1) })).not.toBe(key);
    for (const cache of [sqliteEngineCache(openDatabase(':memory:')), fileEngineCache(mkdtempSync(join(tmpdir(), 'haqq-ec-')))]) {
      expect(cache.get(key)).toBeUndefined();
      cache.put(key, serialiseEngines(trained));
      const back = deserialiseEngines(cache.get(key)!);
      expect(back.topic!.engine.scoresSync('hello')).toEqual(trained.topic!.engine.scoresSync('hello'));
    }
  });

  it('rejects a cache entry of another format', () => {
    const s = serialiseEngines(trained);
    expect(() => deserialiseEngines({ ...s, meta: s.meta.replace(/"format":\d+/, '"format":0') })).toThrow(/format/);
    expect(() => deserialiseEngines({ ...s, weights: s.weights.subarray(1) })).toThrow();
  });
});
