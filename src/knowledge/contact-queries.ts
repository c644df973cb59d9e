import type { Database } from 'better-sqlite3';
import type { Contact } from './types.js';

// The contacts directory in SQLite, for the knowledge base and the admin console.
// Safety rule: a contact becomes visible to users only through setVerified(…, true). Saving a
// change to its phone, website or e-mail un-verifies it, so a changed number is re-checked.

export interface ContactRow extends Contact {
  verifiedBy: string | null;
  verifiedAt: number | null;
  seedVersion: number;
  /** NULL = still as seeded; otherwise the admin who last changed or (un)verified it. */
  editedBy: string | null;
  updatedAt: number;
}

interface DbContact {
  id: string;
  name: string;
  helps_with: string;
  city: string | null;
  languages: string | null;
  phone: string | null;
  website: string | null;
  email: string | null;
  verified: number;
  source: string;
  verified_by: string | null;
  verified_at: number | null;
  seed_version: number;
  edited_by: string | null;
  updated_at: number;
}

export function contactFromDb(r: DbContact): ContactRow {
  return {
    id: r.id,
    name: r.name,
    helpsWith: JSON.parse(r.helps_with) as string[],
    ...(r.city ? { city: r.city } : {}),
    ...(r.languages ? { languages: JSON.parse(r.languages) as string[] } : {}),
    ...(r.phone ? { phone: r.phone } : {}),
    ...(r.website ? { website: r.website } : {}),
    ...(r.email ? { email: r.email } : {}),
    verified: r.verified === 1,
    source: r.source,
    verifiedBy: r.verified_by,
    verifiedAt: r.verified_at,
    seedVersion: r.seed_version,
    editedBy: r.edited_by,
    updatedAt: r.updated_at,
  };
}

/** All contacts ordered by name; `verifiedOnly` for anything a user may see, `tag` to filter. */
export function listContacts(db: Database, options: { verifiedOnly?: boolean; tag?: string } = {}): ContactRow[] {
  const rows = db
    .prepare(`SELECT * FROM contacts ${options.verifiedOnly ? 'WHERE verified = 1' : ''} ORDER BY name`)
    .all() as DbContact[];
  const contacts = rows.map(contactFromDb);
  return options.tag ? contacts.filter((c) => c.helpsWith.includes(options.tag!)) : contacts;
}

export function getContact(db: Database, id: string): ContactRow | undefined {
  const row = db.prepare('SELECT * FROM contacts WHERE id = ?').get(id) as DbContact | undefined;
  return row ? contactFromDb(row) : undefined;
}

export type ContactInput = Omit<Contact, 'verified'>;

/**
 * Creates or updates a contact as an admin edit (edited_by = author, so seeds never overwrite it).
 * New contacts start unverified. Changing phone/website/e-mail of an existing one un-verifies it.
 * Returns the saved row.
 */
export function saveContact(db: Database, input: ContactInput, author: string, now = Date.now()): ContactRow {
  if (!/^[a-z0-9_]+$/.test(input.id)) throw new Error('contact id must be lower-case letters, digits, _');
  if (!input.name.trim()) throw new Error('contact name is required');
  if (!input.source.trim()) throw new Error('contact source is required');
  const before = getContact(db, input.id);
  const reachChanged =
    !before ||
    (before.phone ?? null) !== (input.phone ?? null) ||
    (before.website ?? null) !== (input.website ?? null) ||
    (before.email ?? null) !== (input.email ?? null);
  const verified = before && !reachChanged ? before.verified : false;
  db.prepare(
    `INSERT INTO contacts (id, name, helps_with, city, languages, phone, website, email, verified, source,
       verified_by, verified_at, seed_version, edited_by, updated_at)
     VALUES (@id, @name, @helps_with, @city, @languages, @phone, @website, @email, @verified, @source,
       @verified_by, @verified_at, 0, @author, @now)
     ON CONFLICT(id) DO UPDATE SET name = @name, helps_with = @helps_with, city = @city,
       languages = @languages, phone = @phone, website = @website, email = @email, verified = @verified,
       source = @source, verified_by = @verified_by, verified_at = @verified_at, edited_by = @author,
       updated_at = @now`,
  ).run({
    id: input.id,
    name: input.name.trim(),
    helps_with: JSON.stringify(input.helpsWith),
    city: input.city ?? null,
    languages: input.languages ? JSON.stringify(input.languages) : null,
    phone: input.phone ?? null,
    website: input.website ?? null,
    email: input.email ?? null,
    verified: verified ? 1 : 0,
    source: input.source.trim(),
    verified_by: verified ? (before?.verifiedBy ?? null) : author,
    verified_at: verified ? (before?.verifiedAt ?? null) : now,
    author,
    now,
  });
  return getContact(db, input.id)!;
}

/** Marks a contact verified (shown to users) or not; records who and when. False if no such id. */
export function setVerified(db: Database, id: string, verified: boolean, by: string, now = Date.now()): boolean {
  const info = db
    .prepare(
      `UPDATE contacts SET verified = ?, verified_by = ?, verified_at = ?, edited_by = ?, updated_at = ?
       WHERE id = ?`,
    )
    .run(verified ? 1 : 0, by, now, by, now, id);
  return info.changes === 1;
}
