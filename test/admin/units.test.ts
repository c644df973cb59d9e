import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { heldOutSet, readLabelledSet } from '../../src/admin/content/evaluation.js';
import { groupMissed, type MissedRow } from '../../src/admin/missed.js';
import { median, statsToCsv } from '../../src/admin/stats-queries.js';
import { verifyPassword } from '../../src/admin/auth/passwords.js';

const row = (id: number, text: string, lang = 'en', guess: string | null = null): MissedRow => ({
  id, at: 1000 - id, text, lang, reason: 'unsure', guess_topic: guess, guess_confidence: null,
});

describe('missed question grouping', () => {
  it('groups copies, case/punctuation variants and near-duplicates; keeps different questions apart', () => {
    const groups = groupMissed([
      row(1, 'Can I bring my family to Baku?', 'en', 'registration'),
      row(2, 'can i bring my family to baku', 'en', 'registration'),
      row(3, 'can I bring my family to Baku please', 'en', 'work_permit'),
      row(4, 'Как вернуть паспорт?', 'ru'),
      row(5, 'как вернуть паспорт', 'ru'),
      row(6, 'Who won the football match?'),
      ...Array.from({ length: 50 }, (_, i) => row(100 + i, 'my boss keeps my passport', 'en', 'passport_confiscated')),
    ]);
    expect(groups.map((g) => g.count)).toEqual([50, 3, 2, 1]);
    expect(groups[1]!.guessTopic).toBe('registration');
    expect(groups[1]!.ids).toEqual([1, 2, 3]);
    expect(groups[2]!.langs).toEqual(['ru']);
  });
});

describe('stats helpers', () => {
  it('median and CSV with formula injection defused', () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([1, 2, 3, 4])).toBe(2.5);
    const csv = statsToCsv({
      since: 0, perDay: [{ key: '2026-12-01', n: 3 }], topics: [{ key: '=HYPERLINK("x")', n: 1 }], languages: [], outcomes: [],
      escalations: [{ key: 'high', n: 2 }], medianClaimMs: 600_000, claimedCount: 2, feedback: [{ topic: 'hotline', up: 3, down: 1 }],
    });
    expect(csv.split('\r\n')).toEqual([
      'section,key,value,extra', 'messages_per_day,2026-12-01,3,', `topic,"'=HYPERLINK(""x"")",1,`, 'escalations_by_level,high,2,',
      'median_minutes_to_claim,all,10,2', 'feedback_up_down,hotline,3,1', '',
    ]);
  });
});

describe('npm run admin:create', () => {
  it('creates an account from a piped password and refuses to overwrite without --reset', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'haqq-admin-')), 'bot.db');
    const run = (args: string[], input: string) =>
      execFileSync('npx', ['tsx', 'src/admin/cli/admin-create.ts', ...args], { cwd: join(import.meta.dirname, '../..'), input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
    expect(run(['--user', 'aysel', '--role', 'admin', '--db', db], 'first password 1\n')).toContain('Created "aysel" (admin)');
    expect(() => run(['--user', 'aysel', '--role', 'admin', '--db', db], 'another password\n')).toThrow(/exists; add --reset/);
    expect(() => run(['--user', 'bob', '--role', 'admin', '--db', db], 'short\n')).toThrow(/at least 10 characters/);
    expect(run(['--user', 'aysel', '--role', 'editor', '--reset', '--db', db], 'second password 2\n')).toContain('Reset "aysel" (editor)');
    const conn = new BetterSqlite3(db, { readonly: true });
    const user = conn.prepare('SELECT role, password_hash FROM admin_users WHERE username = ?').get('aysel') as { role: string; password_hash: string };
    conn.close();
    expect(user.role).toBe('editor');
    expect(await verifyPassword('second password 2', user.password_hash)).toBe(true);
  }, 60_000);
});

describe('evaluation sets for the retrain figures', () => {
  it('reads the labelled set, skipping broken lines and unknown topics, with defaults for missing fields', () => {
    const dir = mkdtempSync(join(tmpdir(), 'haqq-labelled-'));
    const file = join(dir, 'labelled.jsonl');
    writeFileSync(file, ['{"id":"a","lang":"ru","text":"где жить","intent":"shelter","level":"high","indicators":["physical_violence"]}', 'not json', '{"text":"x","intent":"nope"}', '', '{"text":"hello","topic":"greeting"}'].join('\n'));
    expect(readLabelledSet(file)).toEqual([
      { id: 'a', lang: 'ru', text: 'где жить', intent: 'shelter', level: 'high', indicators: ['physical_violence'] },
      { id: 'line-5', lang: 'und', text: 'hello', intent: 'greeting', topic: 'greeting', level: 'none', indicators: [] },
    ]);
    expect(readLabelledSet(join(dir, 'missing.jsonl'))).toBeUndefined();
    writeFileSync(file, 'garbage\n');
    expect(readLabelledSet(file)).toBeUndefined();
  });

  it('the held-out slice is every 10th example in a stable order, whatever order the examples come in', () => {
    const examples = Array.from({ length: 35 }, (_, i) => ({ topic: 'shelter' as const, lang: 'en', text: `example ${String(i).padStart(2, '0')}` }));
    const a = heldOutSet(examples);
    expect(a.map((m) => m.text)).toEqual(['example 00', 'example 10', 'example 20', 'example 30']);
    expect(heldOutSet([...examples].reverse())).toEqual(a);
    expect(a[0]).toEqual({ id: 'held-out-0', lang: 'en', text: 'example 00', intent: 'shelter', level: 'none', indicators: [] });
    expect(heldOutSet(examples, 10, 2)).toHaveLength(2);
  });
});
