import type { Risk, RiskIndicator, TopicId } from '../contract.js';

// The NLU module's interface, used by the bot, the console chat, the admin console ("Try the
// bot", retrain) and the classify command alike.

export interface TopicScore {
  intent: TopicId;
  score: number; // 0..1, calibrated so that thresholds mean the same across engines
}

export interface NluResult {
  /** ISO 639-1 code of the detected language, e.g. 'ru', 'az', 'bn'; 'und' when unknown. */
  language: string;
  languageConfidence: number;
  intent: TopicId;
  confidence: number;
  /** Likeliest topics first (at least 3 when available), for the "not sure" buttons. */
  candidates: TopicScore[];
  /** 'confident': answer intent; 'unsure': show candidates; 'out_of_scope': say what the bot covers. */
  status: 'confident' | 'unsure' | 'out_of_scope';
  /** Risk of this message alone (accumulation over recent messages is accumulateRisk's job). */
  risk: Risk;
  engine: string; // 'lexical' | 'lexical+transformer' …
}

/**
 * A topic classifier that createNlu can use alone or fuse with others (weighted average of
 * calibrated scores). The lexical engine is always present; a transformer engine joins when
 * MODEL_DIR holds a sentence-embedding model.
 */
export interface TopicEngine {
  readonly name: string;
  /** Calibrated scores of every topic the engine knows, highest first. */
  scores(normalisedText: string, rawText: string): Promise<TopicScore[]>;
}

export interface ClassifyOptions {
  /** The chat's chosen language: a prior for language ID, so "salam" doesn't flip the chat. */
  preferredLanguage?: string;
}

export interface TrainingExample {
  topic: TopicId;
  lang: string;
  text: string;
}

export interface Nlu {
  classify(text: string, options?: ClassifyOptions): Promise<NluResult>;
  /** Rebuilds the topic engine from these examples and swaps it in atomically when ready. */
  retrain(examples: readonly TrainingExample[]): Promise<void>;
  readonly engineName: string;
}

/** A past indicator of the same user, for accumulation with decay. */
export interface RiskEvent {
  indicator: RiskIndicator;
  at: number; // unix ms
}

/**
 * A topic scorer that can be fused with the lexical engine (e.g. the transformer engine in
 * src/nlu/transformer/). Scores are calibrated probabilities over topics, summing to ~1.
 */
export interface TopicEngine {
  readonly name: string;
  scores(normalisedText: string, rawText: string): Promise<TopicScore[]>;
}
