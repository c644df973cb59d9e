import { isTopicId, type TopicId } from '../../../src/contract.js';
import { normalise } from '../../../src/nlu/normalise.js';
import type { ClassifyOptions, Nlu, NluResult, TrainingExample } from '../../../src/nlu/types.js';

// A tiny learning NLU for console tests: classifies by the best token overlap with its training
// examples, so adding an example and retraining really changes the result. Language: Cyrillic → ru,
// Arabic script → fa, else the preferred language or en. "passport" + "took" → high risk.

const tokens = (s: string) => new Set(normalise(s).replace(/[.,!?;:]/g, ' ').split(/\s+/).filter(Boolean));

export class LearningFakeNlu implements Nlu {
  readonly engineName = 'fake-overlap';
  retrainCount = 0;
  private examples: { topic: TopicId; toks: Set<string> }[] = [];

  constructor(examples: readonly TrainingExample[] = []) {
    this.load(examples);
  }

  private load(examples: readonly TrainingExample[]): void {
    this.examples = examples.filter((e) => isTopicId(e.topic)).map((e) => ({ topic: e.topic, toks: tokens(e.text) }));
  }

  async retrain(examples: readonly TrainingExample[]): Promise<void> {
    await new Promise((r) => setTimeout(r, 20));
    this.load(examples);
    this.retrainCount++;
  }

  async classify(text: string, options?: ClassifyOptions): Promise<NluResult> {
    const q = tokens(text);
    const scores = new Map<TopicId, number>();
    for (const e of this.examples) {
      let inter = 0;
      for (const t of q) if (e.toks.has(t)) inter++;
      const s = inter / Math.max(1, new Set([...q, ...e.toks]).size);
      if (s > (scores.get(e.topic) ?? 0)) scores.set(e.topic, s);
    }
    const ranked = [...scores.entries()].sort((a, b) => b[1] - a[1]);
    const [intent, score] = ranked[0] ?? ['out_of_scope', 0];
    const language = /[\u0400-\u04FF]/.test(text) ? 'ru' : /[\u0600-\u06FF]/.test(text) ? 'fa' : (options?.preferredLanguage ?? 'en');
    const risky = /passport|паспорт/i.test(text) && /took|take|забрал/i.test(text);
    return {
      language,
      languageConfidence: 0.9,
      intent: score >= 0.3 ? intent : 'out_of_scope',
      confidence: score,
      candidates: ranked.slice(0, 3).map(([i, s]) => ({ intent: i, score: s })),
      status: score >= 0.5 ? 'confident' : score >= 0.3 ? 'unsure' : 'out_of_scope',
      risk: risky ? { level: 'high', indicators: ['document_retention'] } : { level: 'none', indicators: [] },
      engine: this.engineName,
    };
  }
}
