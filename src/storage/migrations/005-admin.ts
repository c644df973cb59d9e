import type { Migration } from '../migrate.js';

// Owned by the admin module. PLACEHOLDER: replaced by the admin tables.
export const adminMigration: Migration = {
  version: 5,
  name: 'admin',
  up() {},
};
