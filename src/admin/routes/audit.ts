import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { listAudit } from '../audit.js';
import { sendHtml, type AppContext } from '../context.js';
import { formatTime, parseOr400 } from '../forms.js';
import { html } from '../html.js';
import { page } from '../layout.js';

const querySchema = z.object({
  actor: z.string().trim().max(60).optional().transform((v) => v || undefined),
  action: z.string().trim().max(60).optional().transform((v) => v || undefined),
  before: z.coerce.number().int().positive().optional(),
  msg: z.string().optional(),
});

const PAGE_SIZE = 100;

export function registerAuditRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/audit', { config: { roles: ['admin'] } }, async (request, reply) => {
    const q = parseOr400(querySchema, request.query, request, reply);
    if (!q) return reply;
    const t = request.admin.t;
    const entries = listAudit(ctx.db, { actor: q.actor, action: q.action, beforeId: q.before, limit: PAGE_SIZE });
    const last = entries[entries.length - 1];
    const nextParams = new URLSearchParams();
    if (q.actor) nextParams.set('actor', q.actor);
    if (q.action) nextParams.set('action', q.action);
    if (last) nextParams.set('before', String(last.id));
    const body = html`
      <form method="get" action="/audit" class="filters">
        <label>${t('audit.actor')}<input name="actor" value="${q.actor ?? ''}"></label>
        <label>${t('audit.action')}<input name="action" value="${q.action ?? ''}" placeholder="answer."></label>
        <button type="submit">${t('common.filter')}</button>
      </form>
      <div class="table-wrap"><table>
        <thead><tr><th>${t('audit.when')}</th><th>${t('audit.actor')}</th><th>${t('audit.action')}</th><th>${t('audit.target')}</th><th>${t('audit.details')}</th></tr></thead>
        <tbody>${entries.map(
          (e) => html`<tr><td>${formatTime(e.at, request.admin.lang)}</td><td>${e.actor}</td><td><code>${e.action}</code></td>
            <td>${e.target ?? ''}</td><td><code class="details">${e.details ?? ''}</code></td></tr>`,
        )}</tbody>
      </table></div>
      ${entries.length === PAGE_SIZE ? html`<p><a href="/audit?${nextParams.toString()}">${t('common.older')}</a></p>` : ''}
      ${entries.length === 0 ? html`<p>${t('common.none')}</p>` : ''}`;
    return sendHtml(reply, page(request, { title: t('nav.audit'), active: '/audit', body }));
  });
}
