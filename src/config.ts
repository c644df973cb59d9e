import { z } from 'zod';

// Environment variables of ../shared/CONTRACT.md §4 plus the ones the issues add. Read once by
// main.ts through loadConfig(process.env); nothing else reads process.env.

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const intFrom = (def: number, min = 0) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return def;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min) {
        ctx.addIssue({ code: 'custom', message: `must be an integer ≥ ${min}` });
        return z.NEVER;
      }
      return n;
    });

const idList = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v.trim() === '') return [] as number[];
    const ids = v.split(',').map((s) => s.trim()).filter(Boolean).map(Number);
    if (ids.some((n) => !Number.isSafeInteger(n))) {
      ctx.addIssue({ code: 'custom', message: 'must be comma-separated Telegram ids' });
      return z.NEVER;
    }
    return ids;
  });

const chatId = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v.trim() === '') return undefined;
    const n = Number(v);
    if (!Number.isSafeInteger(n)) {
      ctx.addIssue({ code: 'custom', message: 'must be a Telegram chat id such as -1001234567890' });
      return z.NEVER;
    }
    return n;
  });

export const configSchema = z.object({
  BOT_TOKEN: optionalString.refine((v) => v === undefined || /^\d+:[\w-]{20,}$/.test(v), {
    message: 'does not look like a Telegram bot token (123456:ABC…)',
  }),
  TELEGRAM_API_ROOT: z.string().url().default('https://api.telegram.org'),
  WEBHOOK_URL: optionalString.refine((v) => v === undefined || /^https?:\/\//.test(v), {
    message: 'must be an http(s) URL',
  }),
  WEBHOOK_SECRET: optionalString.refine((v) => v === undefined || /^[A-Za-z0-9_-]{1,256}$/.test(v), {
    message: 'may contain only A-Z, a-z, 0-9, _ and - (Telegram secret_token rules)',
  }),
  WEBHOOK_PORT: intFrom(8443, 1),
  STAFF_CHAT_ID: chatId,
  ADMIN_USER_IDS: idList,
  DATABASE_PATH: z.string().default('./data/bot.db'),
  MODEL_DIR: z.string().default('./models'),
  LOCALES_DIR: z.string().default('./locales'),
  SEEDS_DIR: z.string().default('./seeds'),
  INTENTS_DIR: z.string().default('./intents'),
  /** Trained NLU engines, keyed by a hash of their training data; shared by every database and the CLIs. */
  NLU_CACHE_DIR: z.string().default('./data/nlu-cache'),
  ADMIN_PORT: intFrom(8080, 0),
  ADMIN_HOST: z.string().default('127.0.0.1'),
  ADMIN_DISABLED: optionalString.transform((v) => v === '1' || v === 'true'),
  STALE_AFTER_DAYS: intFrom(180, 1),
  HANDOFF_ALERT_MINUTES: intFrom(10, 1),
  HANDOFF_IDLE_HOURS: intFrom(72, 1),
  /** e.g. "Mon-Fri 09:00-18:00"; empty means staffed around the clock. */
  STAFF_HOURS: optionalString,
  STAFF_TIMEZONE: z.string().default('Asia/Baku'),
  /** 32 bytes as 64 hex characters or base64; encrypts case messages at rest. */
  DATA_KEY: optionalString.refine(
    (v) => v === undefined || /^[0-9a-fA-F]{64}$/.test(v) || Buffer.from(v, 'base64').length === 32,
    { message: 'must be 32 bytes as 64 hex characters or base64' },
  ),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Set to "1" to force the local console chat even with a token (or to disable it with "0"). */
  CONSOLE_CHAT: optionalString,
});

export type Config = z.output<typeof configSchema>;

// A webhook without a secret would accept forged updates from anyone who can reach the port
// (posing as a caseworker, claiming cases, /forget-ing users), so the pair is required together.
const checkedSchema = configSchema.superRefine((c, ctx) => {
  if (c.WEBHOOK_URL && !c.WEBHOOK_SECRET) {
    ctx.addIssue({ code: 'custom', path: ['WEBHOOK_SECRET'], message: 'is required when WEBHOOK_URL is set' });
  }
});

export class ConfigError extends Error {}

/** Parses the environment, failing fast with one line per bad variable, named. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const result = checkedSchema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  return result.data;
}
