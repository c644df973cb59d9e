import type { FastifyRequest } from 'fastify';
import { diffWordsWithSpace } from 'diff';
import { LANGUAGES, LANGUAGE_NAMES, RTL_LANGUAGES, type Lang } from '../i18n/languages.js';
import { isStale, type AnswerGridCell, type AnswerVersion } from '../knowledge/answer-queries.js';
import type { Source } from '../knowledge/types.js';
import { html, safeUrl, type Html } from './html.js';
import { topicLabel } from './topics.js';

// Pieces of the Answers pages: the grid, the Telegram-like preview bubble and the version diff.

export type CellState = 'reviewed' | 'draft' | 'stale' | 'missing';

export function cellState(cell: AnswerGridCell, now: number, staleAfterDays: number): CellState {
  if (!cell.exists) return 'missing';
  if (cell.lastChecked && isStale(cell.lastChecked, now, staleAfterDays)) return 'stale';
  return cell.reviewState ?? 'draft';
}

const ICON: Record<CellState, string> = { reviewed: '✓', draft: '✎', stale: '!', missing: '+' };

export function answerGrid(request: FastifyRequest, cells: AnswerGridCell[], now: number, staleAfterDays: number): Html {
  const t = request.admin.t;
  const byTopic = new Map<string, AnswerGridCell[]>();
  for (const c of cells) byTopic.set(c.topic, [...(byTopic.get(c.topic) ?? []), c]);
  const totals: Record<CellState, number> = { reviewed: 0, draft: 0, stale: 0, missing: 0 };
  const rows = [...byTopic.entries()].map(([topic, list]) => html`<tr>
    <th scope="row">${topicLabel(request, topic)}</th>
    ${LANGUAGES.map((lang) => {
      const cell = list.find((c) => c.lang === lang);
      const state = cell ? cellState(cell, now, staleAfterDays) : 'missing';
      totals[state]++;
      const label = `${topic} · ${LANGUAGE_NAMES[lang]}: ${t(`answers.state_${state}`)}${cell?.lastChecked ? ` · ${cell.lastChecked}` : ''}`;
      return html`<td><a class="cell ${state}" href="/answers/${topic}/${lang}" title="${label}" aria-label="${label}">${ICON[state]}</a></td>`;
    })}
  </tr>`);
  const legend = (['reviewed', 'draft', 'stale', 'missing'] as const).map(
    (s) => html`<li><span class="cell ${s}" aria-hidden="true">${ICON[s]}</span> ${t(`answers.state_${s}`)}: <strong>${totals[s]}</strong></li>`,
  );
  return html`<ul class="legend">${legend}</ul>
    <div class="table-wrap"><table class="grid answers-grid">
      <thead><tr><th>${t('answers.topic')}</th>${LANGUAGES.map((l) => html`<th><abbr title="${LANGUAGE_NAMES[l]}">${l}</abbr></th>`)}</tr></thead>
      <tbody>${rows}</tbody>
    </table></div>
    <p class="hint">${t('answers.stale_hint', { days: staleAfterDays })}</p>`;
}

/** The answer as Telegram shows it: a plain-text bubble (no HTML/Markdown), right-to-left aware. */
export function telegramBubble(lang: Lang, text: string, more: string | undefined, sourceLine: string, moreLabel: string): Html {
  const dir = RTL_LANGUAGES.includes(lang) ? html` dir="auto"` : '';
  return html`<div class="tg"><div class="bubble bot"${dir}>${text}<div class="source"${dir}>${sourceLine}</div></div>
    ${more ? html`<div class="buttons"><span class="tg-button">${moreLabel}</span></div><div class="bubble bot more"${dir}>${more}</div>` : ''}</div>`;
}

export function sourcesList(sources: readonly Source[]): Html {
  return html`<ul class="sources">${sources.map((s) => {
    const url = safeUrl(s.url);
    return html`<li><span class="badge">${s.kind}</span> ${url ? html`<a href="${url}" rel="noopener noreferrer" target="_blank">${s.label}</a>` : s.label}</li>`;
  })}</ul>`;
}

/** Word diff from `older` to `newer`: deletions struck through, insertions underlined (both escaped). */
export function diffView(older: string, newer: string): Html {
  const parts = diffWordsWithSpace(older, newer);
  return html`<div class="diff" dir="auto">${parts.map((p) =>
    p.added ? html`<ins>${p.value}</ins>` : p.removed ? html`<del>${p.value}</del>` : html`<span>${p.value}</span>`,
  )}</div>`;
}

export function versionText(v: Pick<AnswerVersion, 'text' | 'more'>): string {
  return v.more ? `${v.text}\n\n— more —\n${v.more}` : v.text;
}
