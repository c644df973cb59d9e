import type { TFunction } from 'i18next';
import { LANGUAGE_NAMES, isLang } from '../i18n/languages.js';
import { getCaseEvents, type CaseRow } from './case-queries.js';
import { messagesOf } from './store.js';
import { STAFF_LANG, type HandoffDeps } from './deps.js';

// Texts and inline keyboards of the hand-off (user side and staff side). Callback data, all under
// the "ho:" prefix (documented in docs/caseworker-guide.md and types.ts):
//   ho:req          user asks for a person ("Talk to a person" button, owned by this module)
//   ho:ys:CODE      consent, sharing the recent messages      ho:yn:CODE  consent without sharing
//   ho:no:CODE      not now                                   ho:end      user ends the conversation
//   ho:claim:CODE   staff claims (staff group only)           ho:pass:CODE staff passes

type Keyboard = { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> };

const MAX_SHARED_CHARS = 600;
const MAX_CARD_CHARS = 3800;

export function userT(deps: HandoffDeps, lang: string): TFunction {
  return deps.i18n.getFixedT(lang, 'handoff');
}
export function staffT(deps: HandoffDeps): TFunction {
  return deps.i18n.getFixedT(STAFF_LANG, 'handoff');
}
export function languageName(lang: string): string {
  return isLang(lang) ? `${LANGUAGE_NAMES[lang]} (${lang})` : lang;
}
export function levelIcon(row: Pick<CaseRow, 'risk_level'>): string {
  return row.risk_level === 'urgent' ? '🔴' : row.risk_level === 'high' ? '🟠' : '🟡';
}
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function offerText(deps: HandoffDeps, row: CaseRow, recentCount: number): string {
  const t = userT(deps, row.lang);
  const intro = row.risk_level === 'urgent' ? 'offer.intro_urgent' : `offer.intro_${row.reason}`;
  const sees = [t('offer.sees_title'), t('offer.sees_from_now')];
  if (recentCount > 0) sees.push(t('offer.sees_recent', { count: recentCount }));
  sees.push(t('offer.sees_language'));
  return [t(intro), sees.join('\n'), t('offer.never_sees'), t('offer.end_any_time'), t('offer.question')].join('\n\n');
}

export function offerKeyboard(deps: HandoffDeps, row: CaseRow, recentCount: number): Keyboard {
  const t = userT(deps, row.lang);
  const no = { text: t('button.not_now'), callback_data: `ho:no:${row.code}` };
  if (recentCount === 0) return { inline_keyboard: [[{ text: t('button.yes'), callback_data: `ho:yn:${row.code}` }, no]] };
  return {
    inline_keyboard: [
      [{ text: t('button.yes_share'), callback_data: `ho:ys:${row.code}` }],
      [{ text: t('button.yes_no_share'), callback_data: `ho:yn:${row.code}` }],
      [no],
    ],
  };
}

export function endKeyboard(deps: HandoffDeps, lang: string): Keyboard {
  return { inline_keyboard: [[{ text: userT(deps, lang)('button.end'), callback_data: 'ho:end' }]] };
}

export function claimKeyboard(deps: HandoffDeps, code: string): Keyboard {
  const t = staffT(deps);
  return {
    inline_keyboard: [
      [
        { text: t('staff.button_claim'), callback_data: `ho:claim:${code}` },
        { text: t('staff.button_pass'), callback_data: `ho:pass:${code}` },
      ],
    ],
  };
}

export function clockTime(deps: HandoffDeps, at: number): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: deps.config.STAFF_TIMEZONE, hour: '2-digit', minute: '2-digit' }).format(at);
}

export function minutesSince(deps: HandoffDeps, at: number | null): number {
  return at === null ? 0 : Math.max(0, Math.floor((deps.now() - at) / 60_000));
}

/** The staff card: never the user id, name or phone; only what the user agreed to share. */
export function cardText(deps: HandoffDeps, row: CaseRow): string {
  const t = staffT(deps);
  const indicators = (JSON.parse(row.indicators) as string[]).join(', ') || '—';
  const lines = [
    t('staff.card_title', { icon: levelIcon(row), code: row.code, language: languageName(row.lang), level: row.risk_level }),
    t('staff.card_indicators', { indicators }),
    t('staff.card_reason', { reason: t(`staff.reason_${row.reason}`) }),
    t('staff.card_waiting', { since: clockTime(deps, row.consented_at ?? row.created_at), minutes: minutesSince(deps, row.consented_at) }),
    '',
  ];
  const shared = messagesOf(deps.db, row.id, ['shared']);
  if (shared.length === 0) lines.push(t('staff.card_none_shared'));
  else {
    lines.push(t('staff.card_shared'));
    for (const m of shared) lines.push(`« ${clip(deps.crypto.open(m.body), MAX_SHARED_CHARS)} »`);
  }
  const passes = getCaseEvents(deps.db, row.id).filter((e) => e.event === 'pass').map((e) => e.actor ?? 'staff');
  if (passes.length) lines.push('', t('staff.card_passed', { names: [...new Set(passes)].join(', ') }));
  if (row.state === 'claimed') lines.push('', t('staff.card_claimed', { name: row.caseworker_name ?? 'staff' }));
  if (row.state === 'closed') lines.push('', t('staff.card_closed', { reason: closedReason(t, row.closed_reason), outcome: row.outcome ? ` · ${row.outcome}` : '' }));
  return clip(lines.join('\n'), MAX_CARD_CHARS);
}

/** Why a case closed, in words (the row stores the state-machine event name). */
export function closedReason(t: TFunction, reason: string | null): string {
  return reason ? t(`staff.closed_reason.${reason}`, { defaultValue: reason }) : '';
}
