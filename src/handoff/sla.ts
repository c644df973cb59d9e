import { caseRowById } from './case-queries.js';
import type { HandoffDeps } from './deps.js';
import type { OutboxRow } from './outbox.js';
import { staffT, userT, minutesSince } from './render.js';
import { cwItem, editCardItem, groupItem, out, userItem } from './send.js';
import { applyEvent, caseworker, clearActiveCase, clearDeadlines, dueDeadlines, logEvent, setDeadline } from './store.js';
import { decline } from './user-actions.js';

// Timeouts are rows in handoff_deadlines, processed by a polling sweeper: a restart loses none.
// Each deadline is deleted in the same transaction as the action it triggers.

/** Processes every due deadline; returns how many were handled. */
export function sweep(deps: HandoffDeps): number {
  let handled = 0;
  for (const d of dueDeadlines(deps.db, deps.now())) {
    deps.db.transaction(() => {
      deps.db.prepare('DELETE FROM handoff_deadlines WHERE id = ?').run(d.id);
      const row = caseRowById(deps.db, d.case_id);
      if (!row) return;
      if (d.kind === 'offer_expire') decline(deps, row.user_id, row.code, 'expire');
      else if (d.kind === 'alert') alert(deps, row.id);
      else idle(deps, row.id);
    })();
    handled++;
  }
  if (handled) deps.kick();
  return handled;
}

/** Unclaimed too long: re-alert the group; from the second alert on, the admins by DM too. */
function alert(deps: HandoffDeps, caseId: number): void {
  const now = deps.now();
  const row = caseRowById(deps.db, caseId);
  if (!row || row.state !== 'waiting') return;
  const every = deps.config.HANDOFF_ALERT_MINUTES * 60_000;
  if (!deps.hours.isOpen(now)) {
    // Nobody on duty: the user was told when staff are back; alert again once they are.
    setDeadline(deps.db, row.id, 'alert', deps.hours.nextOpen(now) + every);
    return;
  }
  const updated = applyEvent(deps.db, row.id, 'alert', now, null, { alert_count: row.alert_count + 1 }, `#${row.alert_count + 1}`)!;
  const t = staffT(deps);
  const vars = { code: row.code, level: row.risk_level, minutes: minutesSince(deps, row.consented_at) };
  out(deps, editCardItem(deps, updated));
  out(deps, groupItem(deps, t('staff.re_alert', vars), row.id, { $replyToCardOf: row.id }));
  if (updated.alert_count >= 2) {
    for (const adminId of deps.config.ADMIN_USER_IDS) {
      out(deps, { chatId: adminId, method: 'sendMessage', payload: { text: t('staff.admin_alert', vars) }, purpose: 'admin', caseId: row.id });
    }
  }
  setDeadline(deps.db, row.id, 'alert', now + (updated.alert_count >= 2 ? every * 3 : every));
}

/** No message from the user for HANDOFF_IDLE_HOURS: the case closes, both sides are told. */
function idle(deps: HandoffDeps, caseId: number): void {
  const now = deps.now();
  const row = caseRowById(deps.db, caseId);
  if (!row || (row.state !== 'waiting' && row.state !== 'claimed')) return;
  const idleMs = deps.config.HANDOFF_IDLE_HOURS * 3_600_000;
  const last = row.last_user_at ?? row.consented_at ?? row.created_at;
  if (last + idleMs > now) {
    setDeadline(deps.db, row.id, 'idle', last + idleMs);
    return;
  }
  const updated = applyEvent(deps.db, row.id, 'idle', now, null, { closed_at: now, closed_reason: 'idle' });
  if (!updated) return;
  clearDeadlines(deps.db, row.id);
  const hours = deps.config.HANDOFF_IDLE_HOURS;
  out(deps, userItem(updated, userT(deps, updated.lang)('user.idle_closed', { hours })));
  out(deps, editCardItem(deps, updated));
  const text = staffT(deps)('staff.idle_closed', { code: row.code, hours });
  if (row.caseworker_id !== null) {
    clearActiveCase(deps.db, row.caseworker_id, row.id);
    out(deps, cwItem(row.caseworker_id, row.id, `${text}\n${staffT(deps)('staff.record_outcome', { code: row.code })}`));
  } else out(deps, groupItem(deps, text, row.id));
}

/**
 * A row failed permanently (4xx). Runs inside the sender's marking transaction, so the report to
 * staff is itself durable. Reports about reports are never generated (no loops).
 */
export function onDeliveryFailed(deps: HandoffDeps, row: OutboxRow, error: string): void {
  const t = staffT(deps);
  const c = row.case_id === null ? undefined : caseRowById(deps.db, row.case_id);
  const code = c?.code ?? '—';
  if (c) logEvent(deps.db, c.id, deps.now(), 'delivery_failed', null, `${row.purpose}: ${error.slice(0, 120)}`);
  if (row.purpose === 'user') {
    out(deps, groupItem(deps, t('staff.user_unreachable', { code, error }), c?.id ?? null));
  } else if (row.purpose === 'cw') {
    const cw = caseworker(deps.db, row.chat_id);
    if (cw && cw.dm_ok === -1) return; // already told the group; delivered when they press Start
    deps.db.prepare('UPDATE handoff_caseworkers SET dm_ok = -1 WHERE user_id = ?').run(row.chat_id);
    out(deps, groupItem(deps, t('staff.dm_unreachable', { name: cw?.display_name ?? 'caseworker', bot: deps.botUsername() }), c?.id ?? null));
  } else if (row.purpose === 'card' || row.purpose === 'precard') {
    for (const adminId of deps.config.ADMIN_USER_IDS) {
      out(deps, { chatId: adminId, method: 'sendMessage', payload: { text: t('staff.group_unreachable', { code, error }) }, purpose: 'admin', caseId: c?.id ?? null });
    }
  }
}
