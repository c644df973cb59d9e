import type { FastifyRequest } from 'fastify';
import { tokensEqual } from './sessions.js';

export const LOGIN_CSRF_COOKIE = 'haqq_login_csrf';

function submittedToken(request: FastifyRequest): string | undefined {
  const header = request.headers['x-csrf-token'];
  if (typeof header === 'string') return header;
  const body = request.body as Record<string, unknown> | undefined;
  return typeof body?._csrf === 'string' ? body._csrf : undefined;
}

/**
 * Logged in: the session's token must come back (hidden field `_csrf` or htmx header). Before
 * login there is no session, so the login form uses a double-submit cookie instead.
 */
export function csrfOk(request: FastifyRequest): boolean {
  const sent = submittedToken(request);
  const session = request.admin.session;
  if (session) return tokensEqual(sent, session.csrfToken);
  const cookie = request.cookies[LOGIN_CSRF_COOKIE];
  return typeof cookie === 'string' && cookie.length >= 20 && tokensEqual(sent, cookie);
}
