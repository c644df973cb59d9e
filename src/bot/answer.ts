import type { TopicId } from '../contract.js';
import { getUser, setDisclaimerAt } from '../storage/user-queries.js';
import type { BotContext } from './context.js';
import type { CoreDeps } from './deps.js';
import { answerKeyboard, talkOrMenuKeyboard } from './keyboards.js';
import type { SwitchOffer } from './language-switch.js';

// One way to show a knowledge-base answer, used by the menu and by free text alike:
// text, the source line, once per conversation the disclaimer, then 👍/👎 · More · person · Menu.

export interface AnswerOptions {
  /** High risk: the answer only, no "More", so the hand-off offer right after is not buried. */
  brief?: boolean;
  /** Medium risk: make the talk button an explicit caseworker offer… */
  offerCaseworker?: boolean;
  /** …and add the "if this is happening to you" line (default: whenever offerCaseworker). */
  caseworkerLine?: boolean;
  switchTo?: SwitchOffer;
}

/** Sends the answer; returns false (after telling the user) when the knowledge base has none. */
export async function sendAnswer(ctx: BotContext, deps: CoreDeps, topic: TopicId, o: AnswerOptions = {}): Promise<boolean> {
  const answer = deps.knowledge.getAnswer(topic, ctx.lang);
  if (!answer) {
    deps.logger.warn({ topic, lang: ctx.lang }, 'no answer in the knowledge base');
    await ctx.reply(ctx.t('answer.missing'), { reply_markup: talkOrMenuKeyboard(ctx.t) });
    return false;
  }
  const parts = [answer.text.trim(), answer.sourceLine.trim()];
  if (ctx.from && needsDisclaimer(deps, ctx.from.id)) {
    parts.push(ctx.t('answer.disclaimer'));
    setDisclaimerAt(deps.db, ctx.from.id, deps.now());
  }
  if (o.offerCaseworker && o.caseworkerLine !== false) parts.push(ctx.t('risk.medium_offer'));
  const hasMore = !o.brief && Boolean(answer.more?.trim());
  await ctx.reply(parts.filter(Boolean).join('\n\n'), {
    reply_markup: answerKeyboard(ctx.t, { topic, hasMore, offerCaseworker: Boolean(o.offerCaseworker), switchTo: o.switchTo }),
    link_preview_options: { is_disabled: true },
  });
  return true;
}

function needsDisclaimer(deps: CoreDeps, userId: number): boolean {
  const user = getUser(deps.db, userId);
  return user !== undefined && user.disclaimerAt === null;
}

/** The "More" part of an answer, as its own message. */
export async function sendMore(ctx: BotContext, deps: CoreDeps, topic: TopicId): Promise<boolean> {
  const answer = deps.knowledge.getAnswer(topic, ctx.lang);
  const more = answer?.more?.trim();
  if (!more) return false;
  await ctx.reply(more, {
    reply_markup: answerKeyboard(ctx.t, { topic, hasMore: false, offerCaseworker: false, withVotes: false }),
    link_preview_options: { is_disabled: true },
  });
  return true;
}
