import type { Database } from 'better-sqlite3';
import type { Logger } from '../../logger.js';
import type { TopicEngine, TrainingExample } from '../types.js';
import { createEmbedder } from './embedder.js';
import { withEmbeddingCache } from './embedding-cache.js';
import { locateModel } from './model-locator.js';
import { createTransformerEngine } from './transformer-engine.js';

export { fuseScores, createTransformerEngine } from './transformer-engine.js';
export { locateModel } from './model-locator.js';

/**
 * The optional transformer engine: built when MODEL_DIR holds a sentence-embedding model, else
 * undefined (one log line says the lexical engine is in use). A model that fails to load is
 * logged and skipped: the bot must answer even with a broken model folder.
 */
export async function loadTransformerEngine(options: {
  modelDir: string;
  examples: readonly TrainingExample[];
  db?: Database;
  logger?: Logger;
  modelName?: string;
}): Promise<TopicEngine | undefined> {
  const model = locateModel(options.modelDir, options.modelName);
  if (!model) {
    options.logger?.info({ modelDir: options.modelDir }, 'lexical engine in use (no model in MODEL_DIR)');
    return undefined;
  }
  try {
    const started = Date.now();
    const raw = await createEmbedder(options.modelDir, model);
    const embedder = options.db ? withEmbeddingCache(raw, options.db) : raw;
    const engine = await createTransformerEngine(embedder, options.examples);
    options.logger?.info({ model: model.id, ms: Date.now() - started }, 'transformer engine ready');
    return engine;
  } catch (err) {
    options.logger?.error({ err, model: model.id }, 'transformer model failed to load; lexical engine only');
    return undefined;
  }
}
