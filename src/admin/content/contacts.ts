import type { Database } from 'better-sqlite3';
import { listContacts, setVerified } from '../../knowledge/contact-queries.js';
import type { ContactPort } from '../ports.js';

/** The directory through the knowledge module's own queries (src/knowledge/contact-queries.ts). */
export function contactAdapter(db: Database): ContactPort {
  return {
    list: () => listContacts(db),
    setVerified: (id, verified, by, now) => setVerified(db, id, verified, by, now),
  };
}
