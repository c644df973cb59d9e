import { join } from 'node:path';
import type { AdminServerDeps } from '../context.js';
import type { AdminPorts } from '../ports.js';
import { caseAdapter } from './cases.js';
import { contactAdapter } from './contacts.js';
import { nluEvaluation } from './evaluation.js';
import { trainingAdapter } from './training.js';

/** The real modules behind the console's ports. */
export function defaultPorts(deps: AdminServerDeps): AdminPorts {
  const labelled = deps.evalSetPath ?? join(deps.config.INTENTS_DIR, 'eval', 'labelled.jsonl');
  return {
    training: trainingAdapter(deps.db, deps.now ?? Date.now),
    contacts: contactAdapter(deps.db),
    cases: caseAdapter(deps.db, deps.config),
    evaluation: nluEvaluation(deps.db, labelled, deps.now ?? Date.now),
  };
}
