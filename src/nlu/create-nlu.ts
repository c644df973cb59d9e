import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { Logger } from '../logger.js';
import { decide, type Thresholds } from './decide.js';
import { fileEngineCache, sqliteEngineCache, type EngineCache } from './engine-cache.js';
import { buildEngines } from './engine-builder.js';
import type { TrainingInput } from './engines.js';
import { loadIntentExamples } from './intents-loader.js';
import { createLanguageIdentifier } from './language-id.js';
import type { LexicalEngine } from './lexical/lexical-engine.js';
import { normalise } from './normalise.js';
import { assessRisk } from './risk/assess.js';
import type { RiskClassifierModel } from './risk/classifier.js';
import { loadRiskExamples } from './risk/examples.js';
import { createRiskDetector, loadRiskLexicon } from './risk/index.js';
import { allExamples, seedTrainingExamples } from './training-queries.js';
import { fuseScores, loadTransformerEngine } from './transformer/index.js';
import type { ClassifyOptions, Nlu, NluResult, TopicEngine, TrainingExample } from './types.js';

// The NLU pipeline: normalise → language → topic (lexical engine, fused with a transformer engine
// when MODEL_DIR has one) → status (thresholds) → risk (cue detector OR risk classifier, plus the
// topic's indicator for described situations; riskLevel decides the level; risk can set the lead
// topic, see risk/assess.ts). Engines are trained in worker threads and cached by data hash.

export interface CreateNluOptions {
  db?: Database;
  intentsDir: string;
  modelDir: string;
  logger: Logger;
  /** Risk lexicon folder; default <intentsDir>/risk. */
  riskDir?: string;
  /**
   * Folder where trained engines are cached by training-data hash (NLU_CACHE_DIR), shared by every
   * database and the CLIs. Without it: the database's nlu_engine_cache table, else <tmpdir>/haqq-nlu-cache.
   */
  cacheDir?: string;
  /** Weight of the transformer engine's scores when fused. */
  transformerWeight?: number;
}

/** Longer input is cut before the engines: no question needs more, and cost stays bounded. */
export const MAX_INPUT_CHARS = 2000;

interface Engines {
  lexical: LexicalEngine;
  thresholds: Thresholds;
  transformer?: TopicEngine;
  risk?: RiskClassifierModel;
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
  const cache: EngineCache = options.cacheDir
    ? fileEngineCache(options.cacheDir)
    : options.db ? sqliteEngineCache(options.db) : fileEngineCache(join(tmpdir(), 'haqq-nlu-cache'));
  const riskLexicon = loadRiskLexicon(options.riskDir ?? join(options.intentsDir, 'risk'));
  const detector = createRiskDetector(riskLexicon);
  const riskExamples = loadRiskExamples(options.intentsDir, (msg) => logger.warn(msg));

  let examples: TrainingExample[];
  if (options.db) {
    const added = seedTrainingExamples(options.db, options.intentsDir);
    if (added > 0) logger.info({ added }, 'seed training examples added');
    examples = allExamples(options.db);
  } else {
    examples = loadIntentExamples(options.intentsDir, (msg) => logger.warn(msg));
  }
  const input = (list: readonly TrainingExample[]): TrainingInput => ({ examples: list, riskExamples, riskLexicon });

  // Language ID loads on this thread while the engines train in workers.
  const [languages, built] = await Promise.all([createLanguageIdentifier(), buildEngines(input(examples), { cache, logger })]);
  if (!built.topic) throw new Error('topic engine missing after training');
  const transformer = await loadTransformerEngine({ modelDir: options.modelDir, examples, db: options.db, logger });
  let engines: Engines = { lexical: built.topic.engine, thresholds: built.topic.thresholds, transformer, risk: built.risk };
  const transformerWeight = options.transformerWeight ?? 0.5;
  logger.info(
    { examples: examples.length, riskExamples: riskExamples.length, trained: built.trained, ms: Date.now() - started, thresholds: built.topic.thresholds, risk: built.riskReport, engine: engineName(engines) },
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
    const { risk, intent, status } = assessRisk(detector, current.risk, raw, normalised, language.language, decision);
    return {
      language: language.language, languageConfidence: language.confidence, intent, confidence: decision.confidence,
      candidates: decision.candidates, status, risk, engine: name,
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
      // Trains in a worker thread: messages keep being answered by the current engines meanwhile.
      const next = await buildEngines(input(list), { cache, logger, jobs: ['topic'] });
      if (!next.topic) throw new Error('topic engine missing after retraining');
      const transformerNext = engines.transformer
        ? await loadTransformerEngine({ modelDir: options.modelDir, examples: list, db: options.db, logger })
        : undefined;
      // One assignment: the swap is atomic for every message that starts after it.
      engines = { ...engines, lexical: next.topic.engine, thresholds: next.topic.thresholds, transformer: transformerNext };
      logger.info({ examples: list.length, trained: next.trained }, 'nlu retrained');
    },
    get engineName() {
      return engineName(engines);
    },
  };
}

function engineName(engines: Engines): string {
  return engines.transformer ? 'lexical+transformer' : 'lexical';
}
