import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import { findSession } from './auth/sessions.js';
import { UI_LANGS, sendHtml, type AdminServerDeps, type AppContext, type UiLang } from './context.js';
import { errorPage } from './layout.js';
import { registerAssets } from './assets.js';
import { registerAuthRoutes, SESSION_COOKIE, LANG_COOKIE } from './routes/auth.js';
import { registerAnswerRoutes } from './routes/answers.js';
import { registerTrainingRoutes } from './routes/training.js';
import { registerMissedRoutes } from './routes/missed.js';
import { registerContactRoutes } from './routes/contacts.js';
import { registerCaseRoutes } from './routes/cases.js';
import { registerStatsRoutes } from './routes/stats.js';
import { registerAuditRoutes } from './routes/audit.js';
import { registerTryRoutes } from './routes/try.js';
import { registerUserRoutes } from './routes/users.js';
import { csrfOk } from './auth/csrf.js';
import { defaultPorts } from './content/index.js';
import { createRetrainJob } from './retrain.js';

const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

function pickLang(cookieLang: string | undefined, acceptLanguage: string | undefined): UiLang {
  if (cookieLang && (UI_LANGS as readonly string[]).includes(cookieLang)) return cookieLang as UiLang;
  const wanted = (acceptLanguage ?? '').toLowerCase().match(/[a-z]{2}/g) ?? [];
  return (wanted.find((l) => (UI_LANGS as readonly string[]).includes(l)) as UiLang | undefined) ?? 'en';
}

/**
 * The admin console: server-rendered pages in the bot's own process, reading and writing the same
 * SQLite file, so a saved answer is what the very next bot message reads.
 */
export async function createAdminServer(deps: AdminServerDeps): Promise<FastifyInstance> {
  const now = deps.now ?? Date.now;
  const ctx = {
    db: deps.db,
    config: deps.config,
    i18n: deps.i18n,
    nlu: deps.nlu,
    knowledge: deps.knowledge,
    logger: deps.logger,
    now,
    ports: { ...defaultPorts(deps), ...deps.ports },
  } as AppContext;
  ctx.retrain = createRetrainJob(ctx);

  // trustProxy so request.ip is the client's behind a reverse proxy (login throttling per IP).
  const app = Fastify({ logger: false, trustProxy: true, bodyLimit: 256 * 1024 });
  await app.register(cookie);
  await app.register(formbody);

  app.decorateRequest('admin', null as never);
  app.addHook('onRequest', async (request, reply) => {
    const lang = pickLang(request.cookies[LANG_COOKIE], request.headers['accept-language']);
    request.admin = {
      session: findSession(ctx.db, request.cookies[SESSION_COOKIE], now()),
      lang,
      t: ctx.i18n.getFixedT(lang, 'admin'),
      https: request.protocol === 'https' || request.headers['x-forwarded-proto'] === 'https',
    };
    reply.headers(SECURITY_HEADERS);
  });

  // Default deny: a route must name its roles (or 'public'); every POST must carry the CSRF token.
  app.addHook('preHandler', async (request, reply) => {
    const roles = request.routeOptions.config.roles;
    if (roles === undefined) return reply.code(404).send('Not found');
    if (roles !== 'public') {
      const user = request.admin.session?.user;
      if (!user) {
        if (request.method === 'GET') return reply.redirect(`/login?next=${encodeURIComponent(request.url)}`);
        if (request.headers['hx-request']) return reply.header('hx-redirect', '/login').code(401).send();
        return sendHtml(reply, errorPage(request, request.admin.t('errors.title'), request.admin.t('errors.login_again')), 401);
      }
      if (!roles.includes(user.role)) {
        return sendHtml(reply, errorPage(request, request.admin.t('errors.title'), request.admin.t('errors.forbidden')), 403);
      }
    }
    if (request.method === 'POST' && !csrfOk(request)) {
      ctx.logger.warn({ path: request.routeOptions.url, user: request.admin.session?.user.username }, 'admin: CSRF token missing or wrong');
      return sendHtml(reply, errorPage(request, request.admin.t('errors.title'), request.admin.t('errors.csrf')), 403);
    }
  });

  app.setErrorHandler((error, request, reply) => {
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    if (status >= 500) ctx.logger.error({ err: error, path: request.url }, 'admin: request failed');
    const t = request.admin?.t ?? ((k: string) => k);
    const message = status >= 500 ? t('errors.server') : t('errors.bad_request');
    return sendHtml(reply, errorPage(request, t('errors.title'), message), status);
  });
  app.setNotFoundHandler((request, reply) =>
    sendHtml(reply, errorPage(request, request.admin.t('errors.title'), request.admin.t('errors.not_found')), 404),
  );

  // For the Dockerfile's HEALTHCHECK: the process answers and the database is readable.
  app.get('/healthz', { config: { roles: 'public' } }, async () => {
    ctx.db.prepare('SELECT 1').get();
    return { ok: true };
  });
  registerAssets(app);
  registerAuthRoutes(app, ctx);
  registerAnswerRoutes(app, ctx);
  registerTrainingRoutes(app, ctx);
  registerMissedRoutes(app, ctx);
  registerContactRoutes(app, ctx);
  registerCaseRoutes(app, ctx);
  registerStatsRoutes(app, ctx);
  registerAuditRoutes(app, ctx);
  registerTryRoutes(app, ctx);
  registerUserRoutes(app, ctx);
  app.decorate('retrainJob', ctx.retrain);
  app.addHook('onClose', async () => ctx.retrain.settled());
  return app;
}
