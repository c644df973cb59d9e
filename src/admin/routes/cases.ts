import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { logCaseView } from '../audit.js';
import { currentUser, hasRole, sendHtml, type AppContext } from '../context.js';
import { formatDuration, formatTime, parseOr400 } from '../forms.js';
import { html } from '../html.js';
import { errorPage, page } from '../layout.js';
import type { CaseSummary } from '../../handoff/case-queries.js';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const OPEN = new Set(['waiting', 'claimed']);

export function registerCaseRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { now } = ctx;

  app.get('/cases', { config: { roles: ['admin', 'editor', 'caseworker'] } }, async (request, reply) => {
    const t = request.admin.t;
    const lang = request.admin.lang;
    const canRead = hasRole(request, 'admin', 'caseworker');
    const cases = ctx.ports.cases.list(now());
    const row = (c: CaseSummary) => html`<tr>
      <td>${canRead ? html`<a href="/cases/${c.id}"><code>${c.code}</code></a>` : html`<code>${c.code}</code>`}</td>
      <td>${t(`cases.state.${c.state}`, { defaultValue: c.state })}</td>
      <td>${c.lang}</td>
      <td><span class="risk risk-${c.riskLevel}">${t(`risk.${c.riskLevel}`)}</span>
        ${c.indicators.length ? html`<small>${c.indicators.join(', ')}</small>` : ''}</td>
      <td>${formatDuration(c.waitedMs, t)}</td>
      <td>${c.caseworkerName ?? '—'}</td>
      <td>${c.outcome ? t(`cases.outcome.${c.outcome}`, { defaultValue: c.outcome }) : '—'}</td>
      <td>${formatTime(c.createdAt, lang)}</td>
    </tr>`;
    const table = (list: CaseSummary[]) =>
      list.length === 0
        ? html`<p>${t('common.none')}</p>`
        : html`<div class="table-wrap"><table>
          <thead><tr><th>${t('cases.code')}</th><th>${t('cases.status')}</th><th>${t('cases.language')}</th><th>${t('cases.risk')}</th>
          <th>${t('cases.waiting')}</th><th>${t('cases.caseworker')}</th><th>${t('cases.outcome_label')}</th><th>${t('cases.opened')}</th></tr></thead>
          <tbody>${list.map(row)}</tbody></table></div>`;
    const body = html`
      ${canRead ? html`<p class="hint">${t('cases.logged_hint')}</p>` : html`<p class="hint">${t('cases.no_transcripts')}</p>`}
      <h2>${t('cases.open')}</h2>${table(cases.filter((c) => OPEN.has(c.state)))}
      <h2>${t('cases.closed')}</h2>${table(cases.filter((c) => !OPEN.has(c.state)))}`;
    return sendHtml(reply, page(request, { title: t('nav.cases'), active: '/cases', body }));
  });

  // Transcripts: caseworkers and admins only; every opening is logged (case_views + audit_log).
  app.get('/cases/:id', { config: { roles: ['admin', 'caseworker'] } }, async (request, reply) => {
    const t = request.admin.t;
    const lang = request.admin.lang;
    const params = parseOr400(idParams, request.params, request, reply);
    if (!params) return reply;
    const found = ctx.ports.cases.transcript(params.id, now());
    if (!found) return sendHtml(reply, errorPage(request, t('errors.title'), t('errors.not_found')), 404);
    logCaseView(ctx.db, String(found.summary.id), currentUser(request), now());
    const c = found.summary;
    const who = (direction: string, author: string | null) =>
      direction === 'staff' || direction === 'note' ? `${author ?? t('cases.staff')}${direction === 'note' ? ` (${t('cases.note')})` : ''}` : t('cases.user');
    const body = html`
      <dl class="facts">
        <dt>${t('cases.status')}</dt><dd>${t(`cases.state.${c.state}`, { defaultValue: c.state })}</dd>
        <dt>${t('cases.language')}</dt><dd>${c.lang}</dd>
        <dt>${t('cases.risk')}</dt><dd><span class="risk risk-${c.riskLevel}">${t(`risk.${c.riskLevel}`)}</span> ${c.indicators.join(', ')}</dd>
        <dt>${t('cases.caseworker')}</dt><dd>${c.caseworkerName ?? '—'}</dd>
        <dt>${t('cases.waiting')}</dt><dd>${formatDuration(c.waitedMs, t)}</dd>
        <dt>${t('cases.outcome_label')}</dt><dd>${c.outcome ?? '—'}</dd>
      </dl>
      <h2>${t('cases.transcript')}</h2>
      <ol class="transcript">${found.lines.map(
        (l) => html`<li class="msg msg-${l.direction}"><div class="meta">${who(l.direction, l.author)} · ${formatTime(l.at, lang)}${
          l.kind !== 'text' ? html` · ${l.kind}` : ''
        }</div><div class="bubble" dir="auto">${l.text}</div></li>`,
      )}</ol>
      ${found.lines.length === 0 ? html`<p>${t('common.none')}</p>` : ''}
      <p><a href="/cases">← ${t('nav.cases')}</a></p>`;
    return sendHtml(reply, page(request, { title: `${t('cases.case')} ${c.code}`, active: '/cases', body }));
  });
}
