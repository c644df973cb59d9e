import { Composer } from 'grammy';
import type { Message } from 'grammy/types';
import type { BotContext } from '../bot/context.js';
import { activeCaseOfUser, claimedCasesOf } from './case-queries.js';
import type { HandoffDeps } from './deps.js';
import { requeueFailed } from './outbox.js';
import { staffT, userT } from './render.js';
import { groupItem, out, CAPTION_KINDS, BARE_KINDS } from './send.js';
import * as staff from './staff-actions.js';
import type { StaffCheck } from './staff-auth.js';
import { isStaffCommand, parseCommand, runStaffCommand } from './staff-commands.js';
import { caseworker, upsertCaseworker } from './store.js';
import type { HandoffTrigger } from './types.js';
import { consent, decline, userEnd, userMessage } from './user-actions.js';

// The hand-off's grammY composer, mounted by createBot BEFORE the NLU. It consumes (does not call
// next for): everything in the staff group; every "ho:" callback; /human and /end; every message of
// a user whose hand-off is active (offered, waiting, claimed), so the NLU never answers them; and a
// caseworker's private messages while they hold a claimed case. Other commands (/start, /forget,
// /lang…) pass through to the bot core even during a hand-off.

const RELAY_KINDS = ['animation', ...CAPTION_KINDS.filter((k) => k !== 'animation'), ...BARE_KINDS] as const;
const TELEGRAM_ANONYMOUS_ADMIN = 1087968824;

/** 'text', a media kind, 'contact', or undefined for kinds we cannot relay (polls, dice…). */
export function messageKind(msg: Message): { kind: string; text: string } | undefined {
  if (msg.text !== undefined) return { kind: 'text', text: msg.text };
  const record = msg as unknown as Record<string, unknown>;
  for (const k of RELAY_KINDS) if (record[k] !== undefined) return { kind: k, text: msg.caption ?? '' };
  if (msg.contact) return { kind: 'contact', text: '' };
  return undefined;
}

export function createComposer(
  deps: HandoffDeps,
  isStaff: StaffCheck,
  offer: (ctx: BotContext, trigger: HandoffTrigger) => Promise<void>,
  seeBot: (username: string) => void,
): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const botName = (ctx: BotContext) => {
    const name = ctx.me?.username ?? '';
    if (name) seeBot(name);
    return name;
  };
  const actorOf = (ctx: BotContext): staff.Actor => ({
    id: ctx.from!.id,
    name: [ctx.from!.first_name, ctx.from!.last_name].filter(Boolean).join(' ') || 'staff',
  });
  const replyTo = (chatId: number, text: string, inPrivate: boolean, messageId?: number) => {
    if (!text) return;
    deps.db.transaction(() => {
      const extra = messageId ? { reply_parameters: { message_id: messageId, allow_sending_without_reply: true } } : {};
      if (inPrivate) out(deps, { chatId, method: 'sendMessage', payload: { text, ...extra }, purpose: 'cw' });
      else out(deps, groupItem(deps, text, null, extra));
    })();
    deps.kick();
  };

  composer.use(async (ctx, next) => {
    const staffChat = deps.config.STAFF_CHAT_ID;
    const chat = ctx.chat;
    const data = ctx.callbackQuery?.data;
    botName(ctx);
    if (staffChat !== undefined && chat?.id === staffChat) return handleStaffGroup(ctx);
    if (data?.startsWith('ho:')) return handleCallback(ctx, data);
    if (chat?.type !== 'private' || !ctx.from) return next();
    return handlePrivate(ctx, next);
  });

  async function handleStaffGroup(ctx: BotContext): Promise<void> {
    const from = ctx.from;
    if (!from || from.is_bot || from.id === TELEGRAM_ANONYMOUS_ADMIN) {
      if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: staffT(deps)('staff.not_staff') }).catch(() => {});
      return;
    }
    const data = ctx.callbackQuery?.data;
    if (data) {
      const [, action, code] = data.split(':');
      if (!(await isStaff(ctx.api, from.id))) {
        deps.logger.warn({ action }, 'handoff: staff button pressed by a non-member');
        await ctx.answerCallbackQuery({ text: staffT(deps)('staff.not_staff'), show_alert: true }).catch(() => {});
        return;
      }
      upsertCaseworker(deps.db, from, deps.now());
      const result =
        action === 'claim' && code ? staff.claim(deps, actorOf(ctx), code) : action === 'pass' && code ? staff.pass(deps, actorOf(ctx), code) : undefined;
      await ctx.answerCallbackQuery(result ? { text: result.text, show_alert: !result.ok } : {}).catch(() => {});
      return;
    }
    const message = ctx.message;
    const command = parseCommand(message?.text, botName(ctx));
    // Only members can post in the group, so its chatter identifies staff (for /transfer @name)
    // without an API call per message; buttons and commands are checked before they are recorded.
    if (message && !command) upsertCaseworker(deps.db, from, deps.now());
    if (!message || !command || !isStaffCommand(command.name)) return; // chatter in the group: not ours, not the NLU's
    if (!(await isStaff(ctx.api, from.id))) return replyTo(message.chat.id, staffT(deps)('staff.not_staff'), false, message.message_id);
    upsertCaseworker(deps.db, from, deps.now());
    const result = await runStaffCommand(deps, {
      name: command.name,
      args: command.args,
      rest: command.rest,
      actor: actorOf(ctx),
      inPrivate: false,
      replyTo: message.reply_to_message,
      isStaff: (id) => isStaff(ctx.api, id),
    });
    replyTo(message.chat.id, result.text, false, message.message_id);
  }

  async function handleCallback(ctx: BotContext, data: string): Promise<void> {
    const [, action, code = ''] = data.split(':');
    const from = ctx.from!;
    const t = userT(deps, ctx.lang);
    if (action === 'claim' || action === 'pass') {
      // A staff button anywhere but the staff group is forged or stale: never act on it.
      deps.logger.warn({ action, chatType: ctx.chat?.type }, 'handoff: staff callback outside the staff group refused');
      await ctx.answerCallbackQuery({ text: staffT(deps)('staff.not_staff'), show_alert: true }).catch(() => {});
      return;
    }
    if (ctx.chat?.type !== 'private') return void (await ctx.answerCallbackQuery().catch(() => {}));
    let ok = true;
    if (action === 'req') await offer(ctx, { reason: 'request', level: 'none', indicators: [], recentTexts: [] });
    else if (action === 'ys' || action === 'yn') ok = consent(deps, from.id, code, action === 'ys') !== undefined;
    else if (action === 'no') ok = decline(deps, from.id, code);
    else if (action === 'end') userEnd(deps, from.id, ctx.lang);
    else ok = false;
    await ctx.answerCallbackQuery(ok ? {} : { text: t('offer.expired') }).catch(() => {});
    if (action !== 'req' && action !== 'end') await ctx.editMessageReplyMarkup().catch(() => {}); // cosmetic: buttons used
  }

  async function handlePrivate(ctx: BotContext, next: () => Promise<void>): Promise<void> {
    const from = ctx.from!;
    const msg = ctx.message ?? ctx.editedMessage;
    const command = parseCommand(msg?.text, botName(ctx));
    const cw = caseworker(deps.db, from.id);
    if (cw && cw.dm_ok !== 1 && msg) {
      // A caseworker wrote to the bot: it can reach them now; deliver what failed before.
      deps.db.transaction(() => {
        deps.db.prepare('UPDATE handoff_caseworkers SET dm_ok = 1 WHERE user_id = ?').run(from.id);
        requeueFailed(deps.db, from.id, deps.now());
      })();
      deps.kick();
    }

    // 1. The user is in a hand-off (as the person helped).
    const active = activeCaseOfUser(deps.db, from.id);
    if (active) {
      if (command?.name === 'end') return void userEnd(deps, from.id, ctx.lang);
      if (command?.name === 'human') return replyTo(from.id, userT(deps, active.lang)('user.already'), true);
      if (command) return next();
      if (!msg) return next();
      const kind = messageKind(msg);
      if (!kind || kind.kind === 'contact') {
        return replyTo(from.id, userT(deps, active.lang)(kind ? 'user.contact_not_forwarded' : 'user.unsupported'), true);
      }
      userMessage(deps, from.id, { ...kind, chatId: msg.chat.id, messageId: msg.message_id, edited: ctx.editedMessage !== undefined });
      return;
    }

    // 2. Staff commands in the private chat.
    if (command && (isStaffCommand(command.name) || (command.name === 'end' && cw))) {
      const hasCases = claimedCasesOf(deps.db, from.id).length > 0;
      if (command.name === 'end' && !hasCases) return void userEnd(deps, from.id, ctx.lang);
      if (!(await isStaff(ctx.api, from.id))) return replyTo(from.id, staffT(deps)('staff.not_staff'), true);
      upsertCaseworker(deps.db, from, deps.now());
      const actor = actorOf(ctx);
      const result =
        command.name === 'end'
          ? (() => {
              const target = staff.resolveDmCase(deps, from.id, msg?.reply_to_message?.message_id);
              return 'error' in target ? { ok: false, text: target.error } : staff.close(deps, actor, target.row.code, null);
            })()
          : await runStaffCommand(deps, {
              name: command.name as Parameters<typeof runStaffCommand>[1]['name'],
              args: command.args,
              rest: command.rest,
              actor,
              inPrivate: true,
              replyTo: msg?.reply_to_message,
              isStaff: (id) => isStaff(ctx.api, id),
            });
      return replyTo(from.id, result.text, true);
    }

    // 3. The user's own hand-off commands.
    if (command?.name === 'human') return offer(ctx, { reason: 'request', level: 'none', indicators: [], recentTexts: [] });
    if (command?.name === 'end') return void userEnd(deps, from.id, ctx.lang);

    // 4. A caseworker with a claimed case writes: relay to the user.
    if (cw && !command && ctx.message && claimedCasesOf(deps.db, from.id).length > 0) {
      const kind = messageKind(ctx.message);
      if (!kind || kind.kind === 'contact') return replyTo(from.id, userT(deps, 'en')('user.unsupported'), true);
      const result = staff.staffMessage(deps, actorOf(ctx), {
        ...kind,
        messageId: ctx.message.message_id,
        replyToMessageId: ctx.message.reply_to_message?.message_id,
      });
      if (!result.ok) replyTo(from.id, result.text, true);
      return;
    }
    return next();
  }

  return composer;
}
