import type { FastifyRequest } from 'fastify';
import { html, type Html } from './html.js';
import { UI_LANGS } from './context.js';
import type { Role } from './auth/users.js';

interface NavItem {
  path: string;
  key: string;
  roles: readonly Role[];
}

const ALL: readonly Role[] = ['admin', 'editor', 'caseworker'];
export const NAV: readonly NavItem[] = [
  { path: '/answers', key: 'nav.answers', roles: ALL },
  { path: '/training', key: 'nav.training', roles: ALL },
  { path: '/missed', key: 'nav.missed', roles: ALL },
  { path: '/contacts', key: 'nav.contacts', roles: ALL },
  { path: '/cases', key: 'nav.cases', roles: ALL },
  { path: '/stats', key: 'nav.stats', roles: ALL },
  { path: '/try', key: 'nav.try', roles: ALL },
  { path: '/audit', key: 'nav.audit', roles: ['admin'] },
  { path: '/users', key: 'nav.users', roles: ['admin'] },
];

/** Known flash messages (?msg=…): only these keys are ever shown, so the query string cannot inject text. */
const FLASH = new Set([
  'saved', 'rolled_back', 'example_added', 'example_moved', 'example_deleted', 'example_merged', 'example_missing', 'missed_added', 'missed_dismissed',
  'verified', 'unverified', 'user_created', 'user_updated', 'retrain_started', 'logged_out', 'conflict',
]);

export interface PageOptions {
  title: string;
  active?: string;
  body: Html;
  /** Extra scripts served from /assets (e.g. chart.js on the stats page). */
  scripts?: string[];
}

function langSwitch(request: FastifyRequest): Html {
  const next = request.url.split('#')[0] ?? '/';
  return html`<nav class="langs" aria-label="${request.admin.t('layout.language')}">${UI_LANGS.map(
    (l) =>
      html`<a href="/lang/${l}?next=${encodeURIComponent(next)}" lang="${l}" ${
        l === request.admin.lang ? html`aria-current="true"` : ''
      }>${l.toUpperCase()}</a>`,
  )}</nav>`;
}

export function flash(request: FastifyRequest): Html {
  const msg = (request.query as Record<string, unknown> | undefined)?.msg;
  if (typeof msg !== 'string' || !FLASH.has(msg)) return html``;
  const cls = msg === 'conflict' || msg === 'example_missing' ? 'flash error' : 'flash';
  return html`<p class="${cls}" role="status">${request.admin.t(`flash.${msg}`)}</p>`;
}

export function page(request: FastifyRequest, opts: PageOptions): Html {
  const { t, session, lang } = request.admin;
  const role = session?.user.role;
  const nav = role
    ? html`<nav class="main" aria-label="${t('layout.menu')}"><ul>${NAV.filter((n) => n.roles.includes(role)).map(
        (n) =>
          html`<li><a href="${n.path}" ${opts.active === n.path ? html`aria-current="page"` : ''}>${t(n.key)}</a></li>`,
      )}</ul></nav>`
    : '';
  const account = session
    ? html`<form method="post" action="/logout" class="logout">
        <input type="hidden" name="_csrf" value="${session.csrfToken}">
        <span class="who">${session.user.username} · ${t(`roles.${session.user.role}`)}</span>
        <button type="submit" class="link">${t('layout.logout')}</button>
      </form>`
    : '';
  const hxHeaders = session ? JSON.stringify({ 'x-csrf-token': session.csrfToken }) : '{}';
  return html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="htmx-config" content='{"includeIndicatorStyles":false,"allowEval":false}'>
<title>${opts.title} · ${t('layout.app')}</title>
<link rel="stylesheet" href="/assets/admin.css">
<script src="/assets/htmx.min.js" defer></script>
<script src="/assets/admin.js" defer></script>
${(opts.scripts ?? []).map((s) => html`<script src="/assets/${s}" defer></script>`)}
</head>
<body hx-headers="${hxHeaders}">
<a class="skip" href="#main">${t('layout.skip')}</a>
<header>
  <div class="bar"><a class="brand" href="/">${t('layout.app')}</a>${langSwitch(request)}${account}</div>
  ${nav}
</header>
<main id="main" tabindex="-1">
<h1>${opts.title}</h1>
${flash(request)}
${opts.body}
</main>
</body>
</html>`;
}

export function errorPage(request: FastifyRequest, title: string, message: string): Html {
  return page(request, { title, body: html`<p class="error" role="alert">${message}</p>` });
}
