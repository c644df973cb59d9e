import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { TOPIC_IDS } from '../../contract.js';
import { audit } from '../audit.js';
import { currentUser, hasRole, isHtmx, sendHtml, type AppContext } from '../context.js';
import { csrfField, formatTime, parseOr400, redirectWithFlash } from '../forms.js';
import { html } from '../html.js';
import { page } from '../layout.js';
import { groupMissed, listNewMissed, missedByIds, resolveMissed, type MissedGroup } from '../missed.js';
import { topicLabel, topicOptions } from '../topics.js';

const idsField = z
  .string()
  .regex(/^\d+(,\d+){0,4999}$/)
  .transform((s) => [...new Set(s.split(',').map(Number))]);
const addSchema = z.object({ ids: idsField, topic: z.enum(TOPIC_IDS) });
const dismissSchema = z.object({ ids: idsField });

function groupRow(request: FastifyRequest, g: MissedGroup, canEdit: boolean) {
  const t = request.admin.t;
  const ids = g.ids.join(',');
  const actions = canEdit
    ? html`<form method="post" action="/missed/add" class="inline" hx-post="/missed/add" hx-target="closest tr" hx-swap="outerHTML">
        <input type="hidden" name="_csrf" value="${csrfField(request)}"><input type="hidden" name="ids" value="${ids}">
        <label class="sr-only" for="topic-${g.ids[0]}">${t('missed.topic')}</label>
        <select id="topic-${g.ids[0]}" name="topic">${topicOptions(request, g.guessTopic ?? 'out_of_scope')}</select>
        <button type="submit">${t('missed.add')}</button>
      </form>
      <form method="post" action="/missed/dismiss" class="inline" hx-post="/missed/dismiss" hx-target="closest tr" hx-swap="outerHTML">
        <input type="hidden" name="_csrf" value="${csrfField(request)}"><input type="hidden" name="ids" value="${ids}">
        <button type="submit" class="secondary">${t('missed.dismiss')}</button>
      </form>`
    : '';
  return html`<tr data-ids="${ids}">
    <td class="question" dir="auto">${g.text}</td>
    <td><strong class="count">${g.count}</strong></td>
    <td>${g.langs.join(', ')}</td>
    <td>${g.reasons.map((r) => t(`missed.reason_${r}`, { defaultValue: r })).join(', ')}</td>
    <td>${g.guessTopic ? topicLabel(request, g.guessTopic) : '—'}</td>
    <td>${formatTime(g.lastAt, request.admin.lang)}</td>
    <td class="actions">${actions}</td>
  </tr>`;
}

export function registerMissedRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { db, now } = ctx;
  const editors = { config: { roles: ['admin', 'editor'] as const } };

  app.get('/missed', { config: { roles: ['admin', 'editor', 'caseworker'] } }, async (request, reply) => {
    const t = request.admin.t;
    const groups = groupMissed(listNewMissed(db));
    const canEdit = hasRole(request, 'admin', 'editor');
    const body = html`<p class="hint">${t('missed.hint')}</p>
      ${groups.length === 0
        ? html`<p>${t('missed.empty')}</p>`
        : html`<div class="table-wrap"><table class="missed">
          <thead><tr><th>${t('missed.question')}</th><th>${t('missed.count')}</th><th>${t('missed.languages')}</th>
          <th>${t('missed.reason')}</th><th>${t('missed.guess')}</th><th>${t('missed.last')}</th><th></th></tr></thead>
          <tbody>${groups.map((g) => groupRow(request, g, canEdit))}</tbody></table></div>`}`;
    return sendHtml(reply, page(request, { title: t('nav.missed'), active: '/missed', body }));
  });

  const done = (request: FastifyRequest, message: string) =>
    html`<tr class="done"><td colspan="7" role="status">${message}</td></tr>`;

  app.post('/missed/add', editors, async (request, reply) => {
    const input = parseOr400(addSchema, request.body, request, reply);
    if (!input) return reply;
    const t = request.admin.t;
    const rows = missedByIds(db, input.ids);
    const representative = rows[0];
    const user = currentUser(request).username;
    if (representative) {
      const example = ctx.ports.training.add({ topic: input.topic, lang: representative.lang, text: representative.text, author: user, origin: 'missed' });
      resolveMissed(db, rows.map((r) => r.id), 'added', input.topic, user, now());
      audit(db, { actor: user, action: 'missed.add', target: `topic:${input.topic}`, details: { ids: rows.map((r) => r.id), lang: representative.lang, example } }, now());
    }
    if (isHtmx(request)) return sendHtml(reply, done(request, t('missed.added_as', { topic: input.topic })));
    return redirectWithFlash(reply, '/missed', 'missed_added');
  });

  app.post('/missed/dismiss', editors, async (request, reply) => {
    const input = parseOr400(dismissSchema, request.body, request, reply);
    if (!input) return reply;
    const user = currentUser(request).username;
    const changed = resolveMissed(db, input.ids, 'dismissed', null, user, now());
    audit(db, { actor: user, action: 'missed.dismiss', details: { ids: input.ids, changed } }, now());
    if (isHtmx(request)) return sendHtml(reply, done(request, request.admin.t('missed.dismissed')));
    return redirectWithFlash(reply, '/missed', 'missed_dismissed');
  });
}
