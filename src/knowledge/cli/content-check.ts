import { resolve } from 'node:path';
import { isLang, type Lang } from '../../i18n/languages.js';
import { checkContent } from '../content-check.js';

// npm run content:check [-- --langs en,az,ru] [--skip-intents]
// Exit 1 and a list of problems if any content would be wrong, missing or unsafe for users.

const args = process.argv.slice(2);
const langsArg = args.find((a) => a.startsWith('--langs='))?.slice('--langs='.length)
  ?? (args.includes('--langs') ? args[args.indexOf('--langs') + 1] : undefined);
const langs = langsArg?.split(',').map((s) => s.trim()).filter(isLang) as Lang[] | undefined;
const root = process.cwd();

const problems = checkContent({
  seedsDir: resolve(root, 'seeds'),
  intentsDir: resolve(root, 'intents'),
  localesDir: resolve(root, 'locales'),
  ...(langs?.length ? { langs } : {}),
  skipIntents: args.includes('--skip-intents'),
});

if (problems.length === 0) {
  console.log('content:check OK');
  process.exit(0);
}
const byFile = new Map<string, string[]>();
for (const p of problems) byFile.set(p.file, [...(byFile.get(p.file) ?? []), p.message]);
for (const [file, messages] of byFile) {
  console.log(`\n${file}`);
  for (const m of messages) console.log(`  ✗ ${m}`);
}
console.log(`\ncontent:check: ${problems.length} problem(s)`);
process.exit(1);
