import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveAnswer } from '../../src/knowledge/answer-queries.js';
import { escapeHtml, html, safeLocalPath, safeUrl } from '../../src/admin/html.js';
import { addUser, login, post, SOURCES, startConsole, type Console } from './support/harness.js';

describe('html helper', () => {
  it('escapes every interpolated value unless it is an html fragment', () => {
    const evil = '<script>alert("x")</script>';
    expect(html`<p title="${evil}">${evil}</p>`.value).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p>',
    );
    expect(html`<ul>${['<a>', html`<b>ok</b>`]}</ul>`.value).toBe('<ul>&lt;a&gt;<b>ok</b></ul>');
    expect(escapeHtml(`'\`&`)).toBe('&#39;&#96;&amp;');
    expect(safeUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeUrl('https://migration.gov.az')).toBe('https://migration.gov.az');
    expect(safeLocalPath('//evil.example')).toBe('/');
    expect(safeLocalPath('/training?topic=x&lang=ru')).toBe('/training?topic=x&lang=ru');
  });
});

describe('roles', () => {
  let c: Console;
  const sessions: Record<string, { cookie: string; csrf: string }> = {};
  beforeAll(async () => {
    c = await startConsole();
    for (const [name, role] of [['ana', 'admin'], ['eddie', 'editor'], ['cara', 'caseworker']] as const) {
      await addUser(c, name, role);
      sessions[name] = await login(c, name);
    }
  });
  afterAll(() => c.close());
  const get = (who: string, url: string) => c.app.inject({ method: 'GET', url, headers: { cookie: sessions[who]!.cookie } });

  it('an editor cannot open transcripts, users or the audit log, and sees no transcript links', async () => {
    const transcript = await get('eddie', '/cases/1');
    expect(transcript.statusCode).toBe(403);
    expect(transcript.body).not.toContain('My boss took my passport');
    expect(c.db.prepare('SELECT COUNT(*) AS n FROM case_views').get()).toEqual({ n: 0 });
    expect((await get('eddie', '/users')).statusCode).toBe(403);
    expect((await get('eddie', '/audit')).statusCode).toBe(403);
    const list = await get('eddie', '/cases');
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain('href="/cases/1"');
    expect(list.body).not.toContain('href="/users"');
  });

  it('a caseworker reads transcripts but cannot change content', async () => {
    expect((await get('cara', '/cases/1')).statusCode).toBe(200);
    const cara = sessions.cara!;
    expect((await post(c, cara, '/contacts/hotline_152/verify')).statusCode).toBe(403);
    expect((await post(c, cara, '/training', { topic: 'shelter', lang: 'en', text: 'a bed for tonight' })).statusCode).toBe(403);
    expect((await post(c, cara, '/answers/registration/en', { text: 'x', review: 'draft', last_checked: '2026-12', base: 0 })).statusCode).toBe(403);
    expect((await post(c, cara, '/missed/dismiss', { ids: '1' })).statusCode).toBe(403);
    const editor = await get('cara', '/answers/registration/en');
    expect(editor.statusCode).toBe(200);
    expect(editor.body).toContain('readonly');
    expect(editor.body).not.toContain('>Save</button>');
    expect((await get('cara', '/users')).statusCode).toBe(403);
  });

  it('an editor edits content', async () => {
    expect((await post(c, sessions.eddie!, '/contacts/hotline_152/verify')).statusCode).toBe(303);
    expect((await post(c, sessions.eddie!, '/training', { topic: 'shelter', lang: 'en', text: 'a bed for tonight' })).statusCode).toBe(303);
  });

  it('lists only the pages a role may open in the menu', async () => {
    const menu = (who: string) => get(who, '/answers').then((r) => [...r.body.matchAll(/<li><a href="(\/[a-z]+)"/g)].map((m) => m[1]));
    expect(await menu('ana')).toContain('/users');
    expect(await menu('eddie')).not.toContain('/audit');
    expect(await menu('cara')).toEqual(['/answers', '/training', '/missed', '/contacts', '/cases', '/stats', '/try']);
  });
});

describe('escaping everywhere', () => {
  let c: Console;
  let s: { cookie: string; csrf: string };
  const EVIL = '<script>alert("pwned")</script><img src=x onerror=alert(1)>';
  beforeAll(async () => {
    c = await startConsole();
    await addUser(c, 'ana', 'admin');
    s = await login(c, 'ana');
    saveAnswer(c.db, { topic: 'registration', lang: 'en', text: `Before ${EVIL} after`, more: EVIL, reviewState: 'draft', lastChecked: '2026-11', sources: SOURCES, author: 'seed' });
    await post(c, s, '/training', { topic: 'registration', lang: 'en', text: EVIL });
  });
  afterAll(() => c.close());
  const get = (url: string) => c.app.inject({ method: 'GET', url, headers: { cookie: s.cookie } });

  it('an answer containing <script> is shown escaped in the editor, preview, live view, history and diff', async () => {
    const versions = c.db.prepare("SELECT id FROM answer_versions WHERE topic = 'registration' AND lang = 'en' ORDER BY id").all() as { id: number }[];
    for (const url of ['/answers/registration/en', `/answers/registration/en?diff=${versions[0]!.id}`, '/answers']) {
      const body = (await get(url)).body;
      expect(body, url).not.toContain('<script>alert');
      expect(body, url).not.toContain('<img src=x');
    }
    const editor = (await get('/answers/registration/en')).body;
    expect(editor).toContain('&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;');
    const preview = await post(c, s, '/answers/registration/en/preview', { text: EVIL, last_checked: '2026-11' }, { 'hx-request': 'true' });
    expect(preview.body).not.toContain('<script>alert');
    expect(preview.body).toContain('&lt;script&gt;');
    const tried = await post(c, s, '/try', { text: EVIL, lang: 'en' }, { 'hx-request': 'true' });
    expect(tried.body).not.toContain('<script>alert');
  });

  it('training examples and missed questions are escaped too', async () => {
    for (const url of ['/training?topic=registration&lang=en', '/missed']) {
      const body = (await get(url)).body;
      expect(body, url).not.toMatch(/<script>alert/);
      expect(body, url).toContain('&lt;script&gt;alert(');
    }
  });

  it('sends a strict Content-Security-Policy (no inline script) and no-store', async () => {
    const res = await get('/answers');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).not.toMatch(/<script>(?!<)/);
  });
});
