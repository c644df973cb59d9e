import type { FastifyRequest } from 'fastify';
import type { EvalRun } from '../nlu/eval-runs.js';
import type { EvalMetrics, Ratio } from '../nlu/evaluate.js';
import { listAudit } from './audit.js';
import { hasRole, type AppContext } from './context.js';
import { csrfField, formatTime } from './forms.js';
import { html, type Html } from './html.js';
import type { EvalFigures } from './ports.js';
import { retrainRunRoles, type RetrainState } from './retrain.js';

// The Training page's retrain panel: state of the background job, the figures before and after,
// and the recorded evaluation runs (src/nlu/eval-runs.ts). One element, so the htmx poll that
// follows a running retrain refreshes all of it.

const pct = (r: Ratio | undefined) => (!r || r.rate === null ? '—' : `${(100 * r.rate).toFixed(1)}%`);

function figures(request: FastifyRequest, label: string, f: EvalFigures | undefined): Html {
  const t = request.admin.t;
  if (!f) return html`<div class="kpi"><strong>…</strong><span>${label}</span></div>`;
  const m = f.metrics;
  // Risk figures only mean something on the labelled set: the held-out slice has no risk labels.
  const risk = f.set === 'labelled'
    ? html`<br>${t('training.escalation_recall')} ${pct(m.escalationRecall)} · ${t('training.false_escalation')} ${pct(m.falseEscalation)} · ${t('training.oos_recall')} ${pct(m.outOfScopeRecall)}`
    : '';
  return html`<div class="kpi"><strong>${pct(m.intentAccuracy)}</strong><span>${label}: ${t('training.accuracy')} · n=${m.count}
    (${t(`training.set_${f.set}`)})${risk}</span></div>`;
}

function historyRow(request: FastifyRequest, run: EvalRun, role: { role: 'before' | 'after'; by: string } | undefined): Html {
  const t = request.admin.t;
  const m: EvalMetrics = run.metrics;
  return html`<tr><td>${formatTime(run.at, request.admin.lang)}</td><td>${role ? `${t(`training.${role.role}`)} (${role.by})` : '—'}</td>
    <td>${run.engine}</td><td class="num">${m.count}</td><td class="num">${pct(m.intentAccuracy)}</td><td class="num">${pct(m.outOfScopeRecall)}</td>
    <td class="num">${pct(m.escalationRecall)}</td><td class="num">${pct(m.falseEscalation)}</td><td class="num">${pct(m.languageAccuracy)}</td></tr>`;
}

export function evalHistory(request: FastifyRequest, ctx: AppContext): Html {
  const t = request.admin.t;
  const runs = ctx.ports.evaluation.history(10);
  if (!runs.length) return html`<p class="hint">${t('training.history_empty')}</p>`;
  const roles = retrainRunRoles(listAudit(ctx.db, { action: 'training.retrain', limit: 50 }));
  return html`<div class="table-wrap"><table class="eval-runs">
    <thead><tr><th>${t('training.when')}</th><th>${t('training.run')}</th><th>${t('training.engine')}</th><th>n</th>
      <th>${t('training.accuracy')}</th><th>${t('training.oos_recall')}</th><th>${t('training.escalation_recall')}</th>
      <th>${t('training.false_escalation')}</th><th>${t('training.language_accuracy')}</th></tr></thead>
    <tbody>${runs.map((r) => historyRow(request, r, roles.get(r.id)))}</tbody></table></div>`;
}

export function retrainPanel(request: FastifyRequest, ctx: AppContext): Html {
  const t = request.admin.t;
  const s: RetrainState = ctx.retrain.state();
  const canEdit = hasRole(request, 'admin', 'editor');
  const polling = s.status === 'running' ? html`hx-get="/training/retrain" hx-trigger="every 1s" hx-swap="outerHTML"` : '';
  return html`<section id="retrain" class="card" ${polling} aria-live="polite">
    <h2>${t('training.retrain_title')}</h2>
    <p class="status status-${s.status}">${t(`training.retrain_${s.status}`)}${
      s.startedBy ? html` · ${s.startedBy}, ${formatTime(s.startedAt, request.admin.lang)}` : ''
    }${s.examples !== undefined ? html` · ${t('training.examples_count', { count: s.examples })}` : ''}</p>
    ${s.error ? html`<p class="error">${s.error}</p>` : ''}
    ${s.before || s.after ? html`<div class="kpis">${figures(request, t('training.before'), s.before)}${figures(request, t('training.after'), s.after)}</div>` : ''}
    ${canEdit && s.status !== 'running'
      ? html`<form method="post" action="/training/retrain" hx-post="/training/retrain" hx-target="#retrain" hx-swap="outerHTML">
          <input type="hidden" name="_csrf" value="${csrfField(request)}">
          <button type="submit">${t('training.retrain')}</button> <span class="hint">${t('training.retrain_hint')}</span></form>`
      : ''}
    <h3>${t('training.history_title')}</h3>
    <p class="hint">${t('training.history_hint')}</p>
    ${evalHistory(request, ctx)}
  </section>`;
}
