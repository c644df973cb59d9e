import type { CaseRow } from './case-queries.js';
import type { HandoffDeps } from './deps.js';
import { enqueue, type OutboxItem } from './outbox.js';
import { cardText, claimKeyboard, staffT } from './render.js';

// Builders of outbox rows. Everything here only WRITES rows (inside the caller's transaction);
// the sender delivers them.

/** Kinds a user may send that are copied (copyMessage hides who sent them) rather than retyped. */
export const CAPTION_KINDS = ['photo', 'video', 'document', 'voice', 'audio', 'animation'] as const;
export const BARE_KINDS = ['sticker', 'video_note', 'location'] as const;
export type RelayKind = 'text' | (typeof CAPTION_KINDS)[number] | (typeof BARE_KINDS)[number];

/** Telegram's limits; longer relayed text is split (never cut: nothing lost). */
export const MAX_TEXT = 4000;
export const MAX_CAPTION = 1000;

/** Splits text into pieces of at most `max` characters, preferring line and word breaks. */
export function splitText(text: string, max = MAX_TEXT): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = rest.lastIndexOf('\n', max);
    if (cut < max / 2) cut = rest.lastIndexOf(' ', max);
    if (cut < max / 2) cut = max;
    parts.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^[\n ]/, '');
  }
  parts.push(rest);
  return parts;
}

export function out(deps: HandoffDeps, items: OutboxItem | OutboxItem[]): void {
  enqueue(deps.db, deps.crypto, deps.now(), items);
}

export function userItem(row: CaseRow, text: string, extra: Record<string, unknown> = {}): OutboxItem {
  return { chatId: row.user_id, method: 'sendMessage', payload: { text, ...extra }, purpose: 'user', caseId: row.id, priority: row.priority };
}

export function groupItem(deps: HandoffDeps, text: string, caseId: number | null, extra: Record<string, unknown> = {}): OutboxItem[] {
  const chatId = deps.config.STAFF_CHAT_ID;
  if (chatId === undefined) return [];
  return [{ chatId, method: 'sendMessage', payload: { text, ...extra }, purpose: 'group', caseId }];
}

export function cwItem(cwId: number, caseId: number, text: string, extra: Record<string, unknown> = {}): OutboxItem {
  return { chatId: cwId, method: 'sendMessage', payload: { text, ...extra }, purpose: 'cw', caseId };
}

/** A new case card with Claim · Pass (its message id is recorded when sent). */
export function newCardItem(deps: HandoffDeps, row: CaseRow): OutboxItem[] {
  const chatId = deps.config.STAFF_CHAT_ID;
  if (chatId === undefined) return [];
  return [
    {
      chatId,
      method: 'sendMessage',
      payload: { text: cardText(deps, row), reply_markup: claimKeyboard(deps, row.code) },
      purpose: 'card',
      caseId: row.id,
      priority: row.priority,
    },
  ];
}

/** Re-renders the card for everyone (buttons only while the case waits). */
export function editCardItem(deps: HandoffDeps, row: CaseRow): OutboxItem[] {
  const chatId = deps.config.STAFF_CHAT_ID;
  if (chatId === undefined || row.consented_at === null) return [];
  const payload: Record<string, unknown> = { $cardOf: row.id, text: cardText(deps, row) };
  if (row.state === 'waiting') payload.reply_markup = claimKeyboard(deps, row.code);
  return [{ chatId, method: 'editMessageText', payload, purpose: 'group', caseId: row.id }];
}

export function editPrecardItem(deps: HandoffDeps, row: CaseRow, key: string): OutboxItem[] {
  const chatId = deps.config.STAFF_CHAT_ID;
  if (chatId === undefined || row.priority === 0) return [];
  const t = staffT(deps);
  const text = `🔴 ${row.code}: ${t(key)}`;
  return [{ chatId, method: 'editMessageText', payload: { $precardOf: row.id, text }, purpose: 'group', caseId: row.id }];
}

/** A user's message to the caseworker's private chat: text retyped with the code, media copied. */
export function relayToCaseworker(
  deps: HandoffDeps,
  row: CaseRow,
  cwId: number,
  m: { kind: string; text: string; srcMessageId: number | null; edited?: boolean },
): OutboxItem[] {
  const t = staffT(deps);
  const prefix = m.edited ? t('staff.relay_edited', { code: row.code }) : t('staff.relay_prefix', { code: row.code });
  if (m.kind === 'text' || m.srcMessageId === null) return splitText(m.text).map((part) => cwItem(cwId, row.id, `${prefix} ${part}`));
  const copy = (extra: Record<string, unknown>): OutboxItem => ({
    chatId: cwId,
    method: 'copyMessage',
    payload: { from_chat_id: row.user_id, message_id: m.srcMessageId, ...extra },
    purpose: 'cw',
    caseId: row.id,
  });
  if ((CAPTION_KINDS as readonly string[]).includes(m.kind)) {
    if (m.text.length <= MAX_CAPTION) return [copy({ caption: m.text ? `${prefix} ${m.text}` : prefix })];
    // A caption too long for Telegram: the media with the code, then the caption as text.
    return [copy({ caption: prefix }), ...splitText(m.text).map((part) => cwItem(cwId, row.id, `${prefix} ${part}`))];
  }
  return [cwItem(cwId, row.id, t('staff.relay_media', { code: row.code, kind: m.kind })), copy({})];
}

/** A caseworker's message to the user: text marked 👤, media copied from the caseworker's chat. */
export function relayToUser(row: CaseRow, cwId: number, m: { kind: string; text: string; srcMessageId: number }): OutboxItem[] {
  if (m.kind === 'text') return splitText(m.text).map((part) => userItem(row, `👤 ${part}`));
  const payload: Record<string, unknown> = { from_chat_id: cwId, message_id: m.srcMessageId };
  const extra: OutboxItem[] = [];
  if ((CAPTION_KINDS as readonly string[]).includes(m.kind)) {
    if (m.text.length <= MAX_CAPTION) payload.caption = m.text ? `👤 ${m.text}` : '👤';
    else {
      payload.caption = '👤';
      extra.push(...splitText(m.text).map((part) => userItem(row, `👤 ${part}`)));
    }
  }
  return [{ chatId: row.user_id, method: 'copyMessage', payload, purpose: 'user', caseId: row.id, priority: row.priority }, ...extra];
}
