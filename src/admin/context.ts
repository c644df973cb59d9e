import type { Database } from 'better-sqlite3';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { i18n, TFunction } from 'i18next';
import type { Config } from '../config.js';
import type { KnowledgeBase } from '../knowledge/types.js';
import type { Logger } from '../logger.js';
import type { Nlu } from '../nlu/types.js';
import type { Session } from './auth/sessions.js';
import type { Role } from './auth/users.js';
import type { AdminPorts } from './ports.js';
import type { Html } from './html.js';
import type { RetrainJob } from './retrain.js';

export const UI_LANGS = ['en', 'az', 'ru'] as const;
export type UiLang = (typeof UI_LANGS)[number];

/** The modules the console works on, as main.ts passes them. */
interface AdminModules {
  db: Database;
  config: Config;
  i18n: i18n;
  nlu: Nlu;
  knowledge: KnowledgeBase;
  logger: Logger;
}

export interface AdminServerDeps extends AdminModules {
  now?: () => number;
  /** Override single adapters (tests, or while a module is not wired yet). */
  ports?: Partial<AdminPorts>;
  /** Where the labelled evaluation set lives; default <INTENTS_DIR>/eval/labelled.jsonl. */
  evalSetPath?: string;
}

export interface AppContext extends AdminModules {
  now: () => number;
  ports: AdminPorts;
  retrain: RetrainJob;
}

/** Per request: who is logged in, in which UI language. Set by the onRequest hook in server.ts. */
export interface AdminRequestState {
  session?: Session;
  lang: UiLang;
  t: TFunction;
  https: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    admin: AdminRequestState;
  }
  interface FastifyContextConfig {
    /** Roles allowed; 'public' for the login page and assets. Routes without it are refused. */
    roles?: readonly Role[] | 'public';
  }
}

export function sendHtml(reply: FastifyReply, page: Html, status = 200): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(page.value);
}

export function isHtmx(request: FastifyRequest): boolean {
  return request.headers['hx-request'] === 'true';
}

/** The logged-in user; routes only run after the role guard, so this is always set there. */
export function currentUser(request: FastifyRequest): Session['user'] {
  const s = request.admin.session;
  if (!s) throw new Error('no session (route without role guard?)');
  return s.user;
}

export function hasRole(request: FastifyRequest, ...roles: Role[]): boolean {
  const role = request.admin.session?.user.role;
  return role !== undefined && roles.includes(role);
}
