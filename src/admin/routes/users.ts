import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { audit } from '../audit.js';
import {
  countOtherActiveAdmins, createUser, getUser, listUsers, passwordSchema, roleSchema, ROLES, setDisabled, setRole,
  usernameSchema, findUserWithHash,
} from '../auth/users.js';
import { currentUser, sendHtml, type AppContext } from '../context.js';
import { csrfField, formatTime, parseOr400, redirectWithFlash } from '../forms.js';
import { html } from '../html.js';
import { errorPage, page } from '../layout.js';

const createSchema = z.object({ username: usernameSchema, password: passwordSchema, role: roleSchema });
const idParams = z.object({ id: z.coerce.number().int().positive() });
const updateSchema = z.object({
  role: roleSchema.optional(),
  disabled: z.enum(['0', '1']).optional(),
});

export function registerUserRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { db, now } = ctx;
  const admins = { config: { roles: ['admin'] as const } };

  app.get('/users', admins, async (request, reply) => {
    const t = request.admin.t;
    const me = currentUser(request);
    const roleOptions = (selected: string) =>
      ROLES.map((r) => html`<option value="${r}" ${r === selected ? html`selected` : ''}>${t(`roles.${r}`)}</option>`);
    const rows = listUsers(db).map(
      (u) => html`<tr>
        <td>${u.username}${u.id === me.id ? html` <small>(${t('users.you')})</small>` : ''}</td>
        <td><form method="post" action="/users/${u.id}" class="inline">
          <input type="hidden" name="_csrf" value="${csrfField(request)}">
          <label class="sr-only" for="role-${u.id}">${t('users.role')}</label>
          <select id="role-${u.id}" name="role">${roleOptions(u.role)}</select>
          <button type="submit">${t('users.change_role')}</button></form></td>
        <td>${u.disabled ? html`<span class="badge stale">${t('users.disabled')}</span>` : html`<span class="badge reviewed">${t('users.active')}</span>`}</td>
        <td>${formatTime(u.updatedAt, request.admin.lang)}</td>
        <td><form method="post" action="/users/${u.id}" class="inline">
          <input type="hidden" name="_csrf" value="${csrfField(request)}">
          <input type="hidden" name="disabled" value="${u.disabled ? '0' : '1'}">
          <button type="submit" class="secondary">${u.disabled ? t('users.enable') : t('users.disable')}</button></form></td>
      </tr>`,
    );
    const body = html`
      <div class="table-wrap"><table>
        <thead><tr><th>${t('users.username')}</th><th>${t('users.role')}</th><th>${t('users.status')}</th><th>${t('users.updated')}</th><th></th></tr></thead>
        <tbody>${rows}</tbody></table></div>
      <h2>${t('users.create')}</h2>
      <form method="post" action="/users" class="card">
        <input type="hidden" name="_csrf" value="${csrfField(request)}">
        <label>${t('users.username')}<input name="username" required pattern="[A-Za-z0-9._\\-]{2,40}" autocomplete="off"></label>
        <label>${t('users.password')}<input name="password" type="password" required minlength="10" autocomplete="new-password"></label>
        <label>${t('users.role')}<select name="role">${roleOptions('editor')}</select></label>
        <p class="hint">${t('users.roles_help')}</p>
        <button type="submit">${t('users.create')}</button>
      </form>`;
    return sendHtml(reply, page(request, { title: t('nav.users'), active: '/users', body }));
  });

  app.post('/users', admins, async (request, reply) => {
    const input = parseOr400(createSchema, request.body, request, reply);
    if (!input) return reply;
    if (findUserWithHash(db, input.username)) {
      return sendHtml(reply, errorPage(request, request.admin.t('errors.title'), request.admin.t('users.exists')), 409);
    }
    const user = await createUser(db, input, now());
    audit(db, { actor: currentUser(request).username, action: 'user.create', target: `user:${user.username}`, details: { role: user.role } }, now());
    return redirectWithFlash(reply, '/users', 'user_created');
  });

  app.post('/users/:id', admins, async (request, reply) => {
    const t = request.admin.t;
    const params = parseOr400(idParams, request.params, request, reply);
    const input = parseOr400(updateSchema, request.body, request, reply);
    if (!params || !input) return reply;
    const target = getUser(db, params.id);
    if (!target) return sendHtml(reply, errorPage(request, t('errors.title'), t('errors.not_found')), 404);
    const actor = currentUser(request).username;
    // Never leave the console without an active admin (and never lock yourself out by accident).
    const losesAdmin = (input.role !== undefined && input.role !== 'admin') || input.disabled === '1';
    if (target.role === 'admin' && losesAdmin && countOtherActiveAdmins(db, target.id) === 0) {
      return sendHtml(reply, errorPage(request, t('errors.title'), t('users.last_admin')), 409);
    }
    if (input.role && input.role !== target.role) {
      setRole(db, target.id, input.role, now());
      audit(db, { actor, action: 'user.role', target: `user:${target.username}`, details: { from: target.role, to: input.role } }, now());
    }
    if (input.disabled !== undefined && (input.disabled === '1') !== target.disabled) {
      setDisabled(db, target.id, input.disabled === '1', now());
      audit(db, { actor, action: input.disabled === '1' ? 'user.disable' : 'user.enable', target: `user:${target.username}` }, now());
    }
    return redirectWithFlash(reply, '/users', 'user_updated');
  });
}
