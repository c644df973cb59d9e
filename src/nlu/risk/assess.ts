import type { Risk, RiskIndicator, TopicId } from '../../contract.js';
import { riskRank } from '../../contract.js';
import type { Decision } from '../decide.js';
import { riskProbabilities, type RiskClassifierModel } from './classifier.js';
import { combineRisk } from './combine.js';
import type { RiskDetector } from './detector.js';
import { mergeIndicators, riskFromTopic, riskLevel } from './level.js';

// Risk of one message (cues + classifier + the topic's contribution), and what risk means for the
// topic the answer leads with. Shared by createNlu and the tuning scripts.

/** Urgent indicators that make the emergency numbers (hotline) the right lead answer. */
const EMERGENCY: readonly RiskIndicator[] = ['physical_violence', 'sexual_violence', 'self_harm', 'immediate_danger'];

/**
 * When the topic engine is not confident but the risk is clear, the indicator says what the
 * answer should be about (first match wins: the most specific help first).
 */
const INDICATOR_TOPIC: readonly [RiskIndicator, TopicId][] = [
  ['organ_removal', 'organ_trade'],
  ['child_involved', 'child_exploitation'],
  ['document_retention', 'passport_confiscated'],
  ['wage_withholding', 'unpaid_wages'],
];

export interface Assessment {
  risk: Risk;
  intent: TopicId;
  status: Decision['status'];
}

export function assessRisk(
  detector: RiskDetector,
  classifier: RiskClassifierModel | undefined,
  raw: string,
  normalised: string,
  language: string,
  decision: Decision,
): Assessment {
  const detection = detector.detect(raw, language);
  const combined = classifier
    ? combineRisk(detection, riskProbabilities(classifier, normalised), classifier)
    : { indicators: detection.indicators, firm: detection.indicators, situation: detection.situation, situationP: 1 };
  // The topic implies an indicator only for a real situation: personal words alone are not enough
  // when the situation head disagrees ("I heard that people sell kidneys, is it true?").
  const headAgrees = !classifier || combined.situationP >= classifier.situationThreshold;
  const topicSituation = combined.situation && (combined.indicators.length > 0 || headAgrees);
  const topicIndicators = decision.status === 'confident' ? riskFromTopic(decision.intent, topicSituation) : [];
  const indicators = mergeIndicators(combined.indicators, topicIndicators);
  const topic = decision.status === 'out_of_scope' ? null : decision.intent;
  // A topic's implied indicator is a guess: it never counts toward "two or more → high".
  const level = riskLevel(indicators, { situation: combined.situation, topic, firm: combined.firm });
  let { intent, status } = decision;
  if (level === 'urgent' && indicators.some((i) => EMERGENCY.includes(i)) && intent !== 'shelter') {
    // Violence, self-harm or danger right now: the emergency numbers lead, whatever the topic.
    intent = 'hotline';
    status = 'confident';
  } else if (status !== 'confident' && riskRank(level) >= riskRank('high')) {
    const lead = INDICATOR_TOPIC.find(([id]) => indicators.includes(id));
    if (lead) [intent, status] = [lead[1], 'confident'];
  }
  return { risk: { level, indicators }, intent, status };
}
