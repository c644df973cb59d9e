import type { Lang } from '../i18n/languages.js';
import { caseRowByCode, caseRowById, claimedCasesOf, type CaseRow } from './case-queries.js';
import { cannedKeys, cannedReply } from './canned.js';
import type { HandoffDeps } from './deps.js';
import { caseOfSentMessage } from './outbox.js';
import { closedReason, languageName, endKeyboard, staffT, userT } from './render.js';
import { cwItem, editCardItem, groupItem, out, relayToCaseworker, relayToUser, splitText, userItem } from './send.js';
import { addMessage, applyEvent, caseworker, clearActiveCase, clearDeadlines, logEvent, messagesOf, setActiveCase, setDeadline } from './store.js';

// What caseworkers do. The caller has already checked that the actor is a member of the staff
// group. Each action is one transaction; the returned text is the answer to the actor.

export interface Actor {
  id: number;
  name: string;
}
export interface ActionResult {
  ok: boolean;
  text: string;
}

export const OUTCOMES = ['resolved', 'referred', 'no-response', 'not-a-case'] as const;

function tx<T>(deps: HandoffDeps, fn: () => T): T {
  const result = deps.db.transaction(fn)();
  deps.kick();
  return result;
}

function unknown(deps: HandoffDeps, code: string): ActionResult {
  return { ok: false, text: staffT(deps)('staff.unknown_case', { code: code.toUpperCase() }) };
}

/** Header + what the user said so far, to the caseworker's private chat (claim and transfer). */
function briefCaseworker(deps: HandoffDeps, row: CaseRow, cwId: number): void {
  const t = staffT(deps);
  const indicators = (JSON.parse(row.indicators) as string[]).join(', ') || '—';
  const shared = messagesOf(deps.db, row.id, ['shared']);
  out(deps, cwItem(cwId, row.id, t('staff.dm_header', { code: row.code, language: languageName(row.lang), level: row.risk_level, indicators })));
  out(deps, cwItem(cwId, row.id, t(shared.length ? 'staff.dm_history' : 'staff.card_none_shared')));
  for (const m of shared) out(deps, relayToCaseworker(deps, row, cwId, { kind: 'text', text: `« ${deps.crypto.open(m.body)} »`, srcMessageId: null }));
  for (const m of messagesOf(deps.db, row.id, ['user'])) {
    const src = m.src_message_id === null ? null : Math.abs(m.src_message_id);
    out(deps, relayToCaseworker(deps, row, cwId, { kind: m.kind, text: deps.crypto.open(m.body), srcMessageId: src, edited: (m.src_message_id ?? 0) < 0 }));
  }
}

export function claim(deps: HandoffDeps, actor: Actor, code: string): ActionResult {
  const t = staffT(deps);
  const now = deps.now();
  return tx(deps, () => {
    const c = caseRowByCode(deps.db, code);
    if (!c) return unknown(deps, code);
    const updated = applyEvent(deps.db, c.id, 'claim', now, actor.id, { caseworker_id: actor.id, caseworker_name: actor.name, claimed_at: now });
    if (!updated) {
      const fresh = caseRowById(deps.db, c.id)!;
      if (fresh.state === 'claimed') return { ok: false, text: t('staff.claimed_by_other', { name: fresh.caseworker_name ?? 'staff' }) };
      return { ok: false, text: t('staff.not_waiting', { code: c.code, state: fresh.state }) };
    }
    clearDeadlines(deps.db, c.id, ['alert']);
    setActiveCase(deps.db, actor.id, c.id);
    out(deps, editCardItem(deps, updated));
    out(deps, userItem(updated, userT(deps, updated.lang)('user.joined'), { reply_markup: endKeyboard(deps, updated.lang) }));
    briefCaseworker(deps, updated, actor.id);
    return { ok: true, text: t('staff.claimed_ok', { code: c.code }) };
  });
}

export function pass(deps: HandoffDeps, actor: Actor, code: string): ActionResult {
  return tx(deps, () => {
    const c = caseRowByCode(deps.db, code);
    if (!c) return unknown(deps, code);
    const updated = applyEvent(deps.db, c.id, 'pass', deps.now(), actor.id);
    if (!updated) return { ok: false, text: staffT(deps)('staff.not_waiting', { code: c.code, state: c.state }) };
    out(deps, editCardItem(deps, updated));
    return { ok: true, text: staffT(deps)('staff.passed_ok', { code: c.code }) };
  });
}

export function release(deps: HandoffDeps, actor: Actor, code: string): ActionResult {
  const t = staffT(deps);
  const now = deps.now();
  return tx(deps, () => {
    const c = caseRowByCode(deps.db, code);
    if (!c) return unknown(deps, code);
    const updated = applyEvent(deps.db, c.id, 'release', now, actor.id, { caseworker_id: null, caseworker_name: null, claimed_at: null });
    if (!updated) return { ok: false, text: t('staff.not_yours', { code: c.code }) };
    if (c.caseworker_id !== null) clearActiveCase(deps.db, c.caseworker_id, c.id);
    setDeadline(deps.db, c.id, 'alert', deps.hours.nextOpen(now) + deps.config.HANDOFF_ALERT_MINUTES * 60_000);
    out(deps, userItem(updated, userT(deps, updated.lang)('user.released')));
    out(deps, editCardItem(deps, updated));
    const text = t('staff.released', { code: c.code, name: actor.name });
    out(deps, groupItem(deps, text, c.id, { $replyToCardOf: c.id }));
    return { ok: true, text };
  });
}

export function transfer(deps: HandoffDeps, actor: Actor, code: string, target: Actor): ActionResult {
  const t = staffT(deps);
  const now = deps.now();
  return tx(deps, () => {
    const c = caseRowByCode(deps.db, code);
    if (!c) return unknown(deps, code);
    const updated = applyEvent(deps.db, c.id, 'transfer', now, actor.id, { caseworker_id: target.id, caseworker_name: target.name, claimed_at: now }, `to ${target.id}`);
    if (!updated) return { ok: false, text: t('staff.not_waiting', { code: c.code, state: c.state }) };
    if (c.caseworker_id !== null) {
      clearActiveCase(deps.db, c.caseworker_id, c.id);
      if (c.caseworker_id !== actor.id) out(deps, cwItem(c.caseworker_id, c.id, t('staff.transferred', { code: c.code, from: c.caseworker_name ?? '', to: target.name })));
    }
    setActiveCase(deps.db, target.id, c.id);
    out(deps, cwItem(target.id, c.id, t('staff.transfer_to_you', { code: c.code, from: actor.name })));
    briefCaseworker(deps, updated, target.id);
    out(deps, userItem(updated, userT(deps, updated.lang)('user.transferred')));
    out(deps, editCardItem(deps, updated));
    const text = t('staff.transferred', { code: c.code, from: c.caseworker_name ?? '', to: target.name });
    out(deps, groupItem(deps, text, c.id));
    return { ok: true, text };
  });
}

export function note(deps: HandoffDeps, actor: Actor, code: string, text: string): ActionResult {
  return tx(deps, () => {
    const c = caseRowByCode(deps.db, code);
    if (!c) return unknown(deps, code);
    addMessage(deps.db, deps.crypto, c.id, { direction: 'note', kind: 'text', text, authorId: actor.id }, deps.now());
    logEvent(deps.db, c.id, deps.now(), 'note', actor.id);
    return { ok: true, text: staffT(deps)('staff.note_saved', { code: c.code }) };
  });
}

/** /close CODE outcome, or the caseworker's /end (no outcome yet). Also records an outcome later. */
export function close(deps: HandoffDeps, actor: Actor, code: string, outcome: string | null): ActionResult {
  const t = staffT(deps);
  if (outcome !== null && !(OUTCOMES as readonly string[]).includes(outcome)) return { ok: false, text: t('staff.outcome_invalid') };
  const now = deps.now();
  return tx(deps, () => {
    const c = caseRowByCode(deps.db, code);
    if (!c) return unknown(deps, code);
    if (c.state === 'closed' && outcome !== null) {
      deps.db.prepare('UPDATE handoff_cases SET outcome = ?, updated_at = ? WHERE id = ?').run(outcome, now, c.id);
      logEvent(deps.db, c.id, now, 'outcome', actor.id, outcome);
      out(deps, editCardItem(deps, caseRowById(deps.db, c.id)!));
      return { ok: true, text: t('staff.outcome_saved', { code: c.code, outcome }) };
    }
    const event = outcome === null ? 'staff_end' : 'staff_close';
    const updated = applyEvent(deps.db, c.id, event, now, actor.id, { closed_at: now, closed_reason: event, outcome }, outcome ?? undefined);
    if (!updated) return { ok: false, text: t('staff.not_waiting', { code: c.code, state: c.state }) };
    clearDeadlines(deps.db, c.id);
    if (c.caseworker_id !== null) clearActiveCase(deps.db, c.caseworker_id, c.id);
    out(deps, userItem(updated, userT(deps, updated.lang)('user.ended_by_staff')));
    out(deps, editCardItem(deps, updated));
    const text = t('staff.closed_notice', { code: c.code, reason: closedReason(t, event), outcome: outcome ? ` · ${outcome}` : '' });
    return { ok: true, text: outcome === null ? `${text}\n${t('staff.record_outcome', { code: c.code })}` : text };
  });
}

export function say(deps: HandoffDeps, actor: Actor, code: string, key: string | undefined): ActionResult {
  const t = staffT(deps);
  const keys = cannedKeys().join(', ');
  if (!key) return { ok: false, text: t('staff.say_keys', { keys }) };
  return tx(deps, () => {
    const c = caseRowByCode(deps.db, code);
    if (!c) return unknown(deps, code);
    if (c.state !== 'claimed' && c.state !== 'waiting') return { ok: false, text: t('staff.case_closed_already', { code: c.code }) };
    const reply = cannedReply(key, c.lang as Lang, deps.knowledge);
    if (!reply) return { ok: false, text: t('staff.say_unknown', { key, keys }) };
    addMessage(deps.db, deps.crypto, c.id, { direction: 'staff', kind: 'text', text: reply.text, authorId: actor.id }, deps.now());
    if (c.state === 'claimed') applyEvent(deps.db, c.id, 'staff_message', deps.now(), actor.id, {}, `say:${key}`);
    else logEvent(deps.db, c.id, deps.now(), 'say', actor.id, key);
    out(deps, splitText(reply.text).map((part) => userItem(c, `👤 ${part}`)));
    return { ok: true, text: t('staff.say_sent', { code: c.code, language: languageName(c.lang), text: reply.english }) };
  });
}

/** Which case a caseworker's private message is for: reply-to, then the active case, then the only one. */
export function resolveDmCase(deps: HandoffDeps, cwId: number, replyToMessageId?: number): { row: CaseRow } | { error: string } {
  const t = staffT(deps);
  if (replyToMessageId !== undefined) {
    const caseId = caseOfSentMessage(deps.db, cwId, replyToMessageId);
    const row = caseId === undefined ? undefined : caseRowById(deps.db, caseId);
    if (row) {
      if (row.state !== 'claimed') return { error: t('staff.case_closed_already', { code: row.code }) };
      if (row.caseworker_id !== cwId) return { error: t('staff.not_yours', { code: row.code }) };
      setActiveCase(deps.db, cwId, row.id);
      return { row };
    }
  }
  const active = caseworker(deps.db, cwId)?.active_case_id;
  const activeRow = active ? caseRowById(deps.db, active) : undefined;
  if (activeRow && activeRow.state === 'claimed' && activeRow.caseworker_id === cwId) return { row: activeRow };
  const claimed = claimedCasesOf(deps.db, cwId);
  if (claimed.length === 1) {
    setActiveCase(deps.db, cwId, claimed[0]!.id);
    return { row: claimed[0]! };
  }
  if (claimed.length === 0) return { error: t('staff.no_active') };
  return { error: t('staff.pick_case', { codes: claimed.map((c) => c.code).join(', ') }) };
}

/** A caseworker's message in their private chat → the user. Deduplicated by Telegram message id. */
export function staffMessage(
  deps: HandoffDeps,
  actor: Actor,
  m: { kind: string; text: string; messageId: number; replyToMessageId?: number },
): ActionResult & { code?: string } {
  return tx(deps, () => {
    const target = resolveDmCase(deps, actor.id, m.replyToMessageId);
    if ('error' in target) return { ok: false, text: target.error };
    const row = target.row;
    const stored = addMessage(deps.db, deps.crypto, row.id, { direction: 'staff', kind: m.kind, text: m.text, authorId: actor.id, srcChatId: actor.id, srcMessageId: m.messageId }, deps.now());
    if (!stored) return { ok: true, text: '', code: row.code };
    applyEvent(deps.db, row.id, 'staff_message', deps.now(), actor.id);
    out(deps, relayToUser(row, actor.id, { kind: m.kind, text: m.text, srcMessageId: m.messageId }));
    return { ok: true, text: '', code: row.code };
  });
}

export function setActive(deps: HandoffDeps, actor: Actor, code: string): ActionResult {
  const t = staffT(deps);
  const c = caseRowByCode(deps.db, code);
  if (!c) return unknown(deps, code);
  if (c.state !== 'claimed' || c.caseworker_id !== actor.id) return { ok: false, text: t('staff.not_yours', { code: c.code }) };
  setActiveCase(deps.db, actor.id, c.id);
  return { ok: true, text: t('staff.active_set', { code: c.code }) };
}

