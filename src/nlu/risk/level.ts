import { RISK_INDICATORS, type RiskIndicator, type RiskLevel, type TopicId } from '../../contract.js';

// CONTRACT §2 levels. The indicator classes below ARE the contract's table:
// urgent = violence, sexual exploitation, organ removal, self-harm, immediate danger;
// high   = a strong indicator (documents held, confinement, threats, debt bondage, child involved)
//          or two or more indicators of any class;
// medium = one weaker indicator (wages, long hours, poor conditions, deception, isolation);
// low    = no indicator, but a risk topic is being asked about (in general);
// none   = otherwise.

export const URGENT_INDICATORS = [
  'physical_violence', 'sexual_violence', 'organ_removal', 'self_harm', 'immediate_danger',
] as const satisfies readonly RiskIndicator[];
export const STRONG_INDICATORS = [
  'document_retention', 'restricted_movement', 'threats', 'debt_bondage', 'child_involved',
] as const satisfies readonly RiskIndicator[];
export const WEAK_INDICATORS = [
  'wage_withholding', 'excessive_hours', 'abusive_conditions', 'deception', 'isolation',
] as const satisfies readonly RiskIndicator[];

/** Topics whose mere asking (no situation, no indicator) is `low`: the answer mentions a caseworker. */
export const RISK_TOPICS = [
  'trafficking_info', 'victim_rights', 'organ_trade', 'child_exploitation', 'passport_confiscated',
  'detention_deportation', 'domestic_work', 'working_conditions', 'unpaid_wages', 'recruitment_fees',
  'shelter', 'compensation',
] as const satisfies readonly TopicId[];

export interface RiskContext {
  /** The message describes a real situation (detector's `situation`). */
  situation?: boolean;
  /** The topic the classifier chose, if any. */
  topic?: TopicId | null;
  /**
   * When given, only these indicators count toward "two or more → high" (cue indicators and sure
   * classifier ones; a weak guess or a topic's implied indicator alone makes medium, see combine.ts).
   */
  firm?: readonly RiskIndicator[];
}

const has = (list: readonly string[], id: string) => list.includes(id);

export function riskLevel(indicators: readonly RiskIndicator[], context: RiskContext = {}): RiskLevel {
  const unique = new Set(indicators.filter((id) => has(RISK_INDICATORS, id)));
  if ([...unique].some((id) => has(URGENT_INDICATORS, id))) return 'urgent';
  const counted = context.firm ? new Set(context.firm.filter((id) => unique.has(id))) : unique;
  if (counted.size >= 2 || [...unique].some((id) => has(STRONG_INDICATORS, id))) return 'high';
  if (unique.size >= 1) return 'medium';
  if (context.topic && has(RISK_TOPICS, context.topic)) return 'low';
  return 'none';
}

const TOPIC_INDICATOR: Partial<Record<TopicId, RiskIndicator>> = {
  organ_trade: 'organ_removal',
  passport_confiscated: 'document_retention',
  unpaid_wages: 'wage_withholding',
  child_exploitation: 'child_involved',
  working_conditions: 'abusive_conditions',
};

/**
 * The topic classifier's contribution to risk, for the NLU to merge with the detector's indicators
 * (cues can't cover every phrasing; the classifier generalises better). A topic implies an
 * indicator only when the message describes a real situation (detector's `situation`, which is
 * false for hypothetical or general questions):
 *   organ_trade → organ_removal, passport_confiscated → document_retention,
 *   unpaid_wages → wage_withholding, child_exploitation → child_involved,
 *   working_conditions → abusive_conditions.
 * Call it with the classifier's chosen topic only when the classifier is confident about it.
 */
export function riskFromTopic(topic: TopicId | null | undefined, situation: boolean): RiskIndicator[] {
  if (!topic || !situation) return [];
  const indicator = TOPIC_INDICATOR[topic];
  return indicator ? [indicator] : [];
}

/** Merges indicator lists without duplicates, in contract order. */
export function mergeIndicators(...lists: readonly (readonly RiskIndicator[])[]): RiskIndicator[] {
  const all = new Set(lists.flat());
  return RISK_INDICATORS.filter((id) => all.has(id));
}
