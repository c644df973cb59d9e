import { describe, expect, it } from 'vitest';
import { DEFAULT_FEATURE_OPTIONS, Vectorizer } from '../../src/nlu/lexical/features.js';
import { TermTable } from '../../src/nlu/lexical/term-table.js';
import { fitCalibration, probabilitiesFrom, trainLexicalModel } from '../../src/nlu/lexical/model.js';

const texts = ['my boss took my passport', 'zarplatu ne platyat', 'пасспорт забрали', 'maaşımı vermir patron', '护照被老板拿走了', 'boss took passport 😀'];

describe('TermTable', () => {
  it('gives exactly the vocabulary and vectors of fitting on the texts', () => {
    const table = new TermTable(DEFAULT_FEATURE_OPTIONS);
    const fitted = Vectorizer.fit(texts.slice(0, 4));
    const fromDocs = Vectorizer.fitDocs(table, texts.slice(0, 4).map((t) => table.doc(t)));
    expect(fromDocs.toState()).toEqual(fitted.toState());
    // texts the vocabulary never saw (their terms are new to the table) too
    for (const t of texts) expect(fromDocs.transformDoc(table.doc(t))).toEqual(fitted.transform(t));
    expect(table.doc(texts[0]!)).toBe(table.doc(texts[0]!));
  });

  it('feeds a model that predicts like one trained without it', () => {
    const labels = ['passport', 'wages', 'passport', 'wages', 'passport', 'passport'];
    const a = trainLexicalModel(texts, labels, undefined);
    const b = trainLexicalModel(texts, labels, undefined, undefined, new TermTable(DEFAULT_FEATURE_OPTIONS));
    expect(Array.from(b.linear.weights)).toEqual(Array.from(a.linear.weights));
  });
});

describe('fitCalibration', () => {
  it('finds the temperature and coverage exponent of least held-out loss', () => {
    const labels = ['passport', 'wages', 'passport', 'wages', 'oos', 'oos'];
    const model = trainLexicalModel(texts, labels, 'oos');
    const held = [
      { logits: Float64Array.from([2, -1, 0.5]), coverage: 0.5, gold: 0 },
      { logits: Float64Array.from([0.1, 0.3, 1.5]), coverage: 1, gold: 2 },
      { logits: Float64Array.from([-1, 0.2, 0.4]), coverage: 0.2, gold: 1 },
      { logits: Float64Array.from([0.5, 0.4, -2]), coverage: 0.9, gold: 1 },
    ];
    const loss = (temperature: number, coveragePower: number) =>
      held.reduce((sum, h) => sum - Math.log(probabilitiesFrom({ ...model, coveragePower }, h.logits, h.coverage, temperature)[h.gold]!), 0);
    const best = fitCalibration(model, held);
    for (const power of [0, 0.5, 1, 1.5]) {
      for (let t = 0.2; t <= 3; t += 0.1) expect(loss(best.temperature, best.coveragePower)).toBeLessThanOrEqual(loss(t, power) + 1e-9);
    }
  });
});
