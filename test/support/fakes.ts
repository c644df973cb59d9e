import { Composer } from 'grammy';
import type { Risk, TopicId } from '../../src/contract.js';
import type { BotContext } from '../../src/bot/context.js';
import type { HandoffModule, HandoffTrigger } from '../../src/handoff/types.js';
import type { KnowledgeBase, RenderedAnswer } from '../../src/knowledge/types.js';
import type { Lang } from '../../src/i18n/languages.js';
import type { ClassifyOptions, Nlu, NluResult } from '../../src/nlu/types.js';

// Fakes of the NLU, knowledge base and hand-off modules for bot-flow tests and the benchmark, so
// those do not depend on the real modules (or their progress).

export type ScriptedResult = Partial<NluResult> & { intent: TopicId };

/** A fake NLU: exact-text script first, then a rule function, else out_of_scope. Records calls. */
export class FakeNlu implements Nlu {
  readonly engineName = 'fake';
  readonly calls: { text: string; options?: ClassifyOptions }[] = [];
  private readonly script = new Map<string, ScriptedResult>();
  fallback: (text: string) => ScriptedResult | undefined = () => undefined;

  on(text: string, result: ScriptedResult): this {
    this.script.set(text, result);
    return this;
  }

  async classify(text: string, options?: ClassifyOptions): Promise<NluResult> {
    this.calls.push({ text, options });
    const s = this.script.get(text) ?? this.fallback(text) ?? { intent: 'out_of_scope', status: 'out_of_scope', confidence: 0.9 };
    return nluResult(s, options?.preferredLanguage ?? 'en');
  }

  async retrain(): Promise<void> {}
}

export function nluResult(s: ScriptedResult, language = 'en'): NluResult {
  return {
    language,
    languageConfidence: 0.95,
    confidence: 0.9,
    status: 'confident',
    candidates: [{ intent: s.intent, score: s.confidence ?? 0.9 }],
    risk: { level: 'none', indicators: [] },
    engine: 'fake',
    ...s,
  };
}

/** Answers every topic with a recognisable text; `more` for some; `missing` topics have none. */
export class FakeKnowledgeBase implements KnowledgeBase {
  readonly missing = new Set<TopicId>();
  readonly withMore = new Set<TopicId>(['unpaid_wages']);

  getAnswer(topic: TopicId, lang: Lang): RenderedAnswer | undefined {
    if (this.missing.has(topic)) return undefined;
    return {
      topic,
      lang,
      text: `[${lang}] answer about ${topic}`,
      more: this.withMore.has(topic) ? `[${lang}] more about ${topic}` : undefined,
      sourceLine: `Source: OSCE report 2014, ¶46 · checked 2026-11`,
      lastChecked: '2026-11',
      reviewState: 'reviewed',
    };
  }

  emergencyText(lang: Lang): string {
    return `[${lang}] EMERGENCY: call 112`;
  }

  listContacts() {
    return [];
  }
}

/** Records offers and forgets; its composer handles nothing unless `openCases` has the user. */
export class FakeHandoff implements HandoffModule {
  readonly offers: { userId: number | undefined; trigger: HandoffTrigger }[] = [];
  readonly forgotten: number[] = [];
  readonly openCases = new Set<number>();
  readonly composer = new Composer<BotContext>();
  started = false;

  constructor() {
    // Like the real module: a user with an open case is relayed, never answered by the NLU.
    this.composer.on('message', async (ctx, next) => {
      if (ctx.chat.type === 'private' && this.openCases.has(ctx.from?.id ?? 0)) {
        await ctx.reply('[relayed to caseworker]');
        return;
      }
      await next();
    });
  }

  async offer(ctx: BotContext, trigger: HandoffTrigger): Promise<void> {
    this.offers.push({ userId: ctx.from?.id, trigger });
    await ctx.reply(`[handoff offer: ${trigger.reason}/${trigger.level}]`);
  }

  hasOpenCase(userId: number): boolean {
    return this.openCases.has(userId);
  }

  forgetUser(userId: number): { keptOpenCase: boolean } {
    this.forgotten.push(userId);
    return { keptOpenCase: this.openCases.has(userId) };
  }

  start(): void {
    this.started = true;
  }

  async stop(): Promise<void> {
    this.started = false;
  }
}

export const NO_RISK: Risk = { level: 'none', indicators: [] };

/**
 * Stand-in for src/nlu/risk/accumulate.ts in bot-flow tests (mocked with vi.mock), so the flow
 * tests do not depend on the NLU module's decay rules: this message's level, raised to 'high' when
 * the user's recent events plus this message show two or more different indicators.
 */
export function fakeAccumulateRisk(events: { indicator: string }[], current: Risk): Risk {
  const all = new Set([...events.map((e) => e.indicator), ...current.indicators]);
  const order = ['none', 'low', 'medium', 'high', 'urgent'] as const;
  if (all.size >= 2 && order.indexOf(current.level) < order.indexOf('high')) {
    return { level: 'high', indicators: [...all] as Risk['indicators'] };
  }
  return current;
}
