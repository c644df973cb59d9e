import { afterEach, describe, expect, it } from 'vitest';
import { caseRowByCode } from '../../src/handoff/case-queries.js';
import type { OutboxRow } from '../../src/handoff/outbox.js';
import { claimedCase, createHarness, CW1, tempDbPath, USER, type Harness } from './harness.js';

// Nothing lost: Telegram errors, restarts and a crash right after Telegram accepted a message.

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const relayedToUser = (h: Harness) => h.fake.textsTo(USER.id).filter((t) => t.startsWith('👤'));
const relayedToCw = (h: Harness, code: string) =>
  h.fake.calls
    .filter((c) => Number(c.params.chat_id) === CW1.id && !c.failed && (c.method === 'sendMessage' || c.method === 'copyMessage'))
    .map((c) => String(c.params.text ?? c.params.caption ?? ''))
    .filter((t) => t.startsWith(`[${code}]`) && !t.startsWith(`[${code}] «`)); // « » = shared before consent

describe('hand-off outbox resilience', () => {
  it('429 (retry_after honoured), 502 and dropped connections: everything arrives, once, in order', async () => {
    h = await createHarness();
    const { code } = await claimedCase(h);
    h.fake.failNext('sendMessage', 2, { status: 429, retryAfter: 1 });
    h.fake.failNext('sendMessage', 2, { status: 502 });
    h.fake.failNext('copyMessage', 1, { status: 0 });
    for (let i = 1; i <= 5; i++) {
      await h.text(CW1, `A${i}`);
      await h.text(USER, `U${i}`);
    }
    await h.media(USER, { photo: [{ file_id: 'p', file_unique_id: 'p', width: 1, height: 1 }], caption: 'photo' });
    await h.text(USER, 'U6');
    await h.settle();
    expect(relayedToUser(h)).toEqual(['👤 A1', '👤 A2', '👤 A3', '👤 A4', '👤 A5']);
    expect(relayedToCw(h, code)).toEqual([1, 2, 3, 4, 5].map((i) => `[${code}] U${i}`).concat([`[${code}] photo`, `[${code}] U6`]));
    const failures = h.fake.calls.filter((c) => c.failed);
    expect(failures.map((c) => c.failed!.status).sort()).toEqual([0, 429, 429, 502, 502]);
    // After a 429 the same chat was not called again before retry_after (1 s) had passed.
    for (const f of failures.filter((c) => c.failed!.status === 429)) {
      const next = h.fake.calls.find((c) => c.seq > f.seq && c.params.chat_id === f.params.chat_id)!;
      expect(next.at - f.at).toBeGreaterThanOrEqual(950);
    }
  });

  it('a permanent 403 from the user is marked failed and reported to staff; later messages still flow', async () => {
    h = await createHarness();
    const { code } = await claimedCase(h);
    h.fake.blockChat(USER.id);
    await h.text(CW1, 'hello?');
    await h.settle();
    const failed = h.db.prepare(`SELECT state, last_error FROM handoff_outbox WHERE chat_id = ? ORDER BY id DESC LIMIT 1`).get(USER.id) as {
      state: string;
      last_error: string;
    };
    expect(failed.state).toBe('failed');
    expect(failed.last_error).toContain('403');
    expect(h.fake.textsTo(-1001234567890).some((t) => t.includes(`Case ${code}: a message could not be delivered`))).toBe(true);
  });

  it('restart mid-relay: nothing pending is lost, nothing duplicates, state and deadlines are where they were', async () => {
    h = await createHarness({ dbPath: tempDbPath() });
    const { code } = await claimedCase(h);
    // The process stops sending (e.g. it is about to be killed): messages are stored, not yet sent.
    await h.restart({ start: false });
    for (const m of ['A1', 'A2', 'A3']) await h.text(CW1, m);
    for (const m of ['U1', 'U2']) await h.text(USER, m);
    const before = caseRowByCode(h.db, code)!;
    const deadlines = h.db.prepare('SELECT kind, due_at FROM handoff_deadlines ORDER BY kind').all();
    expect(relayedToUser(h)).toEqual([]);
    // "kill": the new instance opens the same file.
    await h.restart();
    await h.settle();
    const after = caseRowByCode(h.db, code)!;
    expect(after.state).toBe('claimed');
    expect(after.caseworker_id).toBe(before.caseworker_id);
    expect(h.db.prepare('SELECT kind, due_at FROM handoff_deadlines ORDER BY kind').all()).toEqual(deadlines);
    expect(relayedToUser(h)).toEqual(['👤 A1', '👤 A2', '👤 A3']);
    expect(relayedToCw(h, code)).toEqual([`[${code}] U1`, `[${code}] U2`]);
  });

  it('a crash between Telegram accepting and the outbox marking repeats that one message only', async () => {
    h = await createHarness({ dbPath: tempDbPath() });
    await claimedCase(h);
    let crashed = false;
    const crashAfterA2 = (row: OutboxRow) => {
      if (!crashed && h!.handoff.crypto.open(row.payload).includes('👤 A2')) {
        crashed = true;
        h!.db.close(); // like kill -9: nothing more reaches the database
        throw new Error('simulated crash');
      }
    };
    await h.restart({ start: false, senderHooks: { afterSend: crashAfterA2 } });
    for (const m of ['A1', 'A2', 'A3', 'A4']) await h.text(CW1, m);
    h.handoff.start(h.bot.api);
    await expect.poll(() => crashed).toBe(true);
    await h.restart();
    await h.settle();
    expect(relayedToUser(h)).toEqual(['👤 A1', '👤 A2', '👤 A2', '👤 A3', '👤 A4']);
    const sentRows = h.db.prepare(`SELECT COUNT(*) AS n FROM handoff_outbox WHERE chat_id = ? AND state = 'sent'`).get(USER.id) as { n: number };
    expect(sentRows.n).toBeGreaterThanOrEqual(4);
  });

  it('a message longer than Telegram allows is split, never cut', async () => {
    h = await createHarness();
    const { code } = await claimedCase(h);
    const long = Array.from({ length: 900 }, (_, i) => `word${i}`).join(' '); // ~7,000 characters
    await h.text(USER, long);
    await h.settle();
    const parts = relayedToCw(h, code).map((t) => t.slice(`[${code}] `.length));
    expect(parts.length).toBe(2);
    expect(parts.every((p) => p.length <= 4000)).toBe(true);
    expect(parts.join(' ')).toBe(long);
  });

  it('a redelivered Telegram update (restart before the offset was confirmed) is not relayed twice', async () => {
    h = await createHarness();
    await claimedCase(h);
    const message = h.fake.sendText(CW1, 'only once');
    await h.deliver({ message });
    await h.deliver({ message });
    await h.settle();
    expect(relayedToUser(h)).toEqual(['👤 only once']);
  });
});
