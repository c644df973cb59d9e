// Risk detection (CONTRACT §2): cue lexicons per language, a detector with negation/hypothetical
// scope, the level rules, the topic contribution and accumulation over a user's messages.
export { loadRiskLexicon, buildRiskLexicon, parseRiskFile, type RiskLexicon, type RiskFile } from './lexicon.js';
export { createRiskDetector, type RiskDetector, type RiskDetection } from './detector.js';
export {
  riskLevel, riskFromTopic, mergeIndicators, RISK_TOPICS, URGENT_INDICATORS, STRONG_INDICATORS,
  WEAK_INDICATORS, type RiskContext,
} from './level.js';
export { accumulateRisk, eventWeight, HALF_LIFE_MS, MAX_AGE_MS } from './accumulate.js';
