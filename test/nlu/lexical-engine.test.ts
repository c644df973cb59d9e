import { describe, expect, it } from 'vitest';
import type { TopicId } from '../../src/contract.js';
import { decide, tuneThresholds } from '../../src/nlu/decide.js';
import { splitHeldOut, trainLexicalEngine } from '../../src/nlu/lexical/lexical-engine.js';
import { normalise } from '../../src/nlu/normalise.js';
import type { TrainingExample } from '../../src/nlu/types.js';

const toy = (topic: TopicId, texts: string[], lang = 'en'): TrainingExample[] => texts.map((text) => ({ topic, lang, text }));
const variants = (base: string[]) => base.flatMap((b) => [b, `${b} please`, `help ${b}`, `${b} now`, `i ask ${b}`]);

const examples: TrainingExample[] = [
  ...toy('unpaid_wages', variants(['my salary is not paid', 'the boss does not pay my wages', 'no salary for two months', 'they keep my wages'])),
  ...toy('passport_confiscated', variants(['the boss took my passport', 'employer keeps my passport', 'they hold my passport and id', 'passport taken by manager'])),
  ...toy('greeting', variants(['hello', 'hi there', 'good morning', 'hey'])),
  ...toy('out_of_scope', variants(['what is the weather tomorrow', 'who won the football match', 'tell me a joke', 'recipe for plov'])),
  ...toy('unpaid_wages', variants(['zarplatu ne platyat', 'hozyain ne otdaet dengi']), 'ru'),
];

describe('lexical engine', () => {
  const trained = trainLexicalEngine(examples);
  const top = (text: string) => trained.engine.scoresSync(normalise(text))[0]!;

  it('learns a toy dataset and generalises to typos', () => {
    expect(top('my salary is not paid').intent).toBe('unpaid_wages');
    expect(top('my salry not payed').intent).toBe('unpaid_wages');
    expect(top('boss tok my pasport').intent).toBe('passport_confiscated');
    expect(top('zarplatu ne plotyat').intent).toBe('unpaid_wages');
  });

  it('gives calibrated scores that sum to one', () => {
    const scores = trained.engine.scoresSync(normalise('employer keeps my passport'));
    const sum = scores.reduce((s, x) => s + x.score, 0);
    expect(sum).toBeCloseTo(1, 5);
    expect(scores[0]!.score).toBeGreaterThan(scores[1]!.score);
    expect(trained.engine.model.temperature).toBeGreaterThan(0);
  });

  it('sends out-of-scope questions to out_of_scope', () => {
    const d = decide(trained.engine.scoresSync(normalise('what is the weather tomorrow in baku')), trained.thresholds);
    expect(d.status).toBe('out_of_scope');
    expect(d.intent).toBe('out_of_scope');
  });

  it('splits held-out data per topic and language', () => {
    const { train, held } = splitHeldOut(examples, 0.15);
    expect(train.length + held.length).toBe(examples.length);
    expect(new Set(held.map((h) => h.topic)).size).toBe(4);
  });
});

describe('decide', () => {
  const t = { outOfScope: 0.2, confident: 0.5, margin: 0.1 };
  it('is unsure with candidates when the top two are close', () => {
    const d = decide([{ intent: 'unpaid_wages', score: 0.45 }, { intent: 'working_conditions', score: 0.4 }, { intent: 'complaint', score: 0.15 }], t);
    expect(d.status).toBe('unsure');
    expect(d.candidates.map((c) => c.intent)).toEqual(['unpaid_wages', 'working_conditions', 'complaint']);
  });
  it('is confident above the threshold with a clear margin, out of scope below the floor', () => {
    expect(decide([{ intent: 'hotline', score: 0.9 }, { intent: 'shelter', score: 0.1 }], t).status).toBe('confident');
    expect(decide([{ intent: 'hotline', score: 0.15 }, { intent: 'shelter', score: 0.1 }], t).status).toBe('out_of_scope');
  });
  it('tunes thresholds that keep confident answers precise', () => {
    const held = Array.from({ length: 100 }, (_, i) => {
      const right = i % 4 !== 0;
      const score = right ? 0.9 : 0.4;
      return { gold: 'hotline' as TopicId, scores: [{ intent: (right ? 'hotline' : 'shelter') as TopicId, score }, { intent: 'legal_aid' as TopicId, score: 1 - score }] };
    });
    const tuned = tuneThresholds(held, 0.95);
    expect(decide(held[1]!.scores, tuned).status).toBe('confident');
    expect(decide(held[0]!.scores, tuned).status).not.toBe('confident');
  });
});
