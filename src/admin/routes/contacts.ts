import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { audit } from '../audit.js';
import { currentUser, hasRole, sendHtml, type AppContext } from '../context.js';
import { csrfField, formatTime, parseOr400, redirectWithFlash } from '../forms.js';
import { html, safeUrl } from '../html.js';
import { errorPage, page } from '../layout.js';

const actionParams = z.object({ id: z.string().regex(/^[a-z0-9_]{1,80}$/), action: z.enum(['verify', 'unverify']) });

export function registerContactRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { now } = ctx;

  app.get('/contacts', { config: { roles: ['admin', 'editor', 'caseworker'] } }, async (request, reply) => {
    const t = request.admin.t;
    const lang = request.admin.lang;
    const canEdit = hasRole(request, 'admin', 'editor');
    const contacts = ctx.ports.contacts.list();
    const rows = contacts.map((c) => {
      const site = safeUrl(c.website);
      return html`<tr id="contact-${c.id}">
        <td><strong>${c.name}</strong><br><small><code>${c.id}</code>${c.city ? html` · ${c.city}` : ''}</small></td>
        <td>${c.helpsWith.join(', ')}</td>
        <td>${c.phone ? html`<a href="tel:${c.phone.replace(/[^\d+]/g, '')}">${c.phone}</a>` : ''}
          ${site ? html`<br><a href="${site}" rel="noopener noreferrer" target="_blank">${c.website}</a>` : c.website ?? ''}
          ${c.email ? html`<br>${c.email}` : ''}</td>
        <td><small>${c.source}</small></td>
        <td>${c.verified ? html`<span class="badge reviewed">${t('contacts.verified')}</span>` : html`<span class="badge draft">${t('contacts.unverified')}</span>`}
          <br><small>${c.verifiedBy ? t('contacts.by', { who: c.verifiedBy, when: formatTime(c.verifiedAt, lang) }) : ''}</small></td>
        <td>${canEdit
          ? html`<form method="post" action="/contacts/${c.id}/${c.verified ? 'unverify' : 'verify'}" class="inline">
              <input type="hidden" name="_csrf" value="${csrfField(request)}">
              <button type="submit" class="${c.verified ? 'secondary' : ''}">${c.verified ? t('contacts.unverify') : t('contacts.verify')}</button>
            </form>`
          : ''}</td>
      </tr>`;
    });
    const verifiedCount = contacts.filter((c) => c.verified).length;
    const body = html`<p class="hint">${t('contacts.hint')}</p>
      <p>${t('contacts.summary', { verified: verifiedCount, total: contacts.length })}</p>
      <div class="table-wrap"><table>
        <thead><tr><th>${t('contacts.name')}</th><th>${t('contacts.helps_with')}</th><th>${t('contacts.reach')}</th>
        <th>${t('contacts.source')}</th><th>${t('contacts.status')}</th><th></th></tr></thead>
        <tbody>${rows}</tbody></table></div>
      ${contacts.length === 0 ? html`<p>${t('common.none')}</p>` : ''}`;
    return sendHtml(reply, page(request, { title: t('nav.contacts'), active: '/contacts', body }));
  });

  app.post('/contacts/:id/:action', { config: { roles: ['admin', 'editor'] } }, async (request, reply) => {
    const params = parseOr400(actionParams, request.params, request, reply);
    if (!params) return reply;
    const user = currentUser(request).username;
    const verified = params.action === 'verify';
    if (!ctx.ports.contacts.setVerified(params.id, verified, user, now())) {
      const t = request.admin.t;
      return sendHtml(reply, errorPage(request, t('errors.title'), t('errors.not_found')), 404);
    }
    audit(ctx.db, { actor: user, action: verified ? 'contact.verify' : 'contact.unverify', target: `contact:${params.id}` }, now());
    return redirectWithFlash(reply, '/contacts', verified ? 'verified' : 'unverified');
  });
}
