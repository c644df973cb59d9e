import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isLang, LANGUAGES, LANGUAGE_NAMES, RTL_LANGUAGES, type Lang } from '../../i18n/languages.js';
import type { NluResult } from '../../nlu/types.js';
import { isHtmx, sendHtml, type AppContext } from '../context.js';
import { csrfField, parseOr400 } from '../forms.js';
import { html, type Html } from '../html.js';
import { page } from '../layout.js';

const trySchema = z.object({
  text: z.string().trim().min(1).max(2000),
  lang: z.union([z.literal(''), z.enum(LANGUAGES)]).optional(),
});

/** The language the bot would answer in: the detected one if supported, else the chat's, else English. */
export function answerLanguage(result: NluResult, preferred: Lang | undefined): Lang {
  if (isLang(result.language)) return result.language;
  return preferred ?? 'en';
}

function exchange(request: FastifyRequest, ctx: AppContext, text: string, result: NluResult, lang: Lang): Html {
  const t = request.admin.t;
  const answer = result.status === 'confident' ? ctx.knowledge.getAnswer(result.intent, lang) : undefined;
  const rtl = RTL_LANGUAGES.includes(lang);
  let reply: Html;
  if (answer) {
    reply = html`<div class="bubble bot" ${rtl ? html`dir="auto"` : ''}>${answer.text}<div class="source">${answer.sourceLine}</div></div>`;
  } else if (result.status === 'unsure') {
    reply = html`<div class="bubble bot">${t('try.unsure')}<div class="buttons">${result.candidates.slice(0, 3).map(
      (c) => html`<span class="tg-button">${c.intent}</span>`,
    )}</div></div>`;
  } else if (result.status === 'out_of_scope') {
    reply = html`<div class="bubble bot">${t('try.out_of_scope')}</div>`;
  } else {
    reply = html`<div class="bubble bot">${t('try.no_answer', { topic: result.intent, lang })}</div>`;
  }
  return html`<li class="exchange">
    <div class="bubble user" dir="auto">${text}</div>
    ${reply}
    <dl class="nlu">
      <dt>${t('try.language')}</dt><dd>${result.language} (${result.languageConfidence.toFixed(2)})</dd>
      <dt>${t('try.topic')}</dt><dd class="topic"><code>${result.intent}</code></dd>
      <dt>${t('try.confidence')}</dt><dd>${result.confidence.toFixed(2)}</dd>
      <dt>${t('try.status')}</dt><dd class="status">${t(`try.status_${result.status}`)}</dd>
      <dt>${t('try.risk')}</dt><dd><span class="risk risk-${result.risk.level}">${t(`risk.${result.risk.level}`)}</span></dd>
      <dt>${t('try.indicators')}</dt><dd>${result.risk.indicators.length ? result.risk.indicators.join(', ') : '—'}</dd>
      <dt>${t('try.candidates')}</dt><dd>${result.candidates.slice(0, 3).map((c) => `${c.intent} ${c.score.toFixed(2)}`).join(' · ')}</dd>
      <dt>${t('try.engine')}</dt><dd>${result.engine}</dd>
    </dl>
  </li>`;
}

export function registerTryRoutes(app: FastifyInstance, ctx: AppContext): void {
  const roles = { config: { roles: ['admin', 'editor', 'caseworker'] as const } };

  const form = (request: FastifyRequest, lang: string) => {
    const t = request.admin.t;
    return html`<form method="post" action="/try" class="chat-form" hx-post="/try" hx-target="#chat" hx-swap="beforeend"
        data-reset-on-success>
      <input type="hidden" name="_csrf" value="${csrfField(request)}">
      <label class="grow">${t('try.message')}<input name="text" required maxlength="2000" autocomplete="off" dir="auto"></label>
      <label>${t('try.chat_language')}<select name="lang"><option value="">${t('try.auto')}</option>${LANGUAGES.map(
        (l) => html`<option value="${l}" ${l === lang ? html`selected` : ''}>${LANGUAGE_NAMES[l]}</option>`,
      )}</select></label>
      <button type="submit">${t('try.send')}</button>
    </form>`;
  };

  app.get('/try', roles, async (request, reply) => {
    const t = request.admin.t;
    const body = html`<p class="hint">${t('try.hint')}</p>
      <ol id="chat" class="chat" aria-live="polite"></ol>${form(request, '')}`;
    return sendHtml(reply, page(request, { title: t('nav.try'), active: '/try', body }));
  });

  app.post('/try', roles, async (request, reply) => {
    const input = parseOr400(trySchema, request.body, request, reply);
    if (!input) return reply;
    const preferred = input.lang ? input.lang : undefined;
    const result = await ctx.nlu.classify(input.text, preferred ? { preferredLanguage: preferred } : undefined);
    const item = exchange(request, ctx, input.text, result, answerLanguage(result, preferred));
    if (isHtmx(request)) return sendHtml(reply, item);
    const t = request.admin.t;
    const body = html`<ol id="chat" class="chat">${item}</ol>${form(request, input.lang ?? '')}`;
    return sendHtml(reply, page(request, { title: t('nav.try'), active: '/try', body }));
  });
}
