import type { Api } from 'grammy';
import type { HandoffDeps } from './deps.js';

// Only members of the staff group (STAFF_CHAT_ID) may claim cases or use staff commands. Checked
// with getChatMember, cached briefly in SQLite so a burst of commands costs one call and someone
// removed from the group loses access within the TTL.

const ALLOWED = ['creator', 'administrator', 'member'];
export const STAFF_CACHE_MS = 2 * 60_000;

export type StaffCheck = (api: Api, userId: number) => Promise<boolean>;

export function createStaffCheck(deps: HandoffDeps, ttlMs = STAFF_CACHE_MS): StaffCheck {
  const read = deps.db.prepare('SELECT status, checked_at FROM handoff_staff_cache WHERE user_id = ?');
  const write = deps.db.prepare(
    `INSERT INTO handoff_staff_cache (user_id, status, checked_at) VALUES (?, ?, ?)
     ON CONFLICT(user_id) DO UPDATE SET status = excluded.status, checked_at = excluded.checked_at`,
  );
  return async (api, userId) => {
    const chatId = deps.config.STAFF_CHAT_ID;
    if (chatId === undefined) return false;
    const cached = read.get(userId) as { status: string; checked_at: number } | undefined;
    if (cached && deps.now() - cached.checked_at < ttlMs) return ALLOWED.includes(cached.status);
    try {
      const member = await api.getChatMember(chatId, userId);
      write.run(userId, member.status, deps.now());
      return ALLOWED.includes(member.status);
    } catch (err) {
      // Telegram unreachable: fall back to the last answer we had (stale), else refuse.
      deps.logger.warn({ err, userId }, 'handoff: getChatMember failed');
      return cached ? ALLOWED.includes(cached.status) : false;
    }
  };
}
