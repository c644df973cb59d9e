import { Composer } from 'grammy';
import { ANSWER_TOPICS, riskRank, type Risk, type TopicId } from '../contract.js';
import type { NluResult } from '../nlu/types.js';
import { incrementMisunderstood, resetMisunderstood } from '../storage/user-queries.js';
import { sendAnswer } from './answer.js';
import type { BotContext } from './context.js';
import type { CoreDeps } from './deps.js';
import { candidatesKeyboard, mainMenuKeyboard, talkOrMenuKeyboard, withSwitchButton } from './keyboards.js';
import { languageSwitchOffer, type SwitchOffer } from './language-switch.js';
import { assessRisk, shouldOfferHandoff } from './risk.js';
import { cleanUserText, hasWords } from './sanitize.js';
import { recordInteraction, recordMissedQuestion, type Outcome } from './stats-queries.js';

/** After this many misunderstood messages in a row, a person is offered. */
export const MISUNDERSTOOD_LIMIT = 3;

/**
 * Free text, the last feature in the chain: NLU → accumulated risk → answer, "not sure", "not my
 * field", or a hand-off. Unknown /commands get a short help instead of being classified.
 */
export function freeTextComposer(deps: CoreDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  composer.on('message:text', async (ctx) => {
    const userId = ctx.from.id;
    if (ctx.message.entities?.some((e) => e.type === 'bot_command' && e.offset === 0) || /^\/\w/.test(ctx.message.text)) {
      await ctx.reply(ctx.t('command.unknown'), { reply_markup: talkOrMenuKeyboard(ctx.t) });
      return;
    }
    const { text } = cleanUserText(ctx.message.text);
    if (!hasWords(text)) {
      await ctx.reply(ctx.t('reply.no_words'), { reply_markup: talkOrMenuKeyboard(ctx.t) });
      return;
    }
    deps.memory.pushText(userId, text);
    const memory = deps.memory.get(userId);
    const now = deps.now();
    const result = await deps.nlu.classify(text, { preferredLanguage: ctx.lang });
    const risk = assessRisk(deps, userId, result.risk);
    const switchTo = languageSwitchOffer(deps.i18n, ctx.lang, result, text, memory, now);
    const record = (outcome: Outcome, topic: TopicId | null = result.intent) =>
      recordInteraction(deps.db, {
        at: now,
        lang: ctx.lang,
        channel: 'text',
        topic,
        confidence: result.confidence,
        outcome,
        riskLevel: risk.level,
      });

    if (result.intent === 'talk_to_human' && result.status === 'confident') {
      resetMisunderstood(deps.db, userId);
      record('handoff');
      await offer(ctx, deps, 'request', risk);
      return;
    }

    if (shouldOfferHandoff(memory, risk, result.risk, now)) {
      memory.lastRiskOffer = { level: risk.level, at: now };
      resetMisunderstood(deps.db, userId);
      record('handoff');
      if (risk.level === 'urgent') await ctx.reply(deps.knowledge.emergencyText(ctx.lang));
      if (result.status === 'confident' && isAnswerTopic(result.intent)) {
        await sendAnswer(ctx, deps, result.intent, { brief: true, switchTo });
      } else {
        await ctx.reply(ctx.t('risk.brief'));
      }
      await offer(ctx, deps, 'risk', risk);
      return;
    }

    if (result.status === 'confident' && (result.intent === 'greeting' || result.intent === 'thanks')) {
      resetMisunderstood(deps.db, userId);
      record('answered');
      const key = result.intent === 'greeting' ? 'reply.greeting' : 'reply.thanks';
      const kb = result.intent === 'greeting' ? mainMenuKeyboard(ctx.t) : talkOrMenuKeyboard(ctx.t, false);
      await ctx.reply(ctx.t(key), { reply_markup: withSwitchButton(kb, switchTo) });
      return;
    }

    if (result.status === 'confident' && isAnswerTopic(result.intent)) {
      resetMisunderstood(deps.db, userId);
      record('answered');
      memory.lastQuestion = { text, topic: result.intent };
      // Medium (or a high level already offered a hand-off for): answer and offer a caseworker.
      // The "if this is happening to you" line only when this message itself describes something;
      // a later, unrelated question ("where do I register?") keeps just the caseworker button.
      const offerCaseworker = riskRank(risk.level) >= riskRank('medium');
      const caseworkerLine = offerCaseworker && riskRank(result.risk.level) >= riskRank('medium');
      await sendAnswer(ctx, deps, result.intent, { offerCaseworker, caseworkerLine, switchTo });
      return;
    }

    // Not understood: 'unsure', 'out_of_scope', or a confident out_of_scope intent.
    const outOfScope = result.status === 'out_of_scope' || result.intent === 'out_of_scope';
    record(outOfScope ? 'out_of_scope' : 'unsure');
    recordMissedQuestion(deps.db, {
      at: now,
      text,
      lang: ctx.lang,
      reason: outOfScope ? 'out_of_scope' : 'unsure',
      guessTopic: result.intent,
      guessConfidence: result.confidence,
    });
    await replyNotUnderstood(ctx, result, outOfScope, switchTo, {
      // A person stays one tap away for a user whose recent messages were worrying…
      talk: riskRank(risk.level) >= riskRank('medium'),
      // …but "if this is happening to you" under "what is the weather?" makes no sense.
      line: riskRank(result.risk.level) >= riskRank('medium'),
    });
    if (incrementMisunderstood(deps.db, userId) >= MISUNDERSTOOD_LIMIT) {
      resetMisunderstood(deps.db, userId);
      await offer(ctx, deps, 'misunderstood', risk);
    }
  });

  return composer;
}

export function isAnswerTopic(topic: TopicId): boolean {
  return topic !== 'talk_to_human' && ANSWER_TOPICS.includes(topic);
}

async function replyNotUnderstood(
  ctx: BotContext,
  result: NluResult,
  outOfScope: boolean,
  switchTo: SwitchOffer | undefined,
  caseworker: { talk: boolean; line: boolean },
): Promise<void> {
  const extra = caseworker.line ? `\n\n${ctx.t('risk.medium_offer')}` : '';
  const likely = outOfScope ? [] : likeliestTopics(result, 3);
  if (likely.length === 0) {
    const key = outOfScope ? 'reply.out_of_scope' : 'reply.unsure_no_guess';
    const withTalk = !outOfScope || caseworker.talk || caseworker.line;
    await ctx.reply(ctx.t(key) + extra, { reply_markup: withSwitchButton(talkOrMenuKeyboard(ctx.t, withTalk), switchTo) });
    return;
  }
  await ctx.reply(ctx.t('reply.unsure') + extra, { reply_markup: withSwitchButton(candidatesKeyboard(ctx.t, likely), switchTo) });
}

/** The likeliest answerable topics, best first, without duplicates. */
export function likeliestTopics(result: NluResult, n: number): TopicId[] {
  const seen = new Set<TopicId>();
  const ranked = [...result.candidates].sort((a, b) => b.score - a.score).map((c) => c.intent);
  for (const topic of [result.intent, ...ranked].filter(isAnswerTopic)) {
    if (seen.size >= n) break;
    seen.add(topic);
  }
  return [...seen];
}

/** Hands the conversation to the hand-off module with what it needs (texts stay in memory only). */
export async function offer(ctx: BotContext, deps: CoreDeps, reason: 'risk' | 'request' | 'misunderstood', risk: Risk): Promise<void> {
  const userId = ctx.from?.id;
  if (userId === undefined) return;
  await deps.handoff.offer(ctx, {
    reason,
    level: risk.level,
    indicators: risk.indicators,
    recentTexts: deps.memory.recentTexts(userId),
  });
}
