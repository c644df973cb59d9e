import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// A loopback fake of the Telegram Bot API for tests and benchmarks: grammY (or the real process,
// via TELEGRAM_API_ROOT) talks HTTP to it exactly as to api.telegram.org. It queues updates for
// getUpdates, answers every method with a Message-shaped result, records every call, and can be
// told to fail (429 with retry_after, 502…) to exercise retries.

export interface FakeUser {
  id: number;
  first_name?: string;
  username?: string;
  language_code?: string;
  is_bot?: boolean;
}

export interface FakeChat {
  id: number;
  type: 'private' | 'group' | 'supergroup' | 'channel';
  title?: string;
}

export interface RecordedCall {
  seq: number;
  method: string;
  params: Record<string, any>;
  /** The result returned to the client (undefined when the call was made to fail). */
  result?: any;
  failed?: { status: number; description: string };
  /** holdNext: the request was received (counts as accepted by Telegram) but never answered. */
  held?: boolean;
  at: number;
}

interface Failure {
  method: string; // '*' matches all
  remaining: number;
  status: number;
  retryAfter?: number;
  description?: string;
  /** Only calls to this chat_id (any chat when absent). */
  chatId?: number;
}

export interface FakeBotApi {
  apiRoot: string;
  token: string;
  calls: RecordedCall[];
  botUser: { id: number; is_bot: true; first_name: string; username: string };
  /** Queue a raw update (update_id assigned if absent). Returns it. */
  pushUpdate(update: Record<string, any>): Record<string, any>;
  /** A user writes in their private chat with the bot (or in `chat` if given). Returns the Message. */
  sendText(from: FakeUser, text: string, options?: { chat?: FakeChat; replyTo?: any }): any;
  /** A user sends a non-text message, e.g. sendMessageOf(user, { voice: {...} }). */
  sendMessageOf(from: FakeUser, fields: Record<string, any>, options?: { chat?: FakeChat }): any;
  /** A user presses an inline button `data` under `message` (a Message the bot sent). */
  pressButton(from: FakeUser, message: { chat: { id: number; type?: string }; message_id: number }, data: string): any;
  /** Resolves with the first call (from index `since`) matching the predicate. */
  waitForCall(predicate: (c: RecordedCall) => boolean, timeoutMs?: number, since?: number): Promise<RecordedCall>;
  /** Calls of these methods, optionally to one chat. */
  callsOf(method: string | string[], chatId?: number): RecordedCall[];
  /** Texts the bot sent to a chat (sendMessage text, edited texts excluded), in order. */
  textsTo(chatId: number): string[];
  /** Make the next `times` calls of `method` ('*' = any) fail with this HTTP status (0: drop the connection). */
  failNext(method: string, times: number, failure: { status: number; retryAfter?: number; description?: string; chatId?: number }): void;
  /** Forget every pending failNext/holdNext (added for the e2e tests). */
  clearFailures(): void;
  /**
   * The next `times` calls of `method` (to `chatId` if given) are recorded as accepted but never
   * answered: the client sees a request in flight forever (a crash between Telegram accepting a
   * message and the bot learning it). Added for the e2e crash tests.
   */
  holdNext(method: string, times: number, chatId?: number): void;
  /** Chat member statuses for getChatMember: key `${chatId}:${userId}`; default 'left'. */
  setChatMember(chatId: number, userId: number, status: 'creator' | 'administrator' | 'member' | 'left' | 'kicked'): void;
  /** Chats that answer 403 "bot was blocked by the user". */
  blockChat(chatId: number): void;
  /** Undo blockChat (e.g. the user pressed Start). Added for the hand-off tests. */
  unblockChat(chatId: number): void;
  close(): Promise<void>;
}

const FILE_FIELDS = ['voice', 'photo', 'document', 'video', 'video_note', 'audio', 'sticker', 'animation'];

export async function startFakeBotApi(options: { token?: string; maxPollMs?: number } = {}): Promise<FakeBotApi> {
  const token = options.token ?? '123456789:TEST-token-abcdefghijklmnopqrstu';
  const maxPollMs = options.maxPollMs ?? 500;
  const botUser = { id: 123456789, is_bot: true as const, first_name: 'haqq', username: 'haqq_test_bot' };
  const calls: RecordedCall[] = [];
  const updates: Record<string, any>[] = [];
  const failures: Failure[] = [];
  const holds: Array<{ method: string; remaining: number; chatId?: number }> = [];
  const members = new Map<string, string>();
  const blocked = new Set<number>();
  const messageCounters = new Map<number, number>();
  const pollWaiters = new Set<() => void>();
  const callWaiters = new Set<() => void>();
  let nextUpdateId = 1;
  let seq = 0;
  const now = () => Math.floor(Date.now() / 1000);

  const nextMessageId = (chatId: number) => {
    const n = (messageCounters.get(chatId) ?? 0) + 1;
    messageCounters.set(chatId, n);
    return n;
  };
  const privateChat = (user: FakeUser): FakeChat => ({ id: user.id, type: 'private' });
  const fullUser = (u: FakeUser) => ({ is_bot: false, first_name: `User${u.id}`, ...u });

  function pushUpdate(update: Record<string, any>) {
    const u = { update_id: update.update_id ?? nextUpdateId++, ...update };
    nextUpdateId = Math.max(nextUpdateId, u.update_id + 1);
    updates.push(u);
    for (const w of [...pollWaiters]) w();
    return u;
  }

  function sendMessageOf(from: FakeUser, fields: Record<string, any>, opts: { chat?: FakeChat } = {}) {
    const chat = opts.chat ?? privateChat(from);
    const message = { message_id: nextMessageId(chat.id), date: now(), chat, from: fullUser(from), ...fields };
    pushUpdate({ message });
    return message;
  }

  function sendText(from: FakeUser, text: string, opts: { chat?: FakeChat; replyTo?: any } = {}) {
    const fields: Record<string, any> = { text };
    const command = /^\/[A-Za-z0-9_]+(@\w+)?/.exec(text);
    if (command) fields.entities = [{ type: 'bot_command', offset: 0, length: command[0].length }];
    if (opts.replyTo) fields.reply_to_message = opts.replyTo;
    return sendMessageOf(from, fields, { chat: opts.chat });
  }

  function pressButton(from: FakeUser, message: { chat: { id: number; type?: string }; message_id: number }, data: string) {
    const callback_query = {
      id: String(Math.floor(Math.random() * 1e15)),
      from: fullUser(from),
      chat_instance: String(message.chat.id),
      data,
      message: { ...message, date: (message as any).date ?? now(), from: botUser },
    };
    pushUpdate({ callback_query });
    return callback_query;
  }

  function respond(method: string, p: Record<string, any>): any {
    const chatId = Number(p.chat_id);
    const sentMessage = (extra: Record<string, any>) => ({
      message_id: nextMessageId(chatId),
      date: now(),
      chat: { id: chatId, type: chatId < 0 ? 'supergroup' : 'private' },
      from: botUser,
      ...extra,
    });
    switch (method) {
      case 'getMe':
        return { ...botUser, can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false };
      case 'sendMessage':
        return sentMessage({ text: p.text, ...(p.reply_markup ? { reply_markup: p.reply_markup } : {}) });
      case 'copyMessage':
        return { message_id: nextMessageId(chatId) };
      case 'forwardMessage':
        return sentMessage({ forward_date: now() });
      case 'sendPhoto':
      case 'sendDocument':
      case 'sendVoice':
      case 'sendVideo':
      case 'sendSticker':
      case 'sendLocation':
        return sentMessage({});
      case 'editMessageText':
        return p.inline_message_id ? true : { message_id: Number(p.message_id), date: now(), chat: { id: chatId, type: chatId < 0 ? 'supergroup' : 'private' }, from: botUser, text: p.text, ...(p.reply_markup ? { reply_markup: p.reply_markup } : {}) };
      case 'editMessageReplyMarkup':
        return p.inline_message_id ? true : { message_id: Number(p.message_id), date: now(), chat: { id: chatId, type: chatId < 0 ? 'supergroup' : 'private' }, from: botUser, ...(p.reply_markup ? { reply_markup: p.reply_markup } : {}) };
      case 'getChatMember': {
        const status = members.get(`${chatId}:${Number(p.user_id)}`) ?? 'left';
        return { status, user: { id: Number(p.user_id), is_bot: false, first_name: `User${p.user_id}` } };
      }
      case 'getChat':
        return { id: chatId, type: chatId < 0 ? 'supergroup' : 'private' };
      case 'getWebhookInfo':
        return { url: '', has_custom_certificate: false, pending_update_count: 0 };
      default:
        return true;
    }
  }

  async function readBody(req: IncomingMessage): Promise<Record<string, any>> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://x');
    const query = Object.fromEntries(url.searchParams);
    if (!raw) return query;
    const type = req.headers['content-type'] ?? '';
    if (type.includes('application/json')) return { ...query, ...JSON.parse(raw) };
    if (type.includes('x-www-form-urlencoded')) return { ...query, ...Object.fromEntries(new URLSearchParams(raw)) };
    // multipart (file uploads): record the raw size only; tests here do not upload files.
    return { ...query, _multipart_bytes: raw.length };
  }

  function takeFailure(method: string, chatId: number): Failure | undefined {
    const f = failures.find((x) => (x.method === method || x.method === '*') && x.remaining > 0 && (x.chatId === undefined || x.chatId === chatId));
    if (f) f.remaining -= 1;
    return f;
  }

  async function handleGetUpdates(p: Record<string, any>): Promise<any[]> {
    const offset = Number(p.offset ?? 0);
    if (offset > 0) while (updates.length && updates[0]!.update_id < offset) updates.shift();
    const limit = Number(p.limit ?? 100);
    if (updates.length === 0) {
      const waitMs = Math.min(Number(p.timeout ?? 0) * 1000, maxPollMs);
      if (waitMs > 0) {
        await new Promise<void>((resolve) => {
          const done = () => {
            clearTimeout(timer);
            pollWaiters.delete(done);
            resolve();
          };
          const timer = setTimeout(done, waitMs);
          pollWaiters.add(done);
        });
      }
    }
    return updates.filter((u) => u.update_id >= offset).slice(0, limit);
  }

  const server: Server = createServer(async (req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    try {
      const match = /^\/bot([^/]+)\/(\w+)/.exec(new URL(req.url ?? '/', 'http://x').pathname);
      if (!match) return send(404, { ok: false, error_code: 404, description: 'Not Found' });
      if (match[1] !== token) return send(401, { ok: false, error_code: 401, description: 'Unauthorized' });
      const method = match[2]!;
      const params = await readBody(req);
      for (const k of ['reply_markup', 'entities', 'message_ids', 'commands']) {
        if (typeof params[k] === 'string') {
          try {
            params[k] = JSON.parse(params[k]);
          } catch {
            /* leave as sent */
          }
        }
      }
      if (method === 'getUpdates') return send(200, { ok: true, result: await handleGetUpdates(params) });
      const call: RecordedCall = { seq: seq++, method, params, at: Date.now() };
      const chatId = Number(params.chat_id);
      const hold = holds.find((x) => (x.method === method || x.method === '*') && x.remaining > 0 && (x.chatId === undefined || x.chatId === chatId));
      if (hold) {
        hold.remaining -= 1;
        call.held = true;
        call.result = respond(method, params);
        calls.push(call);
        for (const w of [...callWaiters]) w();
        return; // never answered; closeAllConnections() ends it
      }
      const failure = takeFailure(method, chatId);
      if (failure && failure.status === 0) {
        // Added for the hand-off tests: status 0 simulates a network error (connection dropped).
        call.failed = { status: 0, description: 'connection reset' };
        calls.push(call);
        for (const w of [...callWaiters]) w();
        req.socket.destroy();
        return;
      }
      if (failure) {
        const description = failure.description ?? (failure.status === 429 ? `Too Many Requests: retry after ${failure.retryAfter ?? 1}` : 'Bad Gateway');
        call.failed = { status: failure.status, description };
        calls.push(call);
        for (const w of [...callWaiters]) w();
        return send(failure.status, {
          ok: false,
          error_code: failure.status,
          description,
          ...(failure.retryAfter !== undefined ? { parameters: { retry_after: failure.retryAfter } } : {}),
        });
      }
      if (blocked.has(chatId) && method !== 'getChatMember') {
        call.failed = { status: 403, description: 'Forbidden: bot was blocked by the user' };
        calls.push(call);
        for (const w of [...callWaiters]) w();
        return send(403, { ok: false, error_code: 403, description: call.failed.description });
      }
      call.result = respond(method, params);
      calls.push(call);
      for (const w of [...callWaiters]) w();
      return send(200, { ok: true, result: call.result });
    } catch (err) {
      return send(500, { ok: false, error_code: 500, description: String(err) });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    token,
    calls,
    botUser,
    pushUpdate,
    sendText,
    sendMessageOf,
    pressButton,
    waitForCall(predicate, timeoutMs = 5000, since = 0) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = calls.find((c) => c.seq >= since && predicate(c));
          if (found) {
            callWaiters.delete(check);
            clearTimeout(timer);
            resolve(found);
            return true;
          }
          return false;
        };
        const timer = setTimeout(() => {
          callWaiters.delete(check);
          const recent = calls.slice(-8).map((c) => `${c.method}(${JSON.stringify(c.params).slice(0, 120)})`);
          reject(new Error(`waitForCall timed out after ${timeoutMs} ms; last calls:\n  ${recent.join('\n  ')}`));
        }, timeoutMs);
        if (!check()) callWaiters.add(check);
      });
    },
    callsOf(method, chatId) {
      const methods = Array.isArray(method) ? method : [method];
      return calls.filter((c) => methods.includes(c.method) && (chatId === undefined || Number(c.params.chat_id) === chatId));
    },
    textsTo(chatId) {
      return calls
        .filter((c) => c.method === 'sendMessage' && !c.failed && Number(c.params.chat_id) === chatId)
        .map((c) => String(c.params.text));
    },
    failNext(method, times, failure) {
      failures.push({ method, remaining: times, status: failure.status, retryAfter: failure.retryAfter, description: failure.description, chatId: failure.chatId });
    },
    clearFailures() {
      failures.length = 0;
      holds.length = 0;
    },
    holdNext(method, times, chatId) {
      holds.push({ method, remaining: times, chatId });
    },
    setChatMember(chatId, userId, status) {
      members.set(`${chatId}:${userId}`, status);
    },
    blockChat(chatId) {
      blocked.add(chatId);
    },
    unblockChat(chatId) {
      blocked.delete(chatId);
    },
    close() {
      for (const w of [...pollWaiters]) w();
      return new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      });
    },
  };
}

/** Media fields for sendMessageOf, Message-shaped enough for grammY filters. */
export function mediaFields(kind: (typeof FILE_FIELDS)[number] | 'location' | 'contact'): Record<string, any> {
  const file = { file_id: `file-${kind}`, file_unique_id: `u-${kind}` };
  switch (kind) {
    case 'photo':
      return { photo: [{ ...file, width: 90, height: 90 }] };
    case 'voice':
      return { voice: { ...file, duration: 3 } };
    case 'video':
      return { video: { ...file, width: 90, height: 90, duration: 3 } };
    case 'video_note':
      return { video_note: { ...file, length: 90, duration: 3 } };
    case 'sticker':
      return { sticker: { ...file, type: 'regular', width: 90, height: 90, is_animated: false, is_video: false } };
    case 'location':
      return { location: { latitude: 40.4, longitude: 49.9 } };
    case 'contact':
      return { contact: { phone_number: '+994000000000', first_name: 'X' } };
    default:
      return { [kind]: { ...file } };
  }
}
