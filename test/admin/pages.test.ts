import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RetrainJob } from '../../src/admin/retrain.js';
import { join } from 'node:path';
import { addUser, login, post, startConsole, type Console } from './support/harness.js';

const LABELLED = join(import.meta.dirname, 'support/labelled.jsonl');

let c: Console;
let s: { cookie: string; csrf: string };
const get = (url: string, cookie = s.cookie) => c.app.inject({ method: 'GET', url, headers: { cookie } });
const audits = (action: string) => c.db.prepare('SELECT actor, target, details FROM audit_log WHERE action = ? ORDER BY id').all(action) as { actor: string; target: string; details: string }[];

beforeEach(async () => {
  c = await startConsole();
  await addUser(c, 'ana', 'admin');
  s = await login(c, 'ana');
});
afterEach(() => c.close());

describe('answers', () => {
  it('grid shows reviewed, draft, stale and missing cells', async () => {
    const res = await get('/answers');
    expect(res.body).toMatch(/class="cell reviewed" href="\/answers\/registration\/en"/);
    expect(res.body).toMatch(/class="cell draft" href="\/answers\/registration\/ru"/);
    expect(res.body).toMatch(/class="cell stale" href="\/answers\/unpaid_wages\/en"/); // checked 2024-01, > 180 days
    expect(res.body).toMatch(/class="cell missing" href="\/answers\/registration\/tl"/);
  });

  it('saving is a version with author, is live for the bot at once, and can be diffed and rolled back', async () => {
    const editor = await get('/answers/registration/en');
    const base = editor.body.match(/name="base" value="(\d+)"/)![1]!;
    const save = await post(c, s, '/answers/registration/en', { text: 'Register within 10 working days.', more: '', review: 'reviewed', last_checked: '2026-12', base });
    expect(save.statusCode).toBe(303);
    expect(c.knowledge.getAnswer('registration', 'en')!.text).toBe('Register within 10 working days.');
    const page = await get('/answers/registration/en');
    expect(page.body).toContain('<td>ana</td>');
    const versions = [...page.body.matchAll(/name="version" value="(\d+)"/g)].map((m) => m[1]);
    expect(versions).toEqual([base]);
    const diff = await get(`/answers/registration/en?diff=${base}`);
    expect(diff.body).toContain('<del>your place of stay </del>');
    expect(diff.body).toContain('<del>15</del><ins>10</ins>');
    const back = await post(c, s, '/answers/registration/en/rollback', { version: base });
    expect(back.statusCode).toBe(303);
    expect(c.knowledge.getAnswer('registration', 'en')!.text).toBe('Register your place of stay within 15 days.');
    expect(audits('answer.save')[0]).toMatchObject({ actor: 'ana', target: 'registration/en' });
    expect(audits('answer.rollback')).toHaveLength(1);
  });

  it('refuses a save based on an outdated version and keeps the text on screen', async () => {
    const base = (await get('/answers/registration/en')).body.match(/name="base" value="(\d+)"/)![1]!;
    await post(c, s, '/answers/registration/en', { text: 'Register within 15 days (first editor).', review: 'reviewed', last_checked: '2026-12', base });
    const res = await post(c, s, '/answers/registration/en', { text: 'My edit', review: 'draft', last_checked: '2026-12', base });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('Someone else saved this answer');
    expect(res.body).toContain('>My edit</textarea>');
    expect(c.knowledge.getAnswer('registration', 'en')!.text).toBe('Register within 15 days (first editor).');
  });

  it("shows the knowledge module's validation problems (unverified number) and saves nothing", async () => {
    const base = (await get('/answers/hotline/en')).body.match(/name="base" value="(\d+)"/)![1]!;
    const res = await post(c, s, '/answers/hotline/en', { text: 'Call 152 now', review: 'reviewed', last_checked: '2026-12', base });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('unverified contact');
    expect(c.knowledge.getAnswer('hotline', 'en')!.text).not.toContain('Call 152 now');
  });

  it('preview renders the bubble with placeholders expanded from verified contacts only', async () => {
    const res = await post(c, s, '/answers/hotline/en/preview', { text: 'Numbers:\n{{contacts:hotline}}', last_checked: '2026-12' }, { 'hx-request': 'true' });
    expect(res.body).toContain('Police');
    expect(res.body).not.toContain('Trafficking hotline');
    expect(res.body).not.toContain('<html');
  });

  it('uses dir=auto for right-to-left languages in the Telegram preview', async () => {
    const res = await get('/answers/passport_confiscated/fa');
    expect(res.body).toMatch(/<div class="bubble bot" dir="auto">هیچ کس/);
    expect((await get('/answers/registration/en')).body).not.toMatch(/class="bubble bot" dir="auto"/);
  });
});

describe('training and retrain', () => {
  it('adds, moves and deletes examples (audited), with counts per topic and language', async () => {
    expect((await get('/training')).body).toContain('<a href="/training?topic=registration&amp;lang=en">2</a>');
    expect((await post(c, s, '/training', { topic: 'shelter', lang: 'ru', text: 'где переночевать' })).headers.location).toBe('/training?topic=shelter&lang=ru&msg=example_added');
    const list = await get('/training?topic=shelter&lang=ru');
    expect(list.body).toContain('где переночевать');
    expect((await get('/training')).body).toContain('<a href="/training?topic=shelter&amp;lang=ru">1</a>');
    const id = list.body.match(/action="\/training\/(\d+)\/move"/)![1]!;
    await post(c, s, `/training/${id}/move`, { topic: 'legal_aid', back: '/training?topic=shelter' });
    expect((await get('/training?topic=legal_aid&lang=ru')).body).toContain('где переночевать');
    await post(c, s, `/training/${id}/delete`, {});
    expect((await get('/training?topic=legal_aid&lang=ru')).body).not.toContain('где переночевать');
    expect(['training.add', 'training.move', 'training.delete'].map((a) => audits(a).length)).toEqual([1, 1, 1]);
    expect(JSON.parse(audits('training.add')[0]!.details)).toEqual({ id: Number(id) });
  });

  it('moving onto a topic that already has the text merges; a vanished example is reported, not audited', async () => {
    await post(c, s, '/training', { topic: 'registration', lang: 'en', text: 'my boss did not pay my salary' });
    const id = (c.db.prepare("SELECT id FROM training_examples WHERE topic = 'unpaid_wages' AND text = 'my boss did not pay my salary'").get() as { id: number }).id;
    const res = await post(c, s, `/training/${id}/move`, { topic: 'registration' });
    expect(res.headers.location).toBe('/training?msg=example_merged');
    const live = c.db.prepare("SELECT topic FROM training_examples WHERE text = 'my boss did not pay my salary' AND deleted = 0").all();
    expect(live).toEqual([{ topic: 'registration' }]);
    expect(JSON.parse(audits('training.move')[0]!.details)).toEqual({ to: 'registration', merged: true });
    expect((await post(c, s, `/training/${id}/delete`, {})).headers.location).toBe('/training?msg=example_missing');
    expect((await post(c, s, '/training/99999/move', { topic: 'shelter' })).headers.location).toBe('/training?msg=example_missing');
    expect(audits('training.delete')).toHaveLength(0);
    expect((await get('/training?msg=example_missing')).body).toContain('That example no longer exists');
  });

  it('retrains in the background; without a labelled set the figures are on held-out examples and not recorded', async () => {
    const res = await post(c, s, '/training/retrain', {}, { 'hx-request': 'true' });
    expect(res.body).toContain('Retraining…');
    expect(res.body).toContain('hx-trigger="every 1s"');
    await (c.app as unknown as { retrainJob: RetrainJob }).retrainJob.settled();
    const panel = await get('/training/retrain');
    expect(panel.body).toContain('Retrained.');
    expect(panel.body).toMatch(/Before: accuracy · n=1\s*\(held-out training examples\)/);
    expect(panel.body).toContain('After');
    expect(panel.body).toContain('No evaluation on the labelled test set yet');
    expect(c.db.prepare('SELECT COUNT(*) AS n FROM nlu_eval_runs').get()).toEqual({ n: 0 });
    expect(audits('training.retrain')).toHaveLength(1);
  });
});

describe('retrain figures on the labelled set (src/nlu/eval-runs.ts)', () => {
  beforeEach(async () => {
    await c.close();
    c = await startConsole({ evalSetPath: LABELLED });
    await addUser(c, 'ana', 'admin');
    s = await login(c, 'ana');
  });

  it('records a run before and after, shows both and the history; the new example lifts accuracy', async () => {
    await post(c, s, '/training', { topic: 'registration', lang: 'en', text: 'can i bring my family to baku' });
    await post(c, s, '/training/retrain', {}, { 'hx-request': 'true' });
    await (c.app as unknown as { retrainJob: RetrainJob }).retrainJob.settled();
    const panel = (await get('/training')).body;
    // 4 usable lines of 6 (one broken, one unknown topic): 3 right before, 4 after.
    expect(panel).toMatch(/<strong>75\.0%<\/strong><span>Before: accuracy · n=4\s*\(labelled test set\)<br>escalation recall 100\.0%/);
    expect(panel).toMatch(/<strong>100\.0%<\/strong><span>After: accuracy · n=4/);
    const runs = c.db.prepare('SELECT id, engine, metrics_json FROM nlu_eval_runs ORDER BY id').all() as { id: number; engine: string; metrics_json: string }[];
    expect(runs.map((r) => [r.engine, JSON.parse(r.metrics_json).intentAccuracy.correct])).toEqual([['fake-overlap', 3], ['fake-overlap', 4]]);
    const history = panel.slice(panel.indexOf('<table class="eval-runs">'));
    expect(history.match(/<tr><td>/g)).toHaveLength(2);
    expect(history).toMatch(/After \(ana\)[\s\S]*Before \(ana\)/);
    expect(JSON.parse(audits('training.retrain')[0]!.details)).toMatchObject({ set: 'labelled', n: 4, beforeRun: runs[0]!.id, afterRun: runs[1]!.id, beforeAccuracy: 0.75, afterAccuracy: 1 });
  });
});

describe('missed questions', () => {
  it('groups 50 copies of one question into one row with a count, shows no user identifier', async () => {
    const res = await get('/missed');
    const rows = res.body.match(/<tr data-ids=/g) ?? [];
    expect(rows).toHaveLength(3);
    expect(res.body).toMatch(/can i bring my family to baku<\/td>\s*<td><strong class="count">50<\/strong>/i);
  });

  it('adds a group as one training example of the chosen topic and marks all its rows added', async () => {
    const page = await get('/missed');
    const ids = page.body.match(/<tr data-ids="([\d,]+)">\s*<td class="question" dir="auto">can i bring/i)![1]!;
    const res = await post(c, s, '/missed/add', { ids, topic: 'work_permit' }, { 'hx-request': 'true' });
    expect(res.body).toContain('Added as a training example of work_permit');
    const examples = c.db.prepare("SELECT text, origin FROM training_examples WHERE topic = 'work_permit'").all();
    expect(examples).toHaveLength(1);
    expect(c.db.prepare("SELECT COUNT(*) AS n FROM missed_questions WHERE status = 'added' AND resolved_topic = 'work_permit'").get()).toEqual({ n: 50 });
    expect((await get('/missed')).body.match(/<tr data-ids=/g)).toHaveLength(2);
  });

  it('dismisses a group', async () => {
    const page = await get('/missed');
    const ids = page.body.match(/<tr data-ids="([\d,]+)">\s*<td class="question" dir="auto">Who won/)![1]!;
    expect((await post(c, s, '/missed/dismiss', { ids })).statusCode).toBe(303);
    expect((await get('/missed')).body).not.toContain('Who won');
  });
});

describe('contacts', () => {
  it('verifying a contact records who and when and puts it into the hotline answer', async () => {
    expect(c.knowledge.getAnswer('hotline', 'en')!.text).not.toContain('152');
    expect((await post(c, s, '/contacts/hotline_152/verify')).statusCode).toBe(303);
    expect(c.knowledge.getAnswer('hotline', 'en')!.text).toContain('152');
    const page = await get('/contacts');
    expect(page.body).toMatch(/id="contact-hotline_152"[\s\S]*?verified<\/span>\s*<br><small>ana, /);
    await post(c, s, '/contacts/hotline_152/unverify');
    expect(c.knowledge.getAnswer('hotline', 'en')!.text).not.toContain('152');
    expect(audits('contact.verify')).toHaveLength(1);
    expect(audits('contact.unverify')).toHaveLength(1);
  });
});

describe('cases', () => {
  it('lists open and closed cases with code, language, risk, waiting time, caseworker and outcome', async () => {
    const res = await get('/cases');
    expect(res.body).toContain('K7Q2');
    expect(res.body).toContain('ZX41');
    expect(res.body).toContain('Aysel');
    expect(res.body).toContain('resolved');
    expect(res.body).toContain('1 h 0 min');
    expect(res.body).not.toContain('987654321');
  });

  it('shows the transcript to admins and logs the view in case_views and audit_log', async () => {
    const res = await get('/cases/1');
    expect(res.body).toContain('My boss took my passport &lt;b&gt;yesterday&lt;/b&gt;');
    expect(res.body).not.toContain('987654321');
    expect(c.db.prepare('SELECT case_id, username FROM case_views').all()).toEqual([{ case_id: '1', username: 'ana' }]);
    expect(audits('case.view_transcript')).toEqual([{ actor: 'ana', target: 'case:1', details: null }]);
  });
});

describe('stats, audit, try the bot, users', () => {
  it('stats page has charts from local chart.js and a CSV export', async () => {
    const page = await get('/stats');
    expect(page.body).toContain('<script src="/assets/chart.umd.min.js" defer></script>');
    expect(page.body).toContain('data-chart="{&quot;type&quot;:&quot;line&quot;');
    expect(page.body).not.toMatch(/https?:\/\/(cdn|unpkg|jsdelivr)/);
    const csv = await get('/stats.csv?days=30');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('language,en,14,');
    expect(csv.body).toContain('escalations_by_level,high,1,');
    expect(csv.body).toContain('median_minutes_to_claim,all,10,1');
    expect(csv.body).toContain('feedback_up_down,registration,5,2');
    const asset = await get('/assets/chart.umd.min.js');
    expect(asset.statusCode).toBe(200);
    expect((await get('/assets/htmx.min.js')).body).toContain('htmx');
  });

  it('audit log lists who changed what', async () => {
    await post(c, s, '/contacts/hotline_152/verify');
    const res = await get('/audit?action=contact');
    expect(res.body).toContain('contact.verify');
    expect(res.body).toContain('contact:hotline_152');
    expect(res.body).not.toContain('login.failed');
  });

  it('try the bot shows language, topic, confidence, status, risk and the answer', async () => {
    const res = await post(c, s, '/try', { text: 'my employer took my passport', lang: '' }, { 'hx-request': 'true' });
    expect(res.body).toContain('<code>passport_confiscated</code>');
    expect(res.body).toContain('risk-high');
    expect(res.body).toContain('document_retention');
    const answer = await post(c, s, '/try', { text: 'how do I register my address', lang: 'en' }, { 'hx-request': 'true' });
    expect(answer.body).toContain('Register your place of stay within 15 days.');
    expect(answer.body).toContain('confident: answers');
  });

  it('users: create, change role, disable; the last admin cannot be demoted', async () => {
    expect((await post(c, s, '/users', { username: 'bob', password: 'long enough pw', role: 'editor' })).statusCode).toBe(303);
    expect((await post(c, s, '/users', { username: 'bob', password: 'long enough pw', role: 'editor' })).statusCode).toBe(409);
    expect((await post(c, s, '/users', { username: 'x', password: 'short', role: 'king' })).statusCode).toBe(400);
    const bobId = (c.db.prepare("SELECT id FROM admin_users WHERE username = 'bob'").get() as { id: number }).id;
    await post(c, s, `/users/${bobId}`, { role: 'caseworker' });
    expect(c.db.prepare('SELECT role FROM admin_users WHERE id = ?').get(bobId)).toEqual({ role: 'caseworker' });
    const anaId = (c.db.prepare("SELECT id FROM admin_users WHERE username = 'ana'").get() as { id: number }).id;
    const demote = await post(c, s, `/users/${anaId}`, { role: 'editor' });
    expect(demote.statusCode).toBe(409);
    expect(demote.body).toContain('last active admin');
    expect(audits('user.create')).toHaveLength(1);
    expect(audits('user.role')[0]!.details).toBe('{"from":"editor","to":"caseworker"}');
  });
});

describe('i18n', () => {
  it('switches the UI language with a cookie (az, ru)', async () => {
    const sw = await get('/lang/ru?next=/answers');
    expect(sw.headers.location).toBe('/answers');
    const cookie = `${s.cookie}; haqq_admin_lang=ru`;
    const ru = await get('/answers', cookie);
    expect(ru.body).toContain('<html lang="ru">');
    expect(ru.body).toContain('Ответы');
    const az = await get('/training', `${s.cookie}; haqq_admin_lang=az`);
    expect(az.body).toContain('Yenidən öyrət');
  });
});
