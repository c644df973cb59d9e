import { join } from 'node:path';
import type { AdminServerDeps } from '../context.js';
import type { AdminPorts, TrainingPort } from '../ports.js';
import { caseAdapter } from './cases.js';
import { contactAdapter } from './contacts.js';
import { fallbackEvaluation } from './evaluation.js';

const notWired: TrainingPort = {
  list: () => [],
  counts: () => [],
  add: () => {
    throw new Error('training examples are not wired (src/nlu/training-queries.ts missing)');
  },
  move: () => {
    throw new Error('training examples are not wired');
  },
  remove: () => {
    throw new Error('training examples are not wired');
  },
  all: () => [],
};

/** The real modules behind the console's ports. */
export function defaultPorts(deps: AdminServerDeps): AdminPorts {
  const labelled = deps.evalSetPath ?? join(deps.config.INTENTS_DIR, 'eval', 'labelled.jsonl');
  return {
    training: notWired,
    contacts: contactAdapter(deps.db),
    cases: caseAdapter(deps.db, deps.config),
    evaluation: fallbackEvaluation(labelled),
  };
}
