import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ANSWER_TOPICS, type TopicId } from '../../contract.js';
import { LANGUAGES, LANGUAGE_NAMES, type Lang } from '../../i18n/languages.js';
import {
  AnswerValidationError, getAnswerRow, getTopicRow, getVersion, listAnswers, listVersions, rollbackToVersion, saveAnswer,
} from '../../knowledge/answer-queries.js';
import { expandPlaceholders, knowledgeT, renderSourceLine } from '../../knowledge/render.js';
import { answerFieldProblems } from '../../knowledge/validate.js';
import { audit } from '../audit.js';
import { answerGrid, diffView, sourcesList, telegramBubble, versionText } from '../answer-views.js';
import { currentUser, hasRole, isHtmx, sendHtml, type AppContext } from '../context.js';
import { csrfField, formatTime, parseOr400, redirectWithFlash } from '../forms.js';
import { html, type Html } from '../html.js';
import { errorPage, page } from '../layout.js';
import { topicLabel } from '../topics.js';

const params = z.object({ topic: z.string().regex(/^[a-z_]{2,40}$/), lang: z.enum(LANGUAGES) });
const editorQuery = z.object({ diff: z.coerce.number().int().positive().optional(), msg: z.string().optional() });
const answerForm = z.object({
  text: z.string().max(5000).transform((s) => s.replace(/\r\n/g, '\n').trim()),
  more: z.string().max(10000).optional().transform((s) => (s ? s.replace(/\r\n/g, '\n').trim() : '')),
  review: z.enum(['reviewed', 'draft']),
  last_checked: z.string().trim().regex(/^\d{4}-\d{2}(-\d{2})?$/),
  base: z.coerce.number().int().min(0),
});
const previewForm = answerForm.partial();
const rollbackForm = z.object({ version: z.coerce.number().int().positive() });

type FormValues = { text: string; more: string; review: 'reviewed' | 'draft'; last_checked: string; base: number };

export function registerAnswerRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { db, now } = ctx;
  const all = { config: { roles: ['admin', 'editor', 'caseworker'] as const } };
  const editors = { config: { roles: ['admin', 'editor'] as const } };

  const knownTopic = (topic: string) => (ANSWER_TOPICS as string[]).includes(topic) || getTopicRow(db, topic) !== undefined;

  function preview(lang: Lang, topic: string, values: { text: string; more: string; last_checked: string }, request: FastifyRequest): Html {
    const t = knowledgeT(ctx.i18n, lang);
    const verified = ctx.knowledge.listContacts({ verifiedOnly: true });
    const sources = getTopicRow(db, topic)?.sources ?? [];
    const problems = [
      ...answerFieldProblems('text', values.text, { contacts: ctx.knowledge.listContacts() }),
      ...(values.more ? answerFieldProblems('more', values.more, { contacts: ctx.knowledge.listContacts() }) : []),
    ];
    const moreLabel = ctx.i18n.t('more', { lng: lang, ns: 'bot', defaultValue: request.admin.t('answers.more_button') });
    return html`<div id="preview">${telegramBubble(
      lang,
      expandPlaceholders(values.text, verified, t),
      values.more ? expandPlaceholders(values.more, verified, t) : undefined,
      renderSourceLine(sources, values.last_checked, t),
      moreLabel,
    )}
    <p class="hint">${request.admin.t('answers.chars', { count: [...values.text].length })}</p>
    ${problems.length ? html`<ul class="problems" role="alert">${problems.map((p) => html`<li>${p}</li>`)}</ul>` : ''}</div>`;
  }

  function editorPage(request: FastifyRequest, reply: FastifyReply, topic: string, lang: Lang, opts: { values?: FormValues; problems?: string[]; diff?: number; status?: number }) {
    const t = request.admin.t;
    const canEdit = hasRole(request, 'admin', 'editor');
    const row = getAnswerRow(db, topic, lang);
    const topicRow = getTopicRow(db, topic);
    const versions = listVersions(db, topic, lang);
    const values: FormValues = opts.values ?? {
      text: row?.text ?? '',
      more: row?.more ?? '',
      review: row?.reviewState ?? 'draft',
      last_checked: row?.lastChecked ?? topicRow?.lastChecked ?? new Date(now()).toISOString().slice(0, 7),
      base: versions[0]?.id ?? 0,
    };
    const live = ctx.knowledge.getAnswer(topic as TopicId, lang);
    const diffVersion = opts.diff ? versions.find((v) => v.id === opts.diff) : undefined;
    const current = versions[0];
    const ro = canEdit ? '' : html`readonly`;
    const form = html`<form id="answer-form" method="post" action="/answers/${topic}/${lang}" class="card editor">
      <input type="hidden" name="_csrf" value="${csrfField(request)}">
      <input type="hidden" name="base" value="${values.base}">
      <label>${t('answers.text')}<textarea name="text" rows="10" maxlength="5000" dir="auto" ${ro} required>${values.text}</textarea></label>
      <label>${t('answers.more')}<textarea name="more" rows="5" maxlength="10000" dir="auto" ${ro}>${values.more}</textarea></label>
      <p class="hint">${t('answers.placeholders_hint', { contacts: '{{contacts:legal_aid}}', emergency: '{{emergency}}' })}</p>
      <div class="row">
        <label>${t('answers.review')}<select name="review" ${canEdit ? '' : html`disabled`}>
          <option value="draft" ${values.review === 'draft' ? html`selected` : ''}>${t('answers.state_draft')}</option>
          <option value="reviewed" ${values.review === 'reviewed' ? html`selected` : ''}>${t('answers.state_reviewed')}</option>
        </select></label>
        <label>${t('answers.last_checked')}<input name="last_checked" value="${values.last_checked}" pattern="\\d{4}-\\d{2}(-\\d{2})?" placeholder="2026-11" ${ro} required></label>
      </div>
      ${canEdit ? html`<button type="submit">${t('answers.save')}</button> <span class="hint">${t('answers.save_hint')}</span>` : ''}
    </form>`;
    const previewBox = html`<section class="card" aria-labelledby="preview-h">
      <h2 id="preview-h">${t('answers.preview')}</h2>
      <div hx-post="/answers/${topic}/${lang}/preview" hx-trigger="input from:#answer-form delay:400ms" hx-include="#answer-form" hx-swap="innerHTML">
        ${preview(lang, topic, values, request)}
      </div>
      <h2>${t('answers.live')}</h2>
      ${live
        ? html`${live.lang !== lang ? html`<p class="flash error">${t('answers.fallback', { lang: LANGUAGE_NAMES[live.lang] })}</p>` : ''}
            <div id="live">${telegramBubble(live.lang, live.text, live.more, live.sourceLine, t('answers.more_button'))}</div>`
        : html`<p>${t('answers.no_live')}</p>`}
      <h2>${t('answers.sources')}</h2>${sourcesList(topicRow?.sources ?? [])}
      <p class="hint">${t('answers.sources_hint')}</p>
    </section>`;
    const history = html`<section class="card"><h2>${t('answers.history')}</h2>
      ${diffVersion && current ? html`<h3>${t('answers.diff_title', { from: diffVersion.id, to: current.id })}</h3>${diffView(versionText(diffVersion), versionText(current))}` : ''}
      <div class="table-wrap"><table><thead><tr><th>#</th><th>${t('answers.author')}</th><th>${t('answers.when')}</th><th>${t('answers.review')}</th><th></th></tr></thead>
      <tbody>${versions.map((v, i) => html`<tr>
        <td>${v.id}${i === 0 ? html` <span class="badge reviewed">${t('answers.current')}</span>` : ''}</td><td>${v.author}</td>
        <td>${formatTime(v.createdAt, request.admin.lang)}</td><td>${t(`answers.state_${v.reviewState}`)}</td>
        <td class="actions">${i > 0 ? html`<a href="/answers/${topic}/${lang}?diff=${v.id}#history">${t('answers.diff')}</a>
          ${canEdit ? html`<form method="post" action="/answers/${topic}/${lang}/rollback" class="inline" data-confirm="${t('answers.rollback_confirm', { version: v.id })}">
            <input type="hidden" name="_csrf" value="${csrfField(request)}"><input type="hidden" name="version" value="${v.id}">
            <button type="submit" class="secondary">${t('answers.rollback')}</button></form>` : ''}` : ''}</td>
      </tr>`)}</tbody></table></div></section>`;
    const body = html`<p><a href="/answers">← ${t('nav.answers')}</a> · ${LANGUAGE_NAMES[lang]}</p>
      ${opts.problems?.length ? html`<div class="flash error" role="alert"><p>${t('answers.not_saved')}</p><ul>${opts.problems.map((p) => html`<li>${p}</li>`)}</ul></div>` : ''}
      <div class="editor-layout">${form}${previewBox}</div><div id="history">${history}</div>`;
    return sendHtml(reply, page(request, { title: topicLabel(request, topic), active: '/answers', body }), opts.status ?? 200);
  }

  app.get('/answers', all, async (request, reply) => {
    const t = request.admin.t;
    const body = html`<p class="hint">${t('answers.hint')}</p>${answerGrid(request, listAnswers(db), now(), ctx.config.STALE_AFTER_DAYS)}`;
    return sendHtml(reply, page(request, { title: t('nav.answers'), active: '/answers', body }));
  });

  app.get('/answers/:topic/:lang', all, async (request, reply) => {
    const p = parseOr400(params, request.params, request, reply);
    const q = parseOr400(editorQuery, request.query, request, reply);
    if (!p || !q) return reply;
    if (!knownTopic(p.topic)) return sendHtml(reply, errorPage(request, request.admin.t('errors.title'), request.admin.t('errors.not_found')), 404);
    return editorPage(request, reply, p.topic, p.lang, { diff: q.diff });
  });

  app.post('/answers/:topic/:lang', editors, async (request, reply) => {
    const p = parseOr400(params, request.params, request, reply);
    const f = parseOr400(answerForm, request.body, request, reply);
    if (!p || !f) return reply;
    const t = request.admin.t;
    if (!knownTopic(p.topic)) return sendHtml(reply, errorPage(request, t('errors.title'), t('errors.not_found')), 404);
    const latest = listVersions(db, p.topic, p.lang)[0]?.id ?? 0;
    if (latest !== f.base) {
      // Someone saved in between: keep this person's text on screen, ask them to compare first.
      return editorPage(request, reply, p.topic, p.lang, { values: { ...f, base: latest }, problems: [t('answers.conflict')], diff: f.base || undefined, status: 409 });
    }
    const user = currentUser(request).username;
    try {
      const version = saveAnswer(db, { topic: p.topic, lang: p.lang, text: f.text, more: f.more || null, reviewState: f.review, lastChecked: f.last_checked, author: user, now: now() });
      audit(db, { actor: user, action: 'answer.save', target: `${p.topic}/${p.lang}`, details: { version, review: f.review } }, now());
    } catch (err) {
      if (err instanceof AnswerValidationError) return editorPage(request, reply, p.topic, p.lang, { values: f, problems: err.problems, status: 400 });
      throw err;
    }
    return redirectWithFlash(reply, `/answers/${p.topic}/${p.lang}`, 'saved');
  });

  app.post('/answers/:topic/:lang/preview', all, async (request, reply) => {
    const p = parseOr400(params, request.params, request, reply);
    const f = parseOr400(previewForm, request.body, request, reply);
    if (!p || !f) return reply;
    const values = { text: f.text ?? '', more: f.more ?? '', last_checked: f.last_checked ?? '' };
    const fragment = preview(p.lang, p.topic, values, request);
    return isHtmx(request) ? sendHtml(reply, fragment) : sendHtml(reply, page(request, { title: request.admin.t('answers.preview'), body: fragment }));
  });

  app.post('/answers/:topic/:lang/rollback', editors, async (request, reply) => {
    const p = parseOr400(params, request.params, request, reply);
    const f = parseOr400(rollbackForm, request.body, request, reply);
    if (!p || !f) return reply;
    const v = getVersion(db, f.version);
    if (!v || v.topic !== p.topic || v.lang !== p.lang) {
      return sendHtml(reply, errorPage(request, request.admin.t('errors.title'), request.admin.t('errors.not_found')), 404);
    }
    const user = currentUser(request).username;
    try {
      const version = rollbackToVersion(db, f.version, user, now());
      audit(db, { actor: user, action: 'answer.rollback', target: `${p.topic}/${p.lang}`, details: { to: f.version, version } }, now());
    } catch (err) {
      if (err instanceof AnswerValidationError) return editorPage(request, reply, p.topic, p.lang, { problems: err.problems, status: 400 });
      throw err;
    }
    return redirectWithFlash(reply, `/answers/${p.topic}/${p.lang}`, 'rolled_back');
  });
}
