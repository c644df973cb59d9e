import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { sendHtml, type AppContext } from '../context.js';
import { formatDuration, parseOr400 } from '../forms.js';
import { html, type Html } from '../html.js';
import { page } from '../layout.js';
import { computeStats, statsToCsv, type Count } from '../stats-queries.js';

const querySchema = z.object({ days: z.coerce.number().int().min(1).max(366).default(30), msg: z.string().optional() });
const DAY_MS = 24 * 60 * 60 * 1000;

/** A chart.js chart: the config travels as an escaped data attribute, read by /assets/stats.js. */
function chart(id: string, type: 'bar' | 'line' | 'doughnut', label: string, data: Count[], t: (k: string) => string): Html {
  const config = { type, labels: data.map((d) => d.key), values: data.map((d) => d.n), label };
  return html`<figure class="chart"><figcaption>${label}</figcaption><div class="canvas-box"><canvas id="${id}" data-chart="${JSON.stringify(config)}" role="img" aria-label="${label}"></canvas></div>
    <details><summary>${t('stats.as_table')}</summary><table><tbody>${data.map(
      (d) => html`<tr><td>${d.key}</td><td>${d.n}</td></tr>`,
    )}</tbody></table></details></figure>`;
}

export function registerStatsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const roles = { config: { roles: ['admin', 'editor', 'caseworker'] as const } };
  const load = (days: number) => {
    const since = ctx.now() - days * DAY_MS;
    return computeStats(ctx.db, ctx.ports.cases.list(ctx.now()), since);
  };

  app.get('/stats', roles, async (request, reply) => {
    const q = parseOr400(querySchema, request.query, request, reply);
    if (!q) return reply;
    const t = request.admin.t;
    const s = load(q.days);
    const total = s.perDay.reduce((a, c) => a + c.n, 0);
    const body = html`
      <form method="get" action="/stats" class="filters">
        <label>${t('stats.period')}<select name="days">${[7, 30, 90, 365].map(
          (d) => html`<option value="${d}" ${d === q.days ? html`selected` : ''}>${t('stats.days', { count: d })}</option>`,
        )}</select></label>
        <button type="submit">${t('common.show')}</button>
        <a class="button secondary" href="/stats.csv?days=${q.days}" download>${t('stats.csv')}</a>
      </form>
      <div class="kpis">
        <div class="kpi"><strong>${total}</strong><span>${t('stats.messages')}</span></div>
        <div class="kpi"><strong>${s.escalations.reduce((a, c) => a + c.n, 0)}</strong><span>${t('stats.escalations')}</span></div>
        <div class="kpi"><strong>${formatDuration(s.medianClaimMs, t)}</strong><span>${t('stats.median_claim')}</span></div>
      </div>
      <div class="charts">
        ${chart('per-day', 'line', t('stats.per_day'), s.perDay, t)}
        ${chart('topics', 'bar', t('stats.topics'), s.topics.slice(0, 15), t)}
        ${chart('languages', 'doughnut', t('stats.languages'), s.languages, t)}
        ${chart('escalations', 'bar', t('stats.escalations_by_level'), s.escalations, t)}
      </div>
      <h2>${t('stats.feedback')}</h2>
      <div class="table-wrap"><table>
        <thead><tr><th>${t('stats.topic')}</th><th>${t('stats.up')}</th><th>${t('stats.down')}</th><th>${t('stats.rate')}</th></tr></thead>
        <tbody>${s.feedback.map((f) => {
          const rate = f.up + f.down ? Math.round((100 * f.up) / (f.up + f.down)) : 0;
          return html`<tr><td>${f.topic}</td><td>${f.up}</td><td>${f.down}</td><td><meter min="0" max="100" value="${rate}"></meter> ${rate}%</td></tr>`;
        })}</tbody></table></div>
      ${s.feedback.length === 0 ? html`<p>${t('common.none')}</p>` : ''}`;
    return sendHtml(reply, page(request, { title: t('nav.stats'), active: '/stats', body, scripts: ['chart.umd.min.js', 'stats.js'] }));
  });

  app.get('/stats.csv', roles, async (request, reply) => {
    const q = parseOr400(querySchema, request.query, request, reply);
    if (!q) return reply;
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="haqq-stats-${q.days}d.csv"`)
      .header('cache-control', 'no-store')
      .send(statsToCsv(load(q.days)));
  });
}
