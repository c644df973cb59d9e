import { parentPort, workerData } from 'node:worker_threads';
import { serialiseEngines, trainJob, type EngineJob, type TrainingInput } from './engines.js';

// Runs one training job off the main thread (see train-in-worker.ts), so the bot keeps answering
// while the engines train. The result goes back as a JSON string plus one transferred buffer.

const { job, input } = workerData as { job: EngineJob; input: TrainingInput };
const result = serialiseEngines(trainJob(job, input));
parentPort!.postMessage(result, [result.weights.buffer as ArrayBuffer]);
