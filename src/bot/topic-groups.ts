import type { TopicId } from '../contract.js';

// The topic menu: seven buttons, two levels at most. Groups follow how workers describe their
// problem ("my passport", "my wages"), not legal categories. Every answer topic appears exactly
// once (test/bot/topic-groups.test.ts checks it); "Talk to a person" is a top-level button.

export const TOPIC_GROUPS = {
  permits: ['registration', 'work_permit', 'employer_wont_register'],
  wages: ['unpaid_wages', 'employment_contract', 'working_conditions', 'domestic_work', 'recruitment_fees', 'work_abroad'],
  documents: ['passport_confiscated', 'irregular_status'],
  detention: ['detention_deportation', 'complaint'],
  trafficking: ['trafficking_info', 'victim_rights', 'compensation', 'child_exploitation', 'organ_trade'],
  help: ['hotline', 'legal_aid', 'shelter', 'privacy', 'about_bot'],
} as const satisfies Record<string, readonly TopicId[]>;

export type TopicGroupId = keyof typeof TOPIC_GROUPS;
export const TOPIC_GROUP_IDS = Object.keys(TOPIC_GROUPS) as TopicGroupId[];

export function isTopicGroupId(value: unknown): value is TopicGroupId {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(TOPIC_GROUPS, value);
}

export function groupOfTopic(topic: TopicId): TopicGroupId | undefined {
  return TOPIC_GROUP_IDS.find((g) => (TOPIC_GROUPS[g] as readonly TopicId[]).includes(topic));
}
