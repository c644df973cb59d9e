import type { Lang } from '../i18n/languages.js';
import { encodeCallback } from '../bot/callback-data.js';
import { activeCaseOfUser, caseRowByCode, type CaseRow } from './case-queries.js';
import { OFFER_EXPIRE_MS, type HandoffDeps } from './deps.js';
import { closedReason, languageName, offerKeyboard, offerText, staffT, userT } from './render.js';
import { editCardItem, editPrecardItem, newCardItem, out, relayToCaseworker, userItem, cwItem, groupItem } from './send.js';
import { addMessage, applyEvent, clearDeadlines, deleteMessages, insertCase, setDeadline, clearActiveCase } from './store.js';
import type { HandoffTrigger } from './types.js';

// What the user does: is offered a hand-off, consents or declines, writes, ends. Each function is
// one SQLite transaction (state change + outbox rows + deadlines), then wakes the sender.

const RECENT_LIMIT = 5;
const SAVED_ACK_EVERY_MS = 10 * 60_000;

export type OfferResult = 'offered' | 'already_offered' | 'already_open' | 'no_staff';

export function offerCase(deps: HandoffDeps, userId: number, lang: Lang, trigger: HandoffTrigger): OfferResult {
  const now = deps.now();
  const result = deps.db.transaction((): OfferResult => {
    const existing = activeCaseOfUser(deps.db, userId);
    if (existing) return existing.state === 'offered' ? 'already_offered' : 'already_open';
    const urgent = trigger.level === 'urgent';
    if (deps.config.STAFF_CHAT_ID === undefined) {
      // No staff group configured: never promise a person; give verified numbers instead.
      const t = userT(deps, lang);
      const text = [t('user.no_staff'), t('user.no_staff_hotlines'), deps.knowledge.emergencyText(lang)].join('\n\n');
      // Not a dead end: the menu button leads on to the answers and the contacts directory.
      const menu = { text: deps.i18n.getFixedT(lang, 'bot')('button.menu'), callback_data: encodeCallback({ kind: 'menu', edit: false }) };
      const payload = { text, reply_markup: { inline_keyboard: [[menu]] } };
      out(deps, { chatId: userId, method: 'sendMessage', payload, purpose: 'user', priority: urgent ? 1 : 0 });
      return 'no_staff';
    }
    const row = insertCase(deps.db, { userId, lang, reason: trigger.reason, level: trigger.level, indicators: trigger.indicators, now });
    const recent = trigger.recentTexts.filter((s) => s.trim()).slice(-RECENT_LIMIT);
    for (const text of recent) addMessage(deps.db, deps.crypto, row.id, { direction: 'shared', kind: 'text', text }, now);
    if (urgent) {
      // Emergency numbers first, at once; staff learn that an urgent conversation waits (no content).
      out(deps, userItem(row, deps.knowledge.emergencyText(lang)));
      const t = staffT(deps);
      out(deps, {
        chatId: deps.config.STAFF_CHAT_ID,
        method: 'sendMessage',
        payload: { text: t('staff.precard', { code: row.code, language: languageName(lang) }) },
        purpose: 'precard',
        caseId: row.id,
        priority: 1,
      });
    }
    out(deps, userItem(row, offerText(deps, row, recent.length), { reply_markup: offerKeyboard(deps, row, recent.length) }));
    setDeadline(deps.db, row.id, 'offer_expire', now + OFFER_EXPIRE_MS);
    return 'offered';
  })();
  deps.kick();
  return result;
}

/** Yes (with or without the recent messages). Returns the case, or undefined if the offer is gone. */
export function consent(deps: HandoffDeps, userId: number, code: string, share: boolean): CaseRow | undefined {
  const now = deps.now();
  const row = deps.db.transaction(() => {
    const c = caseRowByCode(deps.db, code);
    if (!c || c.user_id !== userId) return undefined;
    if (!share) deleteMessages(deps.db, c.id, 'shared');
    const updated = applyEvent(deps.db, c.id, 'consent', now, null, { consented_at: now, last_user_at: now, share_recent: share ? 1 : 0 });
    if (!updated) return undefined;
    const t = userT(deps, updated.lang);
    const lines = [t(updated.priority ? 'user.waiting_urgent' : 'user.waiting')];
    const staffed = deps.hours.isOpen(now);
    if (!staffed) {
      lines.push(t('user.off_hours', { when: deps.hours.describe(now, updated.lang) }));
      lines.push(`${t('user.off_hours_hotlines')}\n${deps.knowledge.emergencyText(updated.lang as Lang)}`);
    }
    out(deps, userItem(updated, lines.join('\n\n')));
    out(deps, editPrecardItem(deps, updated, 'staff.card_consented'));
    out(deps, newCardItem(deps, updated));
    clearDeadlines(deps.db, updated.id, ['offer_expire']);
    setDeadline(deps.db, updated.id, 'alert', deps.hours.nextOpen(now) + deps.config.HANDOFF_ALERT_MINUTES * 60_000);
    setDeadline(deps.db, updated.id, 'idle', now + deps.config.HANDOFF_IDLE_HOURS * 3_600_000);
    return updated;
  })();
  deps.kick();
  return row;
}

export function decline(deps: HandoffDeps, userId: number, code: string, event: 'decline' | 'user_end' | 'expire' = 'decline'): boolean {
  const now = deps.now();
  const ok = deps.db.transaction(() => {
    const c = code ? caseRowByCode(deps.db, code) : activeCaseOfUser(deps.db, userId);
    if (!c || c.user_id !== userId) return false;
    const closedReason = event === 'expire' ? 'offer_expired' : 'declined';
    const updated = applyEvent(deps.db, c.id, event, now, null, { closed_at: now, closed_reason: closedReason });
    if (!updated) return false;
    deleteMessages(deps.db, c.id, 'shared'); // not agreed: the earlier messages are not kept
    clearDeadlines(deps.db, c.id);
    if (event !== 'expire') out(deps, userItem(updated, userT(deps, updated.lang)('user.declined')));
    out(deps, editPrecardItem(deps, updated, event === 'expire' ? 'staff.card_offer_expired' : 'staff.card_declined'));
    return true;
  })();
  deps.kick();
  return ok;
}

export interface IncomingUserMessage {
  kind: string; // 'text' or a media kind
  text: string; // text or caption
  chatId: number;
  messageId: number;
  edited?: boolean;
}

export type UserMessageResult = 'relayed' | 'saved' | 'reminded' | 'duplicate' | 'no_case';

/** A message from a user in a hand-off: stored (encrypted), relayed if claimed, never lost. */
export function userMessage(deps: HandoffDeps, userId: number, m: IncomingUserMessage): UserMessageResult {
  const now = deps.now();
  const result = deps.db.transaction((): UserMessageResult => {
    const c = activeCaseOfUser(deps.db, userId);
    if (!c) return 'no_case';
    if (c.state === 'offered') {
      const t = userT(deps, c.lang);
      const recent = deps.db.prepare(`SELECT COUNT(*) AS n FROM handoff_messages WHERE case_id = ? AND direction = 'shared'`).get(c.id) as { n: number };
      out(deps, userItem(c, t('offer.reminder'), { reply_markup: offerKeyboard(deps, c, recent.n) }));
      return 'reminded';
    }
    // Edits get a fresh row keyed by a negative source id so a redelivered edit is still deduplicated.
    const srcId = m.edited ? -m.messageId : m.messageId;
    const stored = addMessage(deps.db, deps.crypto, c.id, { direction: 'user', kind: m.kind, text: m.text, srcChatId: m.chatId, srcMessageId: srcId }, now);
    if (!stored) return 'duplicate';
    const updated = applyEvent(deps.db, c.id, 'user_message', now, null, { last_user_at: now })!;
    setDeadline(deps.db, c.id, 'idle', now + deps.config.HANDOFF_IDLE_HOURS * 3_600_000);
    if (updated.state === 'claimed' && updated.caseworker_id !== null) {
      out(deps, relayToCaseworker(deps, updated, updated.caseworker_id, { kind: m.kind, text: m.text, srcMessageId: m.messageId, edited: m.edited }));
      return 'relayed';
    }
    if (updated.user_ack_at === null || now - updated.user_ack_at > SAVED_ACK_EVERY_MS) {
      deps.db.prepare('UPDATE handoff_cases SET user_ack_at = ? WHERE id = ?').run(now, c.id);
      out(deps, userItem(updated, userT(deps, updated.lang)('user.saved')));
    }
    return 'saved';
  })();
  deps.kick();
  return result;
}

/** /end (or the End button) from the user. */
export function userEnd(deps: HandoffDeps, userId: number, lang: Lang): 'ended' | 'declined' | 'none' {
  const c = activeCaseOfUser(deps.db, userId);
  if (!c) {
    // Nothing to end: still answer, through the outbox like every other hand-off message.
    deps.db.transaction(() => {
      out(deps, { chatId: userId, method: 'sendMessage', payload: { text: userT(deps, lang)('user.nothing_to_end') }, purpose: 'user' });
    })();
    deps.kick();
    return 'none';
  }
  if (c.state === 'offered') return decline(deps, userId, c.code, 'user_end') ? 'declined' : 'none';
  const now = deps.now();
  deps.db.transaction(() => {
    const updated = applyEvent(deps.db, c.id, 'user_end', now, null, { closed_at: now, closed_reason: 'user_end' });
    if (!updated) return;
    clearDeadlines(deps.db, c.id);
    out(deps, userItem(updated, userT(deps, updated.lang)('user.ended_by_user')));
    out(deps, editCardItem(deps, updated));
    const t = staffT(deps);
    if (c.caseworker_id !== null) {
      out(deps, cwItem(c.caseworker_id, c.id, t('staff.user_ended', { code: c.code })));
      clearActiveCase(deps.db, c.caseworker_id, c.id);
    } else out(deps, groupItem(deps, t('staff.closed_notice', { code: c.code, reason: closedReason(t, 'user_end'), outcome: '' }), c.id));
  })();
  deps.kick();
  return 'ended';
}
