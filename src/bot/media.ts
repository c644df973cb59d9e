import { Composer } from 'grammy';
import type { BotContext } from './context.js';
import type { CoreDeps } from './deps.js';
import { talkOrMenuKeyboard } from './keyboards.js';

// The bot reads text only. Anything else gets a kind reply in the user's language saying so —
// never silence, which a scared user would read as "nobody is there".

const MEDIA_REPLIES = [
  ['message:voice', 'media.voice'],
  ['message:audio', 'media.voice'],
  ['message:video_note', 'media.video'],
  ['message:video', 'media.video'],
  ['message:photo', 'media.photo'],
  ['message:sticker', 'media.sticker'],
  ['message:animation', 'media.sticker'],
  ['message:document', 'media.document'],
  ['message:location', 'media.location'],
  ['message:venue', 'media.location'],
  ['message:contact', 'media.contact'],
  ['message:poll', 'media.poll'],
] as const;

export function mediaComposer(_deps: CoreDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  for (const [filter, key] of MEDIA_REPLIES) {
    composer.on(filter, async (ctx) => {
      await ctx.reply(ctx.t(key), { reply_markup: talkOrMenuKeyboard(ctx.t) });
    });
  }
  return composer;
}
