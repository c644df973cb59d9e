import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Bot, Transformer } from 'grammy';
import type { InlineKeyboardMarkup, Update, UserFromGetMe } from 'grammy/types';
import type { BotContext } from './context.js';

// The local console chat: without a Telegram token, you talk to the very same bot (same
// middleware, same database) in a terminal. Lines become updates fed to bot.handleUpdate; every
// outgoing API call is intercepted (no network) and printed: text, then numbered buttons. Typing a
// number presses that button; /commands work as in Telegram.

export const CONSOLE_USER_ID = 1;

export interface ConsoleChatOptions {
  input: Readable;
  output: Writable;
  userId?: number;
  /** Telegram language_code the console user "has" (e.g. 'ru'); default 'en'. */
  languageCode?: string;
  /**
   * After each line, wait until nothing was printed for this long (ms) before reading the next:
   * the hand-off's messages go through its outbox and arrive a moment after the update is handled.
   * Without this, piped input ends (and the process exits) before they are shown, and a number
   * typed right after could press a button of the previous message. Default 150 (at most 2 s).
   */
  settleMs?: number;
}

export interface ConsoleChat {
  botInfo: UserFromGetMe;
  /** Install as the innermost API transformer (createBot option innerTransformers). */
  transformer: Transformer;
  /**
   * The same interception as a `fetch` for grammY's client options (createBot option `fetch`):
   * clients built from the bot's options — the hand-off outbox builds its own, without the bot's
   * transformers — then print here too instead of calling api.telegram.org with a fake token.
   */
  fetch: typeof fetch;
  /** Reads lines until the input ends. */
  run(bot: Bot<BotContext>): Promise<void>;
}

interface Shown {
  data: string;
  messageId: number;
  text: string;
  /** The whole keyboard, sent back with a press as Telegram does (👍/👎 removes its own row). */
  markup: InlineKeyboardMarkup;
}

export function createConsoleChat(o: ConsoleChatOptions): ConsoleChat {
  const userId = o.userId ?? CONSOLE_USER_ID;
  const from = { id: userId, is_bot: false, first_name: 'You', language_code: o.languageCode ?? 'en' };
  const chat = { id: userId, type: 'private' as const, first_name: 'You' };
  const botInfo = {
    id: 42,
    is_bot: true,
    first_name: 'haqq',
    username: 'haqq_console_bot',
    can_join_groups: false,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
  } as UserFromGetMe;
  let messageId = 0;
  let updateId = 0;
  let buttons: Shown[] = [];
  let lastOutputAt = 0;
  const print = (s: string) => {
    lastOutputAt = Date.now();
    o.output.write(s.endsWith('\n') ? s : `${s}\n`);
  };

  /** Buttons of the user's chat are numbered (typing the number presses it); others are only shown. */
  function show(id: number, text: string | undefined, markup: InlineKeyboardMarkup | undefined, prefix = '') {
    if (text !== undefined) print(`\n${prefix}${text}`);
    else if (markup) print(`  (buttons updated)`);
    const previousText = buttons.find((b) => b.messageId === id)?.text ?? '';
    const rows = markup?.inline_keyboard ?? [];
    if (rows.length === 0) return;
    if (prefix.startsWith('[to chat')) {
      for (const b of rows.flat()) print(`  [-] ${b.text}`);
      return;
    }
    buttons = [];
    for (const b of rows.flat()) {
      if ('callback_data' in b) {
        buttons.push({ data: b.callback_data, messageId: id, text: text ?? previousText, markup: markup! });
        print(`  [${buttons.length}] ${b.text}`);
      } else {
        print(`  [-] ${b.text}`); // a link button: nothing to press in a terminal
      }
    }
  }

  const settleMs = o.settleMs ?? 150;
  async function settle(): Promise<void> {
    const started = Date.now();
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    // Quiet for settleMs since the update was handled or the last thing printed, whichever is later.
    do await sleep(Math.min(settleMs, 25) || 1);
    while (Date.now() - Math.max(lastOutputAt, started) < settleMs && Date.now() - started < 2000);
  }

  function handle(method: string, payload: unknown): { ok: true; result: unknown } {
    const p = (payload ?? {}) as Record<string, any>;
    const toOther = p.chat_id !== undefined && Number(p.chat_id) !== userId ? `[to chat ${p.chat_id}] ` : '';
    const message = (id: number) => ({ message_id: id, date: Math.floor(Date.now() / 1000), chat, from: botInfo, text: p.text });
    let result: unknown = true;
    switch (method) {
      case 'getMe':
        result = botInfo;
        break;
      case 'sendMessage': {
        const id = ++messageId;
        show(id, String(p.text), p.reply_markup, toOther);
        result = message(id);
        break;
      }
      case 'editMessageText':
        show(Number(p.message_id), String(p.text), p.reply_markup, `${toOther}(edited) `);
        result = message(Number(p.message_id));
        break;
      case 'editMessageReplyMarkup':
        show(Number(p.message_id), undefined, p.reply_markup, toOther);
        result = message(Number(p.message_id));
        break;
      case 'answerCallbackQuery':
        if (p.text) print(`  (${p.text})`);
        break;
      case 'deleteMessages':
        print(`  (${(p.message_ids as unknown[]).length} messages deleted)`);
        break;
      case 'deleteMessage':
      case 'sendChatAction':
      case 'setMyCommands':
        break;
      case 'copyMessage':
      case 'forwardMessage':
        result = { message_id: ++messageId };
        print(`${toOther}(${method})`);
        break;
      default:
        print(`  (${method})`);
    }
    return { ok: true, result };
  }

  const transformer: Transformer = async (_prev, method, payload) => handle(method, payload) as never;

  const consoleFetch = (async (url: string | URL | Request, init?: RequestInit) => {
    const method = String(url instanceof Request ? url.url : url).split('/').pop() ?? '';
    const body = typeof init?.body === 'string' && init.body ? (JSON.parse(init.body) as unknown) : {};
    return new Response(JSON.stringify(handle(method, body)), { headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;

  function toUpdate(line: string): Update | undefined {
    const n = /^\d{1,2}$/.test(line) ? Number(line) : NaN;
    const button = buttons[n - 1];
    if (button) {
      return {
        update_id: ++updateId,
        callback_query: {
          id: String(updateId),
          from,
          chat_instance: String(userId),
          data: button.data,
          message: {
            message_id: button.messageId,
            date: Math.floor(Date.now() / 1000),
            chat,
            from: botInfo,
            text: button.text,
            reply_markup: button.markup,
          },
        },
      } as Update;
    }
    const command = /^\/\w+/.exec(line);
    return {
      update_id: ++updateId,
      message: {
        message_id: ++messageId,
        date: Math.floor(Date.now() / 1000),
        chat,
        from,
        text: line,
        ...(command ? { entities: [{ type: 'bot_command', offset: 0, length: command[0].length }] } : {}),
      },
    } as Update;
  }

  return {
    botInfo,
    transformer,
    fetch: consoleFetch,
    async run(bot) {
      print('haqq console chat. Type a message, a /command, or the number of a button. Ctrl+D to quit.');
      const rl = createInterface({ input: o.input, terminal: false });
      for await (const raw of rl) {
        const line = raw.trim();
        if (!line) continue;
        const update = toUpdate(line);
        if (update) await bot.handleUpdate(update);
        await settle();
      }
    },
  };
}
