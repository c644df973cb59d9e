import { isTopicId, type TopicId } from '../contract.js';
import { isLang, type Lang } from '../i18n/languages.js';
import { isTopicGroupId, type TopicGroupId } from './topic-groups.js';

// Every inline button's data, encoded and parsed in one place. Telegram gives back whatever the
// client sends, so data is untrusted input: the parser is strict (exact shapes, known ids only)
// and anything else is `undefined`, which the bot answers with a short "button expired" note.
// Telegram limits callback data to 64 bytes; the longest here is ~30.

export type CallbackAction =
  /** edit: replace the pressed message (Back inside the menu) instead of sending a new one. */
  | { kind: 'menu'; edit: boolean }
  | { kind: 'group'; group: TopicGroupId }
  | { kind: 'topic'; topic: TopicId }
  | { kind: 'more'; topic: TopicId }
  | { kind: 'vote'; topic: TopicId; vote: 1 | -1 }
  | { kind: 'human' }
  /** topic: the "continue in <language>" offer under an answer; the answer is then re-sent in it. */
  | { kind: 'lang'; lang: Lang; onboarding: boolean; topic?: TopicId }
  | { kind: 'forget'; confirm: boolean; issuedAt: number };

/** A /forget confirmation older than this is refused, so an old "Yes" cannot delete by surprise. */
export const FORGET_CONFIRM_TTL_MS = 10 * 60 * 1000;

export function encodeCallback(a: CallbackAction): string {
  switch (a.kind) {
    case 'menu':
      return a.edit ? 'mb' : 'm';
    case 'group':
      return `g:${a.group}`;
    case 'topic':
      return `t:${a.topic}`;
    case 'more':
      return `more:${a.topic}`;
    case 'vote':
      return `v:${a.vote > 0 ? 'up' : 'down'}:${a.topic}`;
    case 'human':
      return 'h';
    case 'lang':
      return `l:${a.lang}${a.onboarding ? ':s' : a.topic ? `:t:${a.topic}` : ''}`;
    case 'forget':
      return `f:${a.confirm ? 'y' : 'n'}:${Math.floor(a.issuedAt / 1000).toString(36)}`;
  }
}

export function parseCallback(data: string | undefined): CallbackAction | undefined {
  if (typeof data !== 'string' || data.length === 0 || data.length > 64) return undefined;
  if (data === 'm' || data === 'mb') return { kind: 'menu', edit: data === 'mb' };
  if (data === 'h') return { kind: 'human' };
  let m: RegExpExecArray | null;
  if ((m = /^g:([a-z_]{1,20})$/.exec(data)) && isTopicGroupId(m[1])) return { kind: 'group', group: m[1] };
  if ((m = /^t:([a-z_]{1,30})$/.exec(data)) && isTopicId(m[1])) return { kind: 'topic', topic: m[1] };
  if ((m = /^more:([a-z_]{1,30})$/.exec(data)) && isTopicId(m[1])) return { kind: 'more', topic: m[1] };
  if ((m = /^v:(up|down):([a-z_]{1,30})$/.exec(data)) && isTopicId(m[2])) {
    return { kind: 'vote', topic: m[2], vote: m[1] === 'up' ? 1 : -1 };
  }
  if ((m = /^l:([a-z]{2})(:s)?$/.exec(data)) && isLang(m[1])) {
    return { kind: 'lang', lang: m[1], onboarding: m[2] !== undefined };
  }
  if ((m = /^l:([a-z]{2}):t:([a-z_]{1,30})$/.exec(data)) && isLang(m[1]) && isTopicId(m[2])) {
    return { kind: 'lang', lang: m[1], onboarding: false, topic: m[2] };
  }
  if ((m = /^f:(y|n):([0-9a-z]{1,10})$/.exec(data))) {
    const seconds = parseInt(m[2]!, 36);
    if (!Number.isSafeInteger(seconds)) return undefined;
    return { kind: 'forget', confirm: m[1] === 'y', issuedAt: seconds * 1000 };
  }
  return undefined;
}
