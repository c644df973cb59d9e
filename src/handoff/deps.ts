import type { Database } from 'better-sqlite3';
import type { i18n as I18n } from 'i18next';
import type { Config } from '../config.js';
import type { KnowledgeBase } from '../knowledge/types.js';
import type { Logger } from '../logger.js';
import type { CaseCrypto } from './crypto.js';
import type { StaffHours } from './staff-hours.js';

/** What every part of the hand-off module shares (built once by createHandoff). */
export interface HandoffDeps {
  db: Database;
  config: Pick<Config, 'STAFF_CHAT_ID' | 'ADMIN_USER_IDS' | 'HANDOFF_ALERT_MINUTES' | 'HANDOFF_IDLE_HOURS' | 'STAFF_TIMEZONE'>;
  i18n: I18n;
  knowledge: KnowledgeBase;
  logger: Logger;
  now: () => number;
  crypto: CaseCrypto;
  hours: StaffHours;
  /** Wake the outbox sender after a transaction that enqueued rows. */
  kick: () => void;
  /** The bot's @username once known (for "open a private chat with @…"). */
  botUsername: () => string;
}

/** Staff-facing texts are English (the NGO team's working language); user texts follow the case. */
export const STAFF_LANG = 'en';

/** How long an unanswered consent question keeps the NLU quiet before it lapses. */
export const OFFER_EXPIRE_MS = 2 * 60 * 60_000;
