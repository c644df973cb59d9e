import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../src/admin/auth/passwords.js';
import { MAX_FAILURES_PER_ACCOUNT, THROTTLE_WINDOW_MS } from '../../src/admin/auth/throttle.js';
import { addUser, cookiesOf, login, post, PASSWORD, startConsole, tryLogin, type Console } from './support/harness.js';

describe('passwords', () => {
  it('are salted scrypt hashes that verify only the right password', async () => {
    const a = await hashPassword('same password!');
    const b = await hashPassword('same password!');
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('same password!', a)).toBe(true);
    expect(await verifyPassword('same password?', a)).toBe(false);
    expect(await verifyPassword('same password!', 'garbage')).toBe(false);
  });
});

describe('login, sessions and CSRF', () => {
  let c: Console;
  beforeEach(async () => {
    c = await startConsole();
    await addUser(c, 'ana', 'admin');
  });
  afterEach(() => c.close());

  it('redirects to the login page when not logged in', async () => {
    const res = await c.app.inject({ method: 'GET', url: '/answers' });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/login?next=%2Fanswers');
  });

  it('logs in with a session cookie that is httpOnly and SameSite=Strict, stored hashed', async () => {
    const res = await tryLogin(c, 'ana', PASSWORD);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/answers');
    const cookie = res.cookies.find((k) => k.name === 'haqq_admin_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
    expect(cookie.secure).toBeFalsy();
    const stored = c.db.prepare('SELECT token_hash FROM admin_sessions').all() as { token_hash: string }[];
    expect(stored).toHaveLength(1);
    expect(stored[0]!.token_hash).not.toBe(cookie.value);
    const page = await c.app.inject({ method: 'GET', url: '/answers', headers: { cookie: `haqq_admin_session=${cookie.value}` } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('ana');
  });

  it('sets Secure behind an https proxy', async () => {
    const page = await c.app.inject({ method: 'GET', url: '/login', headers: { 'x-forwarded-proto': 'https' } });
    expect(page.cookies.find((k) => k.name === 'haqq_login_csrf')!.secure).toBe(true);
  });

  it('refuses a wrong password and an unknown user with the same message', async () => {
    const wrong = await tryLogin(c, 'ana', 'not the password');
    const unknown = await tryLogin(c, 'nobody', 'not the password');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.body).toContain('Wrong username or password.');
    expect(unknown.body).toContain('Wrong username or password.');
    expect(cookiesOf(wrong).haqq_admin_session).toBeUndefined();
  });

  it('refuses a login POST without the login CSRF token', async () => {
    const res = await c.app.inject({
      method: 'POST', url: '/login', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `username=ana&password=${encodeURIComponent(PASSWORD)}`,
    });
    expect(res.statusCode).toBe(403);
    expect(c.db.prepare('SELECT COUNT(*) AS n FROM admin_sessions').get()).toEqual({ n: 0 });
  });

  it('refuses every logged-in POST without the session CSRF token, and accepts the htmx header', async () => {
    const s = await login(c, 'ana');
    const noToken = await post(c, { cookie: s.cookie }, '/contacts/police/unverify');
    expect(noToken.statusCode).toBe(403);
    expect(noToken.body).toContain('This form has expired');
    const wrongToken = await post(c, { cookie: s.cookie, csrf: 'x'.repeat(43) }, '/contacts/police/unverify');
    expect(wrongToken.statusCode).toBe(403);
    expect(c.knowledge.listContacts({ verifiedOnly: true }).map((x) => x.id)).toContain('police');
    const viaHeader = await post(c, { cookie: s.cookie }, '/contacts/police/unverify', {}, { 'x-csrf-token': s.csrf });
    expect(viaHeader.statusCode).toBe(303);
    expect(c.knowledge.listContacts({ verifiedOnly: true }).map((x) => x.id)).not.toContain('police');
  });

  it('throttles an account after 5 failures in 15 minutes, even for the right password, then lets it in', async () => {
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT - 1; i++) expect((await tryLogin(c, 'ana', 'wrong')).statusCode).toBe(401);
    const fifth = await tryLogin(c, 'ana', 'wrong');
    expect(fifth.statusCode).toBe(429);
    expect(fifth.body).toMatch(/Too many failed attempts for this account\. It is locked for 15 minutes/);
    const right = await tryLogin(c, 'ana', PASSWORD);
    expect(right.statusCode).toBe(429);
    expect(cookiesOf(right).haqq_admin_session).toBeUndefined();
    c.clock.now += THROTTLE_WINDOW_MS + 1000;
    expect((await tryLogin(c, 'ana', PASSWORD)).statusCode).toBe(303);
    const actions = c.db.prepare("SELECT action FROM audit_log WHERE action LIKE 'login%' ORDER BY id").all() as { action: string }[];
    expect(actions.map((a) => a.action)).toEqual([...Array(5).fill('login.failed'), 'login.locked', 'login']);
  });

  it('throttles one IP trying many accounts', async () => {
    for (let i = 0; i < 20; i++) await tryLogin(c, `user${i}`, 'wrong', '10.9.9.9');
    const res = await tryLogin(c, 'ana', PASSWORD, '10.9.9.9');
    expect(res.statusCode).toBe(429);
    expect(res.body).toContain('from this network');
    expect((await tryLogin(c, 'ana', PASSWORD, '10.1.1.1')).statusCode).toBe(303);
  });

  it('logs out (session row deleted) and a disabled account loses its session at once', async () => {
    const s = await login(c, 'ana');
    await addUser(c, 'bob', 'editor');
    const bob = await login(c, 'bob');
    const bobId = (c.db.prepare("SELECT id FROM admin_users WHERE username = 'bob'").get() as { id: number }).id;
    expect((await post(c, s, `/users/${bobId}`, { disabled: '1' })).statusCode).toBe(303);
    expect((await c.app.inject({ method: 'GET', url: '/answers', headers: { cookie: bob.cookie } })).statusCode).toBe(302);
    expect((await tryLogin(c, 'bob', PASSWORD)).statusCode).toBe(401);
    const out = await post(c, s, '/logout');
    expect(out.headers.location).toBe('/login?msg=logged_out');
    expect((await c.app.inject({ method: 'GET', url: '/answers', headers: { cookie: s.cookie } })).statusCode).toBe(302);
  });

  it('only redirects to local paths after login', async () => {
    const page = await c.app.inject({ method: 'GET', url: '/login' });
    const token = cookiesOf(page).haqq_login_csrf!;
    const res = await c.app.inject({
      method: 'POST', url: '/login', headers: { cookie: `haqq_login_csrf=${token}`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ username: 'ana', password: PASSWORD, _csrf: token, next: '//evil.example/x' }).toString(),
    });
    expect(res.headers.location).toBe('/answers');
  });

  it('expires idle sessions', async () => {
    const s = await login(c, 'ana');
    c.clock.now += 13 * 60 * 60 * 1000;
    expect((await c.app.inject({ method: 'GET', url: '/answers', headers: { cookie: s.cookie } })).statusCode).toBe(302);
  });
});
