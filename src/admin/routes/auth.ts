import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { audit } from '../audit.js';
import { LOGIN_CSRF_COOKIE } from '../auth/csrf.js';
import { dummyHash, verifyPassword } from '../auth/passwords.js';
import { createSession, deleteSession, randomToken, SESSION_MAX_MS } from '../auth/sessions.js';
import { checkLock, recordAttempt, type Lock } from '../auth/throttle.js';
import { findUserWithHash } from '../auth/users.js';
import { sendHtml, UI_LANGS, type AppContext } from '../context.js';
import { html, safeLocalPath } from '../html.js';
import { page } from '../layout.js';

export const SESSION_COOKIE = 'haqq_admin_session';
export const LANG_COOKIE = 'haqq_admin_lang';

const loginSchema = z.object({
  username: z.string().trim().min(1).max(60),
  password: z.string().min(1).max(200),
  next: z.string().max(500).optional(),
});

function cookieOptions(request: FastifyRequest, maxAgeSeconds: number) {
  return { path: '/', httpOnly: true, sameSite: 'strict' as const, secure: request.admin.https, maxAge: maxAgeSeconds };
}

function loginPage(request: FastifyRequest, reply: FastifyReply, opts: { error?: string; next?: string; status?: number }) {
  const t = request.admin.t;
  let token = request.cookies[LOGIN_CSRF_COOKIE];
  if (!token || token.length < 20) {
    token = randomToken();
    reply.setCookie(LOGIN_CSRF_COOKIE, token, cookieOptions(request, 24 * 3600));
  }
  const body = html`
    <form method="post" action="/login" class="card login">
      <input type="hidden" name="_csrf" value="${token}">
      <input type="hidden" name="next" value="${safeLocalPath(opts.next, '/answers')}">
      ${opts.error ? html`<p class="error" role="alert">${opts.error}</p>` : ''}
      <label>${t('login.username')}<input name="username" autocomplete="username" required autofocus></label>
      <label>${t('login.password')}<input name="password" type="password" autocomplete="current-password" required></label>
      <button type="submit">${t('login.submit')}</button>
      <p class="hint">${t('login.hint')}</p>
    </form>`;
  return sendHtml(reply, page(request, { title: t('login.title'), body }), opts.status ?? 200);
}

function lockedMessage(request: FastifyRequest, lock: Lock, now: number): string {
  const minutes = Math.max(1, Math.ceil((lock.until - now) / 60_000));
  return request.admin.t(lock.scope === 'account' ? 'login.locked_account' : 'login.locked_ip', { count: minutes });
}

export function registerAuthRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { db, now } = ctx;

  app.get('/', { config: { roles: ['admin', 'editor', 'caseworker'] } }, async (_request, reply) =>
    reply.redirect('/answers'),
  );

  app.get<{ Querystring: { next?: string } }>('/login', { config: { roles: 'public' } }, async (request, reply) => {
    if (request.admin.session) return reply.redirect(safeLocalPath(request.query.next, '/answers'));
    return loginPage(request, reply, { next: request.query.next });
  });

  app.post('/login', { config: { roles: 'public' } }, async (request, reply) => {
    const t = request.admin.t;
    const parsed = loginSchema.safeParse(request.body);
    if (!parsed.success) return loginPage(request, reply, { error: t('login.missing'), status: 400 });
    const { username, password, next } = parsed.data;
    const ip = request.ip;
    const lock = checkLock(db, username, ip, now());
    if (lock) {
      audit(db, { actor: username, action: 'login.locked', details: { scope: lock.scope } }, now());
      return loginPage(request, reply, { error: lockedMessage(request, lock, now()), next, status: 429 });
    }
    const user = findUserWithHash(db, username);
    // Always run scrypt, so an unknown username takes as long as a wrong password.
    const passwordOk = await verifyPassword(password, user?.passwordHash ?? (await dummyHash()));
    const ok = passwordOk && user !== undefined && !user.disabled;
    recordAttempt(db, username, ip, ok, now());
    audit(db, { actor: user?.username ?? username, action: ok ? 'login' : 'login.failed' }, now());
    if (!ok || !user) {
      const lockNow = checkLock(db, username, ip, now());
      const error = lockNow ? lockedMessage(request, lockNow, now()) : t('login.wrong');
      return loginPage(request, reply, { error, next, status: lockNow ? 429 : 401 });
    }
    const { token } = createSession(db, user.id, now());
    reply.setCookie(SESSION_COOKIE, token, cookieOptions(request, SESSION_MAX_MS / 1000));
    reply.clearCookie(LOGIN_CSRF_COOKIE, { path: '/' });
    return reply.redirect(safeLocalPath(next, '/answers'), 303);
  });

  app.post('/logout', { config: { roles: ['admin', 'editor', 'caseworker'] } }, async (request, reply) => {
    const session = request.admin.session!;
    deleteSession(db, session.tokenHash);
    audit(db, { actor: session.user.username, action: 'logout' }, now());
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/login?msg=logged_out', 303);
  });

  // Language switch: only sets a preference cookie, so a plain link is enough (works before login).
  app.get<{ Params: { lng: string }; Querystring: { next?: string } }>(
    '/lang/:lng',
    { config: { roles: 'public' } },
    async (request, reply) => {
      const lng = (UI_LANGS as readonly string[]).includes(request.params.lng) ? request.params.lng : 'en';
      reply.setCookie(LANG_COOKIE, lng, { path: '/', sameSite: 'lax', secure: request.admin.https, maxAge: 365 * 24 * 3600 });
      return reply.redirect(safeLocalPath(request.query.next, '/answers'));
    },
  );
}
