import type { Database } from 'better-sqlite3';
import type { TrainingPort } from '../../../src/admin/ports.js';
import { sqlTrainingPort } from './training-port.js';

/** The training port the tests use: the stand-in until the NLU's training-queries.ts lands. */
export function trainingPortFor(db: Database): TrainingPort {
  return sqlTrainingPort(db);
}
