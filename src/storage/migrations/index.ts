import type { Migration } from '../migrate.js';
import { coreMigration } from './001-core.js';
import { knowledgeMigration } from './002-knowledge.js';
import { nluMigration } from './003-nlu.js';
import { handoffMigration } from './004-handoff.js';
import { adminMigration } from './005-admin.js';

// One migration per domain for the first release; later changes append 006, 007… here.
export const MIGRATIONS: readonly Migration[] = [
  coreMigration,
  knowledgeMigration,
  nluMigration,
  handoffMigration,
  adminMigration,
];
