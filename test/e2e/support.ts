import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { FakeBotApi, FakeUser, RecordedCall } from '../support/fake-bot-api.js';

// Shared helpers of the real-process e2e tests: spawn `node --import tsx src/main.ts` in its own
// process group against the loopback fake Bot API, wait for log lines, kill the whole group, read
// the SQLite file read-only, and walk a user through /start → language → danger → consent.

export const root = join(import.meta.dirname, '../..');
export const STAFF = -1001234567890;
export const ADMIN = 900001;
export const DATA_KEY = 'b'.repeat(64);
export const WAIT = 20_000;

const REQUIRED = ['src/nlu/create-nlu.ts', 'src/nlu/risk/accumulate.ts', 'src/knowledge/knowledge-base.ts', 'src/handoff/create-handoff.ts', 'src/admin/server.ts'];
export const missing = REQUIRED.filter((f) => !existsSync(join(root, f)));
if (missing.length) console.warn(`e2e skipped: missing ${missing.join(', ')}`);

export interface BotProcess {
  child: ChildProcess;
  /** Everything the process wrote to stdout so far (pino JSON lines). */
  stdout(): string;
  stderr(): string;
  /** Resolves when a stdout line matches (also lines written before the call). */
  waitForLog(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** Signals the whole process group and waits for the exit. No-op if it already exited. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

const running = new Set<BotProcess>();
const dirs: string[] = [];

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'haqq-e2e-'));
  dirs.push(dir);
  return dir;
}

/** Starts the bot with the fake API and waits for its "ready" line. */
export async function startBot(fake: FakeBotApi, databasePath: string, env: Record<string, string> = {}): Promise<BotProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: fake.apiRoot,
      STAFF_CHAT_ID: String(STAFF),
      ADMIN_USER_IDS: String(ADMIN),
      DATABASE_PATH: databasePath,
      DATA_KEY,
      ADMIN_DISABLED: '1',
      LOG_LEVEL: 'info',
      CONSOLE_CHAT: '',
      WEBHOOK_URL: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // own process group: kill(-pid) reaches node and tsx's esbuild helper
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += String(d)));
  child.stderr!.on('data', (d) => (err += String(d)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const alive = () => child.exitCode === null && child.signalCode === null;
  const proc: BotProcess = {
    child,
    stdout: () => out,
    stderr: () => err,
    waitForLog(pattern, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const done = (e?: Error) => {
          clearTimeout(timer);
          child.stdout!.off('data', check);
          child.off('exit', onExit);
          if (e) reject(e);
          else resolve();
        };
        const check = () => out.split('\n').some((l) => pattern.test(l)) && done();
        const onExit = (code: number | null) => done(new Error(`bot exited (${code}) before ${pattern}\nstdout: ${out.slice(-3000)}\nstderr: ${err.slice(-3000)}`));
        const timer = setTimeout(() => done(new Error(`no ${pattern} in ${timeoutMs} ms\nstdout: ${out.slice(-3000)}\nstderr: ${err.slice(-3000)}`)), timeoutMs);
        child.stdout!.on('data', check);
        child.once('exit', onExit);
        if (!alive()) onExit(child.exitCode);
        else check();
      });
    },
    async kill(signal = 'SIGKILL') {
      if (alive()) {
        try {
          process.kill(-child.pid!, signal);
        } catch {
          /* already gone */
        }
        await exited;
      }
      running.delete(proc);
    },
  };
  running.add(proc);
  await proc.waitForLog(/"msg":"ready"/);
  return proc;
}

/** For afterEach/afterAll: kills every bot still running and removes the temp dirs. */
export async function cleanup(): Promise<void> {
  await Promise.all([...running].map((p) => p.kill('SIGKILL')));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** Opens the database read-only (WAL: fine while the bot runs), runs fn, closes. */
export function readDb<T>(path: string, fn: (db: Database.Database) => T): T {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

export function buttons(c: RecordedCall): { text: string; callback_data: string }[] {
  return (c.params.reply_markup?.inline_keyboard ?? []).flat();
}

export const sendTo = (chatId: number, predicate: (c: RecordedCall) => boolean = () => true) => (c: RecordedCall) =>
  c.method === 'sendMessage' && !c.failed && Number(c.params.chat_id) === chatId && predicate(c);

/** Successful sendMessage texts to a chat that match `pattern`, in order (held calls count as delivered). */
export function textsMatching(fake: FakeBotApi, chatId: number, pattern: RegExp): string[] {
  return fake.textsTo(chatId).filter((t) => pattern.test(t));
}

/** Waits until `n` successful texts matching `pattern` reached the chat; returns them all. */
export async function waitForTexts(fake: FakeBotApi, chatId: number, pattern: RegExp, n: number, timeoutMs = WAIT): Promise<string[]> {
  await fake.waitForCall(() => textsMatching(fake, chatId, pattern).length >= n, timeoutMs);
  return textsMatching(fake, chatId, pattern);
}

export const DANGER = 'My boss took my passport and locked the door of the room, I cannot leave.';

/** /start → English → the danger sentence → Yes (share). Returns the code and the card call. */
export async function consentedCase(fake: FakeBotApi, user: FakeUser) {
  let since = fake.calls.length;
  fake.sendText(user, '/start');
  const welcome = await fake.waitForCall(sendTo(user.id, (c) => buttons(c).some((b) => b.text === 'English')), WAIT, since);
  since = fake.calls.length;
  fake.pressButton(user, welcome.result, buttons(welcome).find((b) => b.text === 'English')!.callback_data);
  await fake.waitForCall(sendTo(user.id), WAIT, since);

  since = fake.calls.length;
  fake.sendText(user, DANGER);
  const offer = await fake.waitForCall(sendTo(user.id, (c) => buttons(c).some((b) => b.callback_data.startsWith('ho:ys:'))), WAIT, since);
  const brief = fake.calls.filter((c) => c.seq >= since && c.seq < offer.seq && sendTo(user.id)(c));
  const yes = buttons(offer).find((b) => b.callback_data.startsWith('ho:ys:'))!.callback_data;
  const code = yes.split(':')[2]!;

  since = fake.calls.length;
  fake.pressButton(user, offer.result, yes);
  const card = await fake.waitForCall(sendTo(STAFF, (c) => buttons(c).some((b) => b.callback_data === `ho:claim:${code}`)), WAIT, since);
  // The user's "a caseworker will join soon" goes out in parallel (another chat): wait for it too.
  await fake.waitForCall(sendTo(user.id, (c) => /^Thank you\./.test(c.params.text)), WAIT, since);
  return { code, card, offer, brief };
}

/** A consented case claimed by `cw` (made a member of the staff group); waits for the briefing. */
export async function claimedCase(fake: FakeBotApi, user: FakeUser, cw: FakeUser) {
  fake.setChatMember(STAFF, cw.id, 'member');
  const c = await consentedCase(fake, user);
  const since = fake.calls.length;
  fake.pressButton(cw, c.card.result, `ho:claim:${c.code}`);
  await fake.waitForCall(sendTo(user.id, (x) => /caseworker has joined/.test(x.params.text)), WAIT, since);
  await fake.waitForCall(sendTo(cw.id, (x) => String(x.params.text).startsWith(`[${c.code}] «`)), WAIT, since);
  return c;
}
