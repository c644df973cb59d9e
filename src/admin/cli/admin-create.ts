// npm run admin:create -- --user NAME --role admin [--reset] [--db path]
// Creates a console account (or, with --reset, sets a new password/role and re-enables it).
// The password is prompted without echo, or read from standard input when piped:
//   printf '%s\n' "$PASSWORD" | npm run admin:create -- --user ana --role admin
// This is an entry point like main.ts, so it reads the environment (DATABASE_PATH) itself.
import 'dotenv/config';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../config.js';
import { openDatabase } from '../../storage/database.js';
import { audit } from '../audit.js';
import { createUser, findUserWithHash, passwordSchema, roleSchema, setDisabled, setPassword, setRole, usernameSchema } from '../auth/users.js';
import { readPassword } from './read-password.js';

function fail(message: string): never {
  process.stderr.write(`admin:create: ${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { user: { type: 'string' }, role: { type: 'string', default: 'admin' }, reset: { type: 'boolean', default: false }, db: { type: 'string' } },
  });
  const username = usernameSchema.safeParse(values.user ?? '');
  if (!username.success) fail('--user NAME is required (2–40 letters, digits, . _ -)');
  const role = roleSchema.safeParse(values.role);
  if (!role.success) fail('--role must be admin, editor or caseworker');

  const dbPath = values.db ?? loadConfig(process.env).DATABASE_PATH;
  const db = openDatabase(dbPath);
  const existing = findUserWithHash(db, username.data);
  if (existing && !values.reset) fail(`user "${existing.username}" exists; add --reset to set a new password and role`);

  const password = await readPassword(`Password for ${username.data}: `);
  const valid = passwordSchema.safeParse(password);
  if (!valid.success) fail(valid.error.issues[0]?.message ?? 'invalid password');

  const now = Date.now();
  if (existing) {
    await setPassword(db, existing.id, valid.data, now);
    setRole(db, existing.id, role.data, now);
    setDisabled(db, existing.id, false, now);
    audit(db, { actor: 'cli', action: 'user.reset', target: `user:${existing.username}`, details: { role: role.data } }, now);
    process.stdout.write(`Reset "${existing.username}" (${role.data}) in ${dbPath}\n`);
  } else {
    const user = await createUser(db, { username: username.data, password: valid.data, role: role.data }, now);
    audit(db, { actor: 'cli', action: 'user.create', target: `user:${user.username}`, details: { role: user.role } }, now);
    process.stdout.write(`Created "${user.username}" (${user.role}) in ${dbPath}\n`);
  }
  db.close();
}

main().catch((err: unknown) => fail(err instanceof Error ? err.message : String(err)));
