import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { RiskIndicator } from '../contract.js';
import type { Logger } from '../logger.js';
import { decide, type Thresholds } from './decide.js';
import { loadIntentExamples } from './intents-loader.js';
import { createLanguageIdentifier } from './language-id.js';
import { cacheKey, loadLexical, saveLexical } from './lexical/cache.js';
import { trainLexicalEngine, type LexicalEngine } from './lexical/lexical-engine.js';
import { DEFAULT_LEXICAL_OPTIONS } from './lexical/model.js';
import { normalise } from './normalise.js';
import { createRiskDetector, loadRiskLexicon, mergeIndicators, riskFromTopic, riskLevel, type RiskDetector } from './risk/index.js';
import { allExamples, seedTrainingExamples } from './training-queries.js';
import { fuseScores, loadTransformerEngine } from './transformer/index.js';
import type { ClassifyOptions, Nlu, NluResult, TopicEngine, TrainingExample } from './types.js';

// The NLU pipeline: normalise → language → topic (lexical engine, fused with a transformer engine
// when MODEL_DIR has one) → status (thresholds) → risk (detector cues + the topic's indicator
// for described situations; riskLevel decides the level).

export interface CreateNluOptions {
  db?: Database;
  intentsDir: string;
  modelDir: string;
  logger: Logger;
  /** Risk lexicon folder; default <intentsDir>/risk. */
  riskDir?: string;
  /** Where trained lexical engines are cached; default <tmpdir>/haqq-nlu-cache. */
  cacheDir?: string;
  /** Weight of the transformer engine's scores when fused. */
  transformerWeight?: number;
}

/** Longer input is cut before the engines: no question needs more, and cost stays bounded. */
export const MAX_INPUT_CHARS = 2000;

/** Urgent indicators that make the emergency numbers (hotline) the right lead answer. */
const EMERGENCY: readonly RiskIndicator[] = ['physical_violence', 'sexual_violence', 'self_harm', 'immediate_danger'];

interface Engines {
  lexical: LexicalEngine;
  thresholds: Thresholds;
  transformer?: TopicEngine;
}

/** Cuts to MAX_INPUT_CHARS without splitting a surrogate pair; anything not a string becomes ''. */
export function truncateInput(text: unknown): string {
  if (typeof text !== 'string') return '';
  let s = text.length > MAX_INPUT_CHARS ? text.slice(0, MAX_INPUT_CHARS) : text;
  if (/[\uD800-\uDBFF]$/.test(s)) s = s.slice(0, -1);
  return s;
}

export async function createNlu(options: CreateNluOptions): Promise<Nlu> {
  const { logger } = options;
  const started = Date.now();
  const cacheDir = options.cacheDir ?? join(tmpdir(), 'haqq-nlu-cache');
  const languages = await createLanguageIdentifier();
  const detector: RiskDetector = createRiskDetector(loadRiskLexicon(options.riskDir ?? join(options.intentsDir, 'risk')));

  let examples: TrainingExample[];
  if (options.db) {
    const added = seedTrainingExamples(options.db, options.intentsDir);
    if (added > 0) logger.info({ added }, 'seed training examples added');
    examples = allExamples(options.db);
  } else {
    examples = loadIntentExamples(options.intentsDir, (msg) => logger.warn(msg));
  }

  const buildLexical = (list: readonly TrainingExample[]) => {
    const key = cacheKey(list, DEFAULT_LEXICAL_OPTIONS);
    const cached = loadLexical(cacheDir, key);
    if (cached) return cached;
    const trained = trainLexicalEngine(list, DEFAULT_LEXICAL_OPTIONS);
    try {
      saveLexical(cacheDir, key, trained);
    } catch (err) {
      logger.warn({ err: (err as Error).message }, 'lexical engine cache not written');
    }
    return trained;
  };

  const first = buildLexical(examples);
  const transformer = await loadTransformerEngine({ modelDir: options.modelDir, examples, db: options.db, logger });
  let engines: Engines = { lexical: first.engine, thresholds: first.thresholds, transformer };
  const transformerWeight = options.transformerWeight ?? 0.5;
  logger.info(
    { examples: examples.length, trainMs: first.trainMs, ms: Date.now() - started, thresholds: first.thresholds, engine: engineName(engines) },
    'nlu ready',
  );

  async function classify(text: string, classifyOptions: ClassifyOptions = {}): Promise<NluResult> {
    const current = engines; // one snapshot per message, so a swap mid-message can't mix engines
    const raw = truncateInput(text);
    const normalised = normalise(raw);
    const language = languages.identify(raw, classifyOptions.preferredLanguage);
    const name = engineName(current);
    if (!/[\p{L}\p{N}]/u.test(normalised)) {
      return {
        language: language.language, languageConfidence: language.confidence, intent: 'out_of_scope', confidence: 1,
        candidates: [], status: 'out_of_scope', risk: { level: 'none', indicators: [] }, engine: name,
      };
    }
    let scores = current.lexical.scoresSync(normalised);
    if (current.transformer) {
      try {
        scores = fuseScores(scores, await current.transformer.scores(normalised, raw), transformerWeight);
      } catch (err) {
        logger.warn({ err: (err as Error).message }, 'transformer engine failed; lexical scores only');
      }
    }
    const decision = decide(scores, current.thresholds);
    const detection = detector.detect(raw, language.language);
    const topicIndicators = decision.status === 'confident' ? riskFromTopic(decision.intent, detection.situation) : [];
    const indicators = mergeIndicators(detection.indicators, topicIndicators);
    const topic = decision.status === 'out_of_scope' ? null : decision.intent;
    const level = riskLevel(indicators, { situation: detection.situation, topic });
    let { intent, status } = decision;
    // Violence, self-harm or danger right now: the emergency numbers lead, whatever the topic.
    if (level === 'urgent' && indicators.some((i) => EMERGENCY.includes(i)) && intent !== 'shelter') {
      intent = 'hotline';
      status = 'confident';
    }
    return {
      language: language.language, languageConfidence: language.confidence, intent, confidence: decision.confidence,
      candidates: decision.candidates, status, risk: { level, indicators }, engine: name,
    };
  }

  return {
    async classify(text, classifyOptions) {
      try {
        return await classify(text, classifyOptions);
      } catch (err) {
        // Never throw at a user's message: an unexpected failure is logged and treated as not understood.
        logger.error({ err: (err as Error).message }, 'nlu classify failed');
        return {
          language: classifyOptions?.preferredLanguage ?? 'und', languageConfidence: 0, intent: 'out_of_scope', confidence: 0,
          candidates: [], status: 'unsure', risk: { level: 'none', indicators: [] }, engine: engineName(engines),
        };
      }
    },
    async retrain(list) {
      // Let pending messages finish first; training is CPU work on this thread (~2–4 s cold).
      await new Promise((resolve) => setImmediate(resolve));
      const trained = buildLexical(list);
      const transformerNext = engines.transformer
        ? await loadTransformerEngine({ modelDir: options.modelDir, examples: list, db: options.db, logger })
        : undefined;
      engines = { lexical: trained.engine, thresholds: trained.thresholds, transformer: transformerNext };
      logger.info({ examples: list.length, trainMs: trained.trainMs }, 'nlu retrained');
    },
    get engineName() {
      return engineName(engines);
    },
  };
}

function engineName(engines: Engines): string {
  return engines.transformer ? 'lexical+transformer' : 'lexical';
}
