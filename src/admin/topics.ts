import type { FastifyRequest } from 'fastify';
import { TOPIC_IDS } from '../contract.js';
import { html, type Html } from './html.js';

/** "Unpaid wages (unpaid_wages)": staff see a readable name and the id the bot uses. */
export function topicLabel(request: FastifyRequest, topic: string): string {
  const name = request.admin.t(`topics.${topic}`, { defaultValue: '' });
  return name ? `${name} (${topic})` : topic;
}

export function topicOptions(request: FastifyRequest, selected: string | null | undefined, topics: readonly string[] = TOPIC_IDS): Html[] {
  return topics.map(
    (t) => html`<option value="${t}" ${t === selected ? html`selected` : ''}>${topicLabel(request, t)}</option>`,
  );
}
