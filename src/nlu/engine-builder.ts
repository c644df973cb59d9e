import type { Logger } from '../logger.js';
import type { EngineCache } from './engine-cache.js';
import { deserialiseEngines, engineKey, type EngineJob, type TrainedEngines, type TrainingInput } from './engines.js';
import { trainInWorker } from './train-in-worker.js';

// Engines from the cache when their training data is unchanged, else trained in worker threads
// (the jobs in parallel) and cached. Used at start-up and by retrain.

export async function buildEngines(
  input: TrainingInput,
  options: { cache?: EngineCache; logger: Logger; jobs?: readonly EngineJob[] },
): Promise<TrainedEngines & { trained: EngineJob[] }> {
  const { cache, logger } = options;
  const jobs = (options.jobs ?? ['topic', 'risk']).filter((j) => j !== 'risk' || input.riskExamples.length > 0);
  const trained: EngineJob[] = [];
  const parts = await Promise.all(
    jobs.map(async (job): Promise<TrainedEngines> => {
      const key = engineKey(job, input);
      const hit = cache?.get(key);
      if (hit) {
        try {
          return deserialiseEngines(hit);
        } catch (err) {
          logger.warn({ err: (err as Error).message, job }, 'cached engine unusable; training');
        }
      }
      const started = Date.now();
      const result = await trainInWorker(job, input, (err) => logger.warn({ err: err.message, job }, 'training worker unavailable; training on the main thread'));
      trained.push(job);
      logger.info({ job, ms: Date.now() - started }, 'engine trained');
      try {
        cache?.put(key, result);
      } catch (err) {
        logger.warn({ err: (err as Error).message, job }, 'engine cache not written');
      }
      return deserialiseEngines(result);
    }),
  );
  return Object.assign({ trained }, ...parts) as TrainedEngines & { trained: EngineJob[] };
}
