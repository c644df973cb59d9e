import { readFileSync, existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { getCase, getTranscript, listCases } from '../../src/handoff/case-queries.js';
import { createHandoff } from '../../src/handoff/create-handoff.js';
import { createCaseCrypto, UNREADABLE } from '../../src/handoff/crypto.js';
import { createStaffHours } from '../../src/handoff/staff-hours.js';
import { createLogger } from '../../src/logger.js';
import { openDatabase } from '../../src/storage/database.js';
import { claimedCase, createHarness, CW1, i18n, KEY, knowledge, STAFF, tempDbPath, USER } from './harness.js';

const SECRET = 'Хозяин забрал мой паспорт и запер дверь';

function rawBytes(path: string): string {
  return [path, `${path}-wal`].filter(existsSync).map((p) => readFileSync(p).toString('latin1')).join('');
}
const utf8AsLatin1 = (s: string) => Buffer.from(s, 'utf8').toString('latin1');

describe('hand-off storage', () => {
  it('case messages and outbox payloads are encrypted at rest; the transcript decrypts them', async () => {
    const dbPath = tempDbPath();
    const h = await createHarness({ dbPath });
    try {
      const { code } = await claimedCase(h);
      await h.text(USER, 'my secret address is Nizami 5');
      await h.text(CW1, 'we will come to Nizami 5');
      await h.settle();
      const id = getCase(h.db, code)!.id;
      const transcript = getTranscript(h.db, id, h.handoff.crypto);
      expect(transcript.map((e) => e.text)).toEqual(expect.arrayContaining([SECRET + ', я не могу выйти', 'my secret address is Nizami 5', 'we will come to Nizami 5']));
      h.db.pragma('wal_checkpoint(TRUNCATE)');
      const raw = rawBytes(dbPath);
      expect(raw).not.toContain('Nizami 5');
      expect(raw).not.toContain(utf8AsLatin1('запер дверь'));
      // Without the key, the transcript shows a placeholder, not garbage or the text.
      expect(getTranscript(h.db, id, createCaseCrypto(undefined)).some((e) => e.text === UNREADABLE)).toBe(true);
    } finally {
      await h.close();
    }
  });

  it('without DATA_KEY: one warning, plaintext stored with a marker byte, still readable later with a key', () => {
    const warnings: string[] = [];
    const plain = createCaseCrypto(undefined, (m) => warnings.push(m));
    expect(warnings).toHaveLength(1);
    const sealed = plain.seal('hello');
    expect(sealed[0]).toBe(0);
    expect(createCaseCrypto(KEY).open(sealed)).toBe('hello');
    const enc = createCaseCrypto(KEY).seal('hello');
    expect(enc[0]).toBe(1);
    expect(enc.toString('latin1')).not.toContain('hello');
    expect(createCaseCrypto('b'.repeat(64)).open(enc)).toBe(UNREADABLE); // wrong key: GCM tag fails
  });

  it('forgetUser deletes finished cases but keeps an open one', async () => {
    const h = await createHarness();
    try {
      const first = await claimedCase(h);
      await h.text(USER, '/end');
      await h.settle();
      const second = await claimedCase(h);
      expect(h.handoff.forgetUser(USER.id)).toEqual({ keptOpenCase: true });
      expect(getCase(h.db, first.code)).toBeUndefined();
      expect(getCase(h.db, second.code)!.state).toBe('claimed');
      await h.settle();
      expect(h.fake.callsOf('editMessageText', STAFF).at(-1)!.params.text).toContain('removed');
      await h.text(USER, '/end');
      await h.settle();
      expect(h.handoff.forgetUser(USER.id)).toEqual({ keptOpenCase: false });
      const left = h.db.prepare('SELECT (SELECT COUNT(*) FROM handoff_cases) + (SELECT COUNT(*) FROM handoff_messages) AS n').get() as { n: number };
      expect(left.n).toBe(0);
      const failedToUser = h.db.prepare(`SELECT COUNT(*) AS n FROM handoff_outbox WHERE chat_id = ? AND payload IS NOT NULL AND state != 'pending'`).get(USER.id) as { n: number };
      expect(failedToUser.n).toBe(0);
    } finally {
      await h.close();
    }
  });

  it('listCases / getCase give the console code, language, risk, waiting time, caseworker, outcome and no user id', async () => {
    const h = await createHarness();
    try {
      const { code } = await claimedCase(h);
      const [summary] = listCases(h.db, { state: ['waiting', 'claimed'] });
      expect(summary).toMatchObject({ code, lang: 'ru', riskLevel: 'high', state: 'claimed', caseworkerName: 'Leyla', outcome: null });
      expect(summary!.indicators).toContain('document_retention');
      expect(summary!.waitedMs).toBeGreaterThanOrEqual(0);
      expect(JSON.stringify(summary)).not.toContain(String(USER.id));
    } finally {
      await h.close();
    }
  });

  it('without a staff group the user gets verified numbers instead of a promise', async () => {
    const db = openDatabase(':memory:');
    const config = loadConfig({});
    const handoff = createHandoff({ db, config, i18n, knowledge, logger: createLogger('silent') });
    const ctx = { from: { id: 1 }, chat: { id: 1, type: 'private' }, lang: 'en' } as never;
    await handoff.offer(ctx, { reason: 'risk', level: 'urgent', indicators: ['physical_violence'], recentTexts: ['x'] });
    expect(handoff.hasOpenCase(1)).toBe(false);
    const row = db.prepare('SELECT payload FROM handoff_outbox').get() as { payload: Buffer };
    expect(handoff.crypto.open(row.payload)).toContain('EMERGENCY(en)');
    db.close();
  });
});

describe('staff hours', () => {
  const baku = createStaffHours('Mon-Fri 09:00-18:00; Sat 10:00-14:00', 'Asia/Baku');
  it('knows when staff are on duty, in the staff timezone', () => {
    expect(baku.isOpen(Date.parse('2026-11-30T05:00:00Z'))).toBe(true); // Mon 09:00 Baku
    expect(baku.isOpen(Date.parse('2026-11-30T04:59:00Z'))).toBe(false);
    expect(baku.isOpen(Date.parse('2026-11-30T14:00:00Z'))).toBe(false); // Mon 18:00 (end exclusive)
    expect(baku.isOpen(Date.parse('2026-11-28T07:00:00Z'))).toBe(true); // Sat 11:00
  });
  it('finds the next opening', () => {
    expect(baku.nextOpen(Date.parse('2026-11-28T12:00:00Z'))).toBe(Date.parse('2026-11-30T05:00:00Z')); // Sat 16:00 → Mon 09:00
    expect(createStaffHours(undefined, 'Asia/Baku').isOpen(0)).toBe(true);
  });
  it('handles windows across midnight and refuses nonsense', () => {
    const night = createStaffHours('Fri 22:00-06:00', 'UTC');
    expect(night.isOpen(Date.parse('2026-11-27T23:00:00Z'))).toBe(true); // Fri 23:00
    expect(night.isOpen(Date.parse('2026-11-28T05:00:00Z'))).toBe(true); // Sat 05:00
    expect(night.isOpen(Date.parse('2026-11-28T07:00:00Z'))).toBe(false);
    expect(() => createStaffHours('whenever', 'UTC')).toThrow(/STAFF_HOURS/);
  });
});
