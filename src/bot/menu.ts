import { Composer, InlineKeyboard } from 'grammy';
import { isTopicId, type TopicId } from '../contract.js';
import { sendAnswer } from './answer.js';
import { parseCallback } from './callback-data.js';
import type { BotContext } from './context.js';
import type { CoreDeps } from './deps.js';
import { offer } from './free-text.js';
import { groupKeyboard, mainMenuKeyboard } from './keyboards.js';
import { currentRisk } from './risk.js';
import { recordInteraction } from './stats-queries.js';

/** The topic menu: main menu → group → topic answer, plus "Talk to a person". */
export function menuComposer(deps: CoreDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  composer.command('menu', (ctx) => sendMenu(ctx));

  composer.on('callback_query:data', async (ctx, next) => {
    const action = parseCallback(ctx.callbackQuery.data);
    if (!action) return next();
    switch (action.kind) {
      case 'menu':
        await ctx.answerCallbackQuery();
        if (action.edit) await editOrReply(ctx, ctx.t('menu.title'), mainMenuKeyboard(ctx.t));
        else await sendMenu(ctx);
        return;
      case 'group':
        await ctx.answerCallbackQuery();
        await editOrReply(ctx, ctx.t(`group.${action.group}`), groupKeyboard(ctx.t, action.group));
        return;
      case 'topic':
        await ctx.answerCallbackQuery();
        await answerTopic(ctx, deps, action.topic);
        return;
      case 'human':
        await ctx.answerCallbackQuery();
        recordMenuInteraction(ctx, deps, 'talk_to_human', 'handoff');
        await offer(ctx, deps, 'request', currentRisk(deps, ctx.from.id));
        return;
      default:
        return next();
    }
  });

  return composer;
}

export async function sendMenu(ctx: BotContext): Promise<void> {
  await ctx.reply(ctx.t('menu.title'), { reply_markup: mainMenuKeyboard(ctx.t) });
}

async function answerTopic(ctx: BotContext, deps: CoreDeps, topic: TopicId): Promise<void> {
  if (!ctx.from) return;
  if (topic === 'talk_to_human') {
    recordMenuInteraction(ctx, deps, topic, 'handoff');
    await offer(ctx, deps, 'request', currentRisk(deps, ctx.from.id));
    return;
  }
  if (topic === 'greeting' || topic === 'thanks' || topic === 'out_of_scope') {
    // Not answer topics; only reachable with hand-made callback data. Show the menu.
    await sendMenu(ctx);
    return;
  }
  const ok = await sendAnswer(ctx, deps, topic);
  recordMenuInteraction(ctx, deps, topic, ok ? 'answered' : 'unsure');
}

function recordMenuInteraction(ctx: BotContext, deps: CoreDeps, topic: string, outcome: 'answered' | 'unsure' | 'handoff'): void {
  recordInteraction(deps.db, {
    at: deps.now(),
    lang: ctx.lang,
    channel: 'menu',
    topic: isTopicId(topic) ? topic : null,
    confidence: null,
    outcome,
    riskLevel: 'none',
  });
}

/** Menu navigation edits the menu message in place; if that fails (too old, deleted), send anew. */
async function editOrReply(ctx: BotContext, text: string, keyboard: InlineKeyboard): Promise<void> {
  if (ctx.callbackQuery?.message) {
    try {
      await ctx.editMessageText(text, { reply_markup: keyboard });
      return;
    } catch {
      // "message is not modified" or "message can't be edited": fall through to a new message.
    }
  }
  await ctx.reply(text, { reply_markup: keyboard });
}

