import type { RiskLevel, TopicId } from '../contract.js';

// Short-lived, per-user state that must NOT go to SQLite: the user's last few message texts (for
// the hand-off's "share these with the caseworker?" step) and a few "already offered" markers.
// A small LRU map: the least recently active user is evicted first, and a restart forgets it all.

export const RECENT_TEXTS = 5;

export interface UserMemory {
  recentTexts: string[];
  /** The last free-text question and the topic it was answered with (for a 👎 on that answer). */
  lastQuestion?: { text: string; topic: TopicId };
  /** When the bot last offered a caseworker because of risk, and for which level. */
  lastRiskOffer?: { level: RiskLevel; at: number };
  /** When the bot last offered to switch language. */
  lastSwitchOfferAt?: number;
}

export class ConversationMemory {
  private readonly users = new Map<number, UserMemory>();

  constructor(private readonly maxUsers = 10_000) {}

  get(userId: number): UserMemory {
    let m = this.users.get(userId);
    if (m) {
      this.users.delete(userId); // re-insert: Map keeps insertion order, the oldest is first
    } else {
      m = { recentTexts: [] };
      if (this.users.size >= this.maxUsers) {
        const oldest = this.users.keys().next().value;
        if (oldest !== undefined) this.users.delete(oldest);
      }
    }
    this.users.set(userId, m);
    return m;
  }

  pushText(userId: number, text: string): void {
    const m = this.get(userId);
    m.recentTexts.push(text);
    if (m.recentTexts.length > RECENT_TEXTS) m.recentTexts.splice(0, m.recentTexts.length - RECENT_TEXTS);
  }

  recentTexts(userId: number): string[] {
    return [...(this.users.get(userId)?.recentTexts ?? [])];
  }

  forget(userId: number): void {
    this.users.delete(userId);
  }

  get size(): number {
    return this.users.size;
  }
}
