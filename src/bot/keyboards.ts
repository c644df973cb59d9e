import { InlineKeyboard } from 'grammy';
import type { TopicId } from '../contract.js';
import type { Translator } from '../i18n/i18n.js';
import { LANGUAGES, LANGUAGE_NAMES, type Lang } from '../i18n/languages.js';
import { encodeCallback } from './callback-data.js';
import { TOPIC_GROUPS, TOPIC_GROUP_IDS, type TopicGroupId } from './topic-groups.js';

// Inline keyboards. One button per row for anything with words: labels stay whole on small
// screens and large fonts. Labels come from locales/<lng>/bot.json.

export function languageKeyboard(onboarding: boolean): InlineKeyboard {
  const kb = new InlineKeyboard();
  // Two per row: names are short and a worker scans for their own script.
  LANGUAGES.forEach((lang, i) => {
    kb.text(LANGUAGE_NAMES[lang], encodeCallback({ kind: 'lang', lang, onboarding }));
    if (i % 2 === 1) kb.row();
  });
  return kb;
}

export function mainMenuKeyboard(t: Translator): InlineKeyboard {
  const kb = new InlineKeyboard();
  for (const group of TOPIC_GROUP_IDS) kb.text(t(`group.${group}`), encodeCallback({ kind: 'group', group })).row();
  return kb.text(t('button.talk'), encodeCallback({ kind: 'human' }));
}

export function groupKeyboard(t: Translator, group: TopicGroupId): InlineKeyboard {
  const kb = new InlineKeyboard();
  for (const topic of TOPIC_GROUPS[group]) kb.text(t(`topic.${topic}`), encodeCallback({ kind: 'topic', topic })).row();
  return kb.text(t('button.back'), encodeCallback({ kind: 'menu', edit: true }));
}

export interface AnswerKeyboardOptions {
  topic: TopicId;
  hasMore: boolean;
  /** Risk level medium: the talk button becomes an explicit, private caseworker offer. */
  offerCaseworker: boolean;
  /** Offer to switch the chat to this language (label written in that language). */
  switchTo?: { lang: Lang; label: string };
  /** False once the user has voted, so the same answer cannot be rated twice. */
  withVotes?: boolean;
}

export function answerKeyboard(t: Translator, o: AnswerKeyboardOptions): InlineKeyboard {
  const kb = new InlineKeyboard();
  if (o.withVotes !== false) {
    kb.text('👍', encodeCallback({ kind: 'vote', topic: o.topic, vote: 1 }))
      .text('👎', encodeCallback({ kind: 'vote', topic: o.topic, vote: -1 }))
      .row();
  }
  if (o.hasMore) kb.text(t('button.more'), encodeCallback({ kind: 'more', topic: o.topic })).row();
  kb.text(t(o.offerCaseworker ? 'button.caseworker' : 'button.talk'), encodeCallback({ kind: 'human' })).row();
  kb.text(t('button.menu'), encodeCallback({ kind: 'menu', edit: false }));
  // Switching from under an answer shows that answer again, in the new language.
  if (o.switchTo) kb.row().text(o.switchTo.label, encodeCallback({ kind: 'lang', lang: o.switchTo.lang, onboarding: false, topic: o.topic }));
  return kb;
}

/** "Did you mean…": the likeliest topics, then a person, then the menu. */
export function candidatesKeyboard(t: Translator, topics: readonly TopicId[]): InlineKeyboard {
  const kb = new InlineKeyboard();
  for (const topic of topics) kb.text(t(`topic.${topic}`), encodeCallback({ kind: 'topic', topic })).row();
  return kb.text(t('button.talk'), encodeCallback({ kind: 'human' })).row().text(t('button.menu'), encodeCallback({ kind: 'menu', edit: false }));
}

/** The two ways out of any dead end: a person or the menu. */
export function talkOrMenuKeyboard(t: Translator, withTalk = true): InlineKeyboard {
  const kb = new InlineKeyboard();
  if (withTalk) kb.text(t('button.talk'), encodeCallback({ kind: 'human' })).row();
  return kb.text(t('button.menu'), encodeCallback({ kind: 'menu', edit: false }));
}

export function withSwitchButton(kb: InlineKeyboard, switchTo: { lang: Lang; label: string } | undefined): InlineKeyboard {
  if (!switchTo) return kb;
  return kb.row().text(switchTo.label, encodeCallback({ kind: 'lang', lang: switchTo.lang, onboarding: false }));
}

export function forgetKeyboard(t: Translator, issuedAt: number): InlineKeyboard {
  return new InlineKeyboard()
    .text(t('forget.yes'), encodeCallback({ kind: 'forget', confirm: true, issuedAt }))
    .row()
    .text(t('forget.no'), encodeCallback({ kind: 'forget', confirm: false, issuedAt }));
}
