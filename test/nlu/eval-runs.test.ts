import { describe, expect, it } from 'vitest';
import { evaluateAndRecord, listEvalRuns } from '../../src/nlu/eval-runs.js';
import { openDatabase } from '../../src/storage/database.js';
import { FakeNlu } from '../support/fakes.js';

describe('evaluateAndRecord', () => {
  it('classifies the rows, stores the metrics in nlu_eval_runs and lists runs newest first', async () => {
    const db = openDatabase(':memory:');
    const nlu = new FakeNlu().on('hello', { intent: 'greeting' }).on('they took my passport', {
      intent: 'passport_confiscated', risk: { level: 'high', indicators: ['document_retention'] },
    });
    const rows = [
      { id: '1', lang: 'en', text: 'hello', intent: 'greeting', level: 'none' as const, indicators: [] },
      { id: '2', lang: 'en', text: 'they took my passport', intent: 'passport_confiscated', level: 'high' as const, indicators: ['document_retention'] },
      { id: '3', lang: 'en', text: 'weather?', intent: 'greeting', level: 'none' as const, indicators: [] },
    ];
    const first = await evaluateAndRecord(db, nlu, rows, () => 1000);
    expect(first.metrics.intentAccuracy).toMatchObject({ correct: 2, total: 3 });
    expect(first.metrics.escalationRecall).toMatchObject({ correct: 1, total: 1 });
    await evaluateAndRecord(db, nlu, rows.slice(0, 1), () => 2000);
    const runs = listEvalRuns(db);
    expect(runs.map((r) => r.at)).toEqual([2000, 1000]);
    expect(runs[1]!.metrics.count).toBe(3);
    expect(runs[0]!.engine).toBe('fake');
  });
});
