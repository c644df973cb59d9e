import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeBotApi, type FakeBotApi } from '../support/fake-bot-api.js';
import { claimedCase, cleanup, missing, readDb, startBot, tempDir, textsMatching, waitForTexts, WAIT } from './support.js';

// kill -9 in the middle of a relay. The outbox is SQLite, so after a restart on the same file every
// message must still arrive, in order, exactly once — except that the one message Telegram had
// accepted when the process died (the fake's holdNext: received, never answered) may arrive twice.

const USER = { id: 710101, language_code: 'en', first_name: 'Kamala' };
const CW = { id: 710201, first_name: 'Leyla', username: 'leyla_ngo' };

let fake: FakeBotApi | undefined;
afterEach(async () => {
  await cleanup();
  await fake?.close();
  fake = undefined;
});

const pendingTo = (dbPath: string, chatId: number) =>
  readDb(dbPath, (db) => (db.prepare(`SELECT COUNT(*) AS n FROM handoff_outbox WHERE state = 'pending' AND chat_id = ?`).get(chatId) as { n: number }).n);

/** Polls until `check` is true (reading SQLite while the bot runs). */
async function until(check: () => boolean, what: string, timeoutMs = WAIT): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function caseState(dbPath: string, code: string) {
  return readDb(dbPath, (db) => {
    const row = db.prepare('SELECT id, state, caseworker_id FROM handoff_cases WHERE code = ?').get(code) as { id: number; state: string; caseworker_id: number };
    const deadlines = db.prepare('SELECT kind FROM handoff_deadlines WHERE case_id = ? ORDER BY kind').all(row.id) as { kind: string }[];
    return { state: row.state, caseworker_id: row.caseworker_id, deadlines: deadlines.map((d) => d.kind) };
  });
}

describe.skipIf(missing.length > 0)('e2e: crash recovery of the hand-off relay', () => {
  it('502s pile messages up in the outbox, kill -9, restart: each arrives exactly once, in order', async () => {
    fake = await startFakeBotApi();
    const dbPath = join(tempDir(), 'bot.db');
    const first = await startBot(fake, dbPath);
    const { code } = await claimedCase(fake, USER, CW);
    const before = caseState(dbPath, code);
    expect(before).toEqual({ state: 'claimed', caseworker_id: CW.id, deadlines: ['idle'] });

    // Telegram fails every send to the caseworker; the user keeps writing.
    fake.failNext('sendMessage', 10_000, { status: 502, chatId: CW.id });
    for (let i = 1; i <= 6; i++) fake.sendText(USER, `crash line ${i}`);
    await until(() => pendingTo(dbPath, CW.id) === 6, '6 pending rows for the caseworker');
    await fake.waitForCall((c) => c.method === 'sendMessage' && c.failed?.status === 502 && Number(c.params.chat_id) === CW.id, WAIT);
    expect(textsMatching(fake, CW.id, /crash line/)).toEqual([]);

    await first.kill('SIGKILL');
    expect(pendingTo(dbPath, CW.id)).toBe(6);

    fake.clearFailures();
    await startBot(fake, dbPath);
    const got = await waitForTexts(fake, CW.id, /crash line/, 6, 40_000);
    expect(got).toEqual([1, 2, 3, 4, 5, 6].map((i) => `[${code}] crash line ${i}`));

    // Still claimed by the same caseworker, the idle deadline survived, the outbox is drained.
    expect(caseState(dbPath, code)).toEqual(before);
    await until(() => pendingTo(dbPath, CW.id) === 0, 'an empty outbox');
    // Redelivered updates (the fake re-serves what the killed process never confirmed) were not relayed twice.
    expect(textsMatching(fake, CW.id, /crash line/)).toHaveLength(6);

    // And the relay works both ways after the restart.
    fake.sendText(CW, 'after restart');
    expect(await waitForTexts(fake, USER.id, /after restart/, 1)).toEqual(['👤 after restart']);
  }, 150_000);

  it('a message in flight when the process dies is the only one that may arrive twice', async () => {
    fake = await startFakeBotApi();
    const dbPath = join(tempDir(), 'bot.db');
    const first = await startBot(fake, dbPath);
    const { code } = await claimedCase(fake, USER, CW);

    // Telegram receives the first relay but the answer never comes back; the rest queue behind it.
    fake.holdNext('sendMessage', 1, CW.id);
    for (let i = 1; i <= 4; i++) fake.sendText(USER, `flight line ${i}`);
    const held = await fake.waitForCall((c) => c.held === true, WAIT);
    expect(held.params.text).toBe(`[${code}] flight line 1`);
    await until(() => pendingTo(dbPath, CW.id) === 4, '4 pending rows (one in flight)');

    await first.kill('SIGKILL');
    await startBot(fake, dbPath);
    const got = await waitForTexts(fake, CW.id, /flight line/, 5, 40_000);
    // Exactly one duplicate, and it is the in-flight message; everything else once, in order.
    expect(got).toEqual([1, 1, 2, 3, 4].map((i) => `[${code}] flight line ${i}`));
    const deliveries = fake.callsOf('sendMessage', CW.id).filter((c) => !c.failed && /flight line 1$/.test(c.params.text));
    expect(deliveries.map((c) => c.held === true)).toEqual([true, false]);
    expect(caseState(dbPath, code)).toEqual({ state: 'claimed', caseworker_id: CW.id, deadlines: ['idle'] });
  }, 150_000);

  it('429 with retry_after and a 502 / dropped-connection storm: both directions still in order', async () => {
    fake = await startFakeBotApi();
    const dbPath = join(tempDir(), 'bot.db');
    await startBot(fake, dbPath);
    const { code } = await claimedCase(fake, USER, CW);

    // Consumed in this order by the next calls to each chat.
    fake.failNext('sendMessage', 1, { status: 502, chatId: CW.id });
    fake.failNext('sendMessage', 1, { status: 429, retryAfter: 1, chatId: CW.id });
    fake.failNext('sendMessage', 1, { status: 0, chatId: CW.id });
    fake.failNext('sendMessage', 1, { status: 503, chatId: CW.id });
    fake.failNext('sendMessage', 1, { status: 429, retryAfter: 2, chatId: USER.id });
    fake.failNext('sendMessage', 2, { status: 502, chatId: USER.id });

    for (let i = 1; i <= 6; i++) {
      fake.sendText(USER, `storm up ${i}`);
      fake.sendText(CW, `storm down ${i}`);
    }
    const toCw = await waitForTexts(fake, CW.id, /storm up/, 6, 40_000);
    const toUser = await waitForTexts(fake, USER.id, /storm down/, 6, 40_000);
    expect(toCw).toEqual([1, 2, 3, 4, 5, 6].map((i) => `[${code}] storm up ${i}`));
    expect(toUser).toEqual([1, 2, 3, 4, 5, 6].map((i) => `👤 storm down ${i}`));

    // The failures really happened (and a 429 was honoured: no retry before retry_after).
    const cwCalls = fake.callsOf('sendMessage', CW.id).filter((c) => /storm up 1$/.test(c.params.text));
    expect(cwCalls.map((c) => c.failed?.status ?? 200)).toEqual([502, 429, 0, 503, 200]);
    const after429 = cwCalls[2]!.at - cwCalls[1]!.at;
    expect(after429).toBeGreaterThanOrEqual(950);
    const userCalls = fake.callsOf('sendMessage', USER.id).filter((c) => /storm down 1$/.test(c.params.text));
    expect(userCalls.map((c) => c.failed?.status ?? 200)).toEqual([429, 502, 502, 200]);
    expect(userCalls[1]!.at - userCalls[0]!.at).toBeGreaterThanOrEqual(1950);
  }, 150_000);
});
