import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { TOPIC_IDS } from '../../contract.js';
import { LANGUAGES } from '../../i18n/languages.js';
import { audit } from '../audit.js';
import { currentUser, hasRole, isHtmx, sendHtml, type AppContext } from '../context.js';
import { csrfField, parseOr400, redirectWithFlash } from '../forms.js';
import { html } from '../html.js';
import { page } from '../layout.js';
import { retrainPanel } from '../retrain-views.js';
import { topicLabel, topicOptions } from '../topics.js';

const filterSchema = z.object({
  topic: z.union([z.literal(''), z.enum(TOPIC_IDS)]).optional().transform((v) => v || undefined),
  lang: z.union([z.literal(''), z.enum(LANGUAGES)]).optional().transform((v) => v || undefined),
  msg: z.string().optional(),
});
const addSchema = z.object({ topic: z.enum(TOPIC_IDS), lang: z.enum(LANGUAGES), text: z.string().trim().min(2).max(500) });
const idParams = z.object({ id: z.coerce.number().int().positive() });
const moveSchema = z.object({ topic: z.enum(TOPIC_IDS), back: z.string().max(300).optional() });
const backSchema = z.object({ back: z.string().max(300).optional() });

export function registerTrainingRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { now } = ctx;
  const all = { config: { roles: ['admin', 'editor', 'caseworker'] as const } };
  const editors = { config: { roles: ['admin', 'editor'] as const } };

  app.get('/training', all, async (request, reply) => {
    const q = parseOr400(filterSchema, request.query, request, reply);
    if (!q) return reply;
    const t = request.admin.t;
    const canEdit = hasRole(request, 'admin', 'editor');
    const counts = new Map(ctx.ports.training.counts().map((c) => [`${c.topic}/${c.lang}`, c.n]));
    const back = request.url.split('?')[1] ? `/training?${request.url.split('?')[1]!.replace(/&?msg=[^&]*/, '')}` : '/training';
    const grid = html`<div class="table-wrap"><table class="grid counts">
      <thead><tr><th>${t('training.topic')}</th>${LANGUAGES.map((l) => html`<th>${l}</th>`)}</tr></thead>
      <tbody>${TOPIC_IDS.map(
        (topic) => html`<tr><th scope="row"><a href="/training?topic=${topic}">${topicLabel(request, topic)}</a></th>${LANGUAGES.map((l) => {
          const n = counts.get(`${topic}/${l}`) ?? 0;
          return html`<td class="${n === 0 ? 'zero' : ''}"><a href="/training?topic=${topic}&amp;lang=${l}">${n}</a></td>`;
        })}</tr>`,
      )}</tbody></table></div>`;
    const examples = q.topic || q.lang ? ctx.ports.training.list({ topic: q.topic, lang: q.lang }) : [];
    const list = html`<div class="table-wrap"><table class="examples">
      <thead><tr><th>${t('training.text')}</th><th>${t('training.topic')}</th><th>${t('training.language')}</th><th>${t('training.origin')}</th><th></th></tr></thead>
      <tbody>${examples.map(
        (e) => html`<tr><td dir="auto">${e.text}</td><td>${e.topic}</td><td>${e.lang}</td><td>${e.source ?? ''}</td><td class="actions">${
          canEdit
            ? html`<form method="post" action="/training/${e.id}/move" class="inline">
                <input type="hidden" name="_csrf" value="${csrfField(request)}"><input type="hidden" name="back" value="${back}">
                <label class="sr-only" for="move-${e.id}">${t('training.move_to')}</label>
                <select id="move-${e.id}" name="topic">${topicOptions(request, e.topic)}</select>
                <button type="submit" class="secondary">${t('training.move')}</button></form>
              <form method="post" action="/training/${e.id}/delete" class="inline" data-confirm="${t('training.delete_confirm')}">
                <input type="hidden" name="_csrf" value="${csrfField(request)}"><input type="hidden" name="back" value="${back}">
                <button type="submit" class="danger">${t('training.delete')}</button></form>`
            : ''
        }</td></tr>`,
      )}</tbody></table></div>`;
    const addForm = canEdit
      ? html`<form method="post" action="/training" class="card">
          <h2>${t('training.add_title')}</h2>
          <input type="hidden" name="_csrf" value="${csrfField(request)}">
          <label>${t('training.topic')}<select name="topic">${topicOptions(request, q.topic ?? 'registration')}</select></label>
          <label>${t('training.language')}<select name="lang">${LANGUAGES.map((l) => html`<option ${l === (q.lang ?? 'en') ? html`selected` : ''}>${l}</option>`)}</select></label>
          <label>${t('training.text')}<input name="text" required minlength="2" maxlength="500" dir="auto"></label>
          <button type="submit">${t('training.add')}</button>
        </form>`
      : '';
    const body = html`
      ${retrainPanel(request, ctx)}
      <form method="get" action="/training" class="filters">
        <label>${t('training.topic')}<select name="topic"><option value="">${t('common.all')}</option>${topicOptions(request, q.topic)}</select></label>
        <label>${t('training.language')}<select name="lang"><option value="">${t('common.all')}</option>${LANGUAGES.map(
          (l) => html`<option ${l === q.lang ? html`selected` : ''}>${l}</option>`,
        )}</select></label>
        <button type="submit">${t('common.show')}</button>
      </form>
      ${q.topic || q.lang ? html`<h2>${t('training.examples_count', { count: examples.length })}</h2>${list}` : html`<p class="hint">${t('training.pick')}</p>`}
      ${addForm}
      <h2>${t('training.counts')}</h2>${grid}`;
    return sendHtml(reply, page(request, { title: t('nav.training'), active: '/training', body }));
  });

  app.post('/training', editors, async (request, reply) => {
    const input = parseOr400(addSchema, request.body, request, reply);
    if (!input) return reply;
    const user = currentUser(request).username;
    const id = ctx.ports.training.add({ ...input, author: user, origin: 'admin' });
    audit(ctx.db, { actor: user, action: 'training.add', target: `${input.topic}/${input.lang}`, details: { id } }, now());
    return redirectWithFlash(reply, `/training?topic=${input.topic}&lang=${input.lang}`, 'example_added');
  });

  const backTo = (b: string | undefined) => (b && /^\/training(\?[\w=&%.-]*)?$/.test(b) ? b : '/training');

  app.post('/training/:id/move', editors, async (request, reply) => {
    const params = parseOr400(idParams, request.params, request, reply);
    const input = parseOr400(moveSchema, request.body, request, reply);
    if (!params || !input) return reply;
    const user = currentUser(request).username;
    const result = ctx.ports.training.move(params.id, input.topic, user);
    if (result === 'missing') return redirectWithFlash(reply, backTo(input.back), 'example_missing');
    const details = result === 'merged' ? { to: input.topic, merged: true } : { to: input.topic };
    audit(ctx.db, { actor: user, action: 'training.move', target: `example:${params.id}`, details }, now());
    return redirectWithFlash(reply, backTo(input.back), result === 'merged' ? 'example_merged' : 'example_moved');
  });

  app.post('/training/:id/delete', editors, async (request, reply) => {
    const params = parseOr400(idParams, request.params, request, reply);
    const input = parseOr400(backSchema, request.body, request, reply);
    if (!params || !input) return reply;
    const user = currentUser(request).username;
    if (!ctx.ports.training.remove(params.id, user)) return redirectWithFlash(reply, backTo(input.back), 'example_missing');
    audit(ctx.db, { actor: user, action: 'training.delete', target: `example:${params.id}` }, now());
    return redirectWithFlash(reply, backTo(input.back), 'example_deleted');
  });

  app.get('/training/retrain', all, async (request, reply) => sendHtml(reply, retrainPanel(request, ctx)));

  app.post('/training/retrain', editors, async (request, reply) => {
    const user = currentUser(request).username;
    if (ctx.retrain.start(user)) audit(ctx.db, { actor: user, action: 'training.retrain_start' }, now());
    if (isHtmx(request)) return sendHtml(reply, retrainPanel(request, ctx));
    return redirectWithFlash(reply, '/training', 'retrain_started');
  });
}
