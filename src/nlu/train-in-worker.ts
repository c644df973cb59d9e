import { Worker } from 'node:worker_threads';
import { deserialiseEngines, serialiseEngines, trainJob, type EngineJob, type SerialisedEngines, type TrainedEngines, type TrainingInput } from './engines.js';

// Training in a worker thread: the event loop stays free, so messages are answered with the old
// engines during a retrain (~1–3 s of CPU), and at start-up the topic and risk jobs train in
// parallel on two cores. When this file runs as TypeScript (tsx, vitest), the worker registers
// tsx's loader before importing the worker module; compiled JavaScript imports it directly.
// If a worker cannot be started at all, training falls back to this thread (slower, still right).

export async function trainInWorker(job: EngineJob, input: TrainingInput, onFallback?: (err: Error) => void): Promise<SerialisedEngines> {
  try {
    return await runWorker(job, input);
  } catch (err) {
    if (!(err instanceof WorkerStartError)) throw err;
    onFallback?.(err);
    return serialiseEngines(trainJob(job, input));
  }
}

export async function trainEnginesInWorker(job: EngineJob, input: TrainingInput): Promise<TrainedEngines> {
  return deserialiseEngines(await trainInWorker(job, input));
}

class WorkerStartError extends Error {}

function runWorker(job: EngineJob, input: TrainingInput): Promise<SerialisedEngines> {
  const typescript = import.meta.url.endsWith('.ts');
  const target = new URL(`./train-worker.${typescript ? 'ts' : 'js'}`, import.meta.url).href;
  const loader = typescript
    ? `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(target)}); })`
    : `import(${JSON.stringify(target)})`;
  return new Promise((resolve, reject) => {
    let worker: Worker;
    try {
      worker = new Worker(`${loader}.catch((err) => { throw err; });`, { eval: true, workerData: { job, input } });
    } catch (err) {
      reject(new WorkerStartError((err as Error).message));
      return;
    }
    let settled = false;
    worker.once('message', (value: SerialisedEngines) => {
      settled = true;
      resolve(value);
      void worker.terminate();
    });
    worker.once('error', (err) => {
      if (settled) return;
      settled = true;
      // A failure before any training started (loader, module resolution) is a start problem.
      reject(/Cannot find|ERR_MODULE|ERR_UNKNOWN|register/.test(err.message) ? new WorkerStartError(err.message) : err);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new WorkerStartError(`training worker exited with code ${code}`));
    });
  });
}
