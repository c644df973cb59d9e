import type { Migration } from '../migrate.js';

// Owned by the handoff module. PLACEHOLDER: replaced by the handoff tables.
export const handoffMigration: Migration = {
  version: 4,
  name: 'handoff',
  up() {},
};
