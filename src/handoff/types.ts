import type { Api, Composer } from 'grammy';
import type { RiskIndicator, RiskLevel } from '../contract.js';
import type { BotContext } from '../bot/context.js';

// The hand-off module's interface for the bot core. The bot calls offer(); everything after the
// user's consent (staff cards, claims, relay, SLA) is the hand-off module's own business.

/**
 * Callback data of the "Talk to a person" button: the bot core may put this button on any message;
 * the hand-off composer answers it (same as /human). All hand-off callback data start with "ho:".
 */
export const HANDOFF_REQUEST_CALLBACK = 'ho:req';
/** Commands the hand-off composer owns in private chats (for setMyCommands / help texts). */
export const HANDOFF_USER_COMMANDS = ['human', 'end'] as const;

export interface HandoffTrigger {
  /** 'risk': NLU level high/urgent; 'request': /human, button or talk_to_human; 'misunderstood': 3 in a row. */
  reason: 'risk' | 'request' | 'misunderstood';
  level: RiskLevel;
  indicators: RiskIndicator[];
  /** The user's last few messages (newest last) that they may agree to share with the caseworker. */
  recentTexts: string[];
}

export interface HandoffModule {
  /**
   * Mounted by createBot before the NLU. Handles: the staff group (STAFF_CHAT_ID) and staff
   * commands, consent buttons, /human, /end, and every message of a user with an open case (so the
   * NLU never answers during a hand-off).
   */
  readonly composer: Composer<BotContext>;
  offer(ctx: BotContext, trigger: HandoffTrigger): Promise<void>;
  hasOpenCase(userId: number): boolean;
  /** /forget: deletes the user's hand-off data except what an open case needs. */
  forgetUser(userId: number): { keptOpenCase: boolean };
  /** Starts the outbox sender and the deadline sweeper (both re-read SQLite, so they survive restarts). */
  start(api: Api): void;
  stop(): Promise<void>;
}
