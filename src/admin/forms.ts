import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { sendHtml } from './context.js';
import { errorPage } from './layout.js';

/**
 * Validates a form body / query with zod. On failure answers 400 with a readable page and returns
 * undefined, so a route reads: `const body = parseOr400(schema, request.body, request, reply); if (!body) return reply;`
 */
export function parseOr400<S extends z.ZodType>(
  schema: S,
  input: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
): z.output<S> | undefined {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const t = request.admin.t;
  const fields = result.error.issues.map((i) => i.path.join('.') || '?').join(', ');
  sendHtml(reply, errorPage(request, t('errors.title'), t('errors.invalid', { fields })), 400);
  return undefined;
}

/** Redirect after a POST (303 so the browser GETs), with one of the known flash keys. */
export function redirectWithFlash(reply: FastifyReply, path: string, msg: string): FastifyReply {
  const sep = path.includes('?') ? '&' : '?';
  return reply.redirect(`${path}${sep}msg=${msg}`, 303);
}

export function formatTime(at: number | null | undefined, lang: string): string {
  if (at === null || at === undefined) return '—';
  return new Date(at).toLocaleString(lang === 'az' ? 'az-Latn-AZ' : lang, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Asia/Baku',
  });
}

/** "12 min", "1 h 5 min", "3 d 2 h" with the units from the admin namespace (time.min/h/d). */
export function formatDuration(ms: number | null | undefined, t?: (key: string) => string): string {
  if (ms === null || ms === undefined) return '—';
  const unit = (k: 'min' | 'h' | 'd') => (t ? t(`time.${k}`) : k);
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} ${unit('min')}`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} ${unit('h')} ${minutes % 60} ${unit('min')}`;
  return `${Math.floor(hours / 24)} ${unit('d')} ${hours % 24} ${unit('h')}`;
}

export const csrfField = (request: FastifyRequest) => request.admin.session?.csrfToken ?? '';
