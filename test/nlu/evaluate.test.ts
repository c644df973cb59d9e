import { describe, expect, it } from 'vitest';
import { evaluate, type LabelledMessage, type Prediction } from '../../src/nlu/evaluate.js';

const gold: LabelledMessage[] = [
  { id: '1', lang: 'en', text: 'a', intent: 'unpaid_wages', alt: ['complaint'], level: 'medium', indicators: ['wage_withholding'] },
  { id: '2', lang: 'en', text: 'b', intent: 'hotline', level: 'urgent', indicators: ['physical_violence'] },
  { id: '3', lang: 'ru', text: 'c', intent: 'out_of_scope', level: 'none', indicators: [] },
  { id: '4', lang: 'ru', text: 'd', intent: 'passport_confiscated', level: 'high', indicators: ['document_retention'] },
];
const predicted: Prediction[] = [
  { intent: 'complaint', language: 'en', risk: { level: 'high', indicators: ['wage_withholding', 'threats'] } },
  { intent: 'hotline', language: 'en', risk: { level: 'urgent', indicators: ['physical_violence'] } },
  { intent: 'greeting', language: 'az', risk: { level: 'none', indicators: [] } },
  { intent: 'passport_confiscated', language: 'ru', risk: { level: 'medium', indicators: [] } },
];

describe('evaluate', () => {
  const m = evaluate(gold, predicted);
  it('counts alt intents as correct, per language', () => {
    expect(m.intentAccuracy).toEqual({ correct: 3, total: 4, rate: 0.75 });
    expect(m.intentAccuracyByLanguage.en!.rate).toBe(1);
    expect(m.intentAccuracyByLanguage.ru!.rate).toBe(0.5);
    expect(m.intentErrors).toEqual([{ id: '3', gold: 'out_of_scope', predicted: 'greeting' }]);
    expect(m.languageAccuracy.correct).toBe(3);
  });
  it('computes escalation, urgent, false escalation and out-of-scope figures', () => {
    expect(m.outOfScopeRecall.rate).toBe(0);
    expect(m.escalationRecall).toEqual({ correct: 1, total: 2, rate: 0.5 });
    expect(m.urgentRecall.rate).toBe(1);
    expect(m.falseEscalation).toEqual({ correct: 1, total: 2, rate: 0.5 });
  });
  it('computes indicator recall and precision', () => {
    expect(m.indicatorRecall).toEqual({ correct: 2, total: 3, rate: 2 / 3 });
    expect(m.indicatorPrecision).toEqual({ correct: 2, total: 3, rate: 2 / 3 });
  });
  it('refuses mismatched lengths', () => {
    expect(() => evaluate(gold, predicted.slice(1))).toThrow();
  });
});
