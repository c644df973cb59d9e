// The outside contract (../shared/CONTRACT.md §1–§2): ids that operators, evaluation scripts and NGO
// partners rely on. Other modules import these lists instead of repeating them.

export const TOPIC_IDS = [
  'registration',
  'work_permit',
  'employer_wont_register',
  'irregular_status',
  'unpaid_wages',
  'employment_contract',
  'recruitment_fees',
  'passport_confiscated',
  'detention_deportation',
  'trafficking_info',
  'victim_rights',
  'compensation',
  'hotline',
  'legal_aid',
  'shelter',
  'domestic_work',
  'child_exploitation',
  'working_conditions',
  'complaint',
  'work_abroad',
  'organ_trade',
  'talk_to_human',
  'privacy',
  'greeting',
  'thanks',
  'about_bot',
  'out_of_scope',
] as const;
export type TopicId = (typeof TOPIC_IDS)[number];

/** Topics answered from the knowledge base; the rest are handled by UI strings or the hand-off. */
export const UI_TOPICS = ['out_of_scope', 'greeting', 'thanks'] as const satisfies readonly TopicId[];
export const ANSWER_TOPICS = TOPIC_IDS.filter(
  (t) => !(UI_TOPICS as readonly string[]).includes(t),
) as TopicId[];

export const RISK_INDICATORS = [
  'document_retention',
  'wage_withholding',
  'restricted_movement',
  'physical_violence',
  'sexual_violence',
  'threats',
  'debt_bondage',
  'deception',
  'abusive_conditions',
  'excessive_hours',
  'isolation',
  'child_involved',
  'organ_removal',
  'self_harm',
  'immediate_danger',
] as const;
export type RiskIndicator = (typeof RISK_INDICATORS)[number];

export const RISK_LEVELS = ['none', 'low', 'medium', 'high', 'urgent'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export interface Risk {
  level: RiskLevel;
  indicators: RiskIndicator[];
}

export function isTopicId(value: unknown): value is TopicId {
  return typeof value === 'string' && (TOPIC_IDS as readonly string[]).includes(value);
}

export function riskRank(level: RiskLevel): number {
  return RISK_LEVELS.indexOf(level);
}
