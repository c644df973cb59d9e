import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ANSWER_TOPICS } from '../../src/contract.js';

// Small synthetic seeds/ and intents/ folders for knowledge tests.

export const REPO_SEEDS = join(import.meta.dirname, '../../seeds');
export const REPO_LOCALES = join(import.meta.dirname, '../../locales');

export interface FixtureAnswer {
  text: string;
  more?: string;
  review?: 'reviewed' | 'draft';
  version?: number;
}

export interface Fixture {
  topics?: Record<string, { sources: unknown[]; last_checked: string; version: number }>;
  answers?: Record<string, Record<string, FixtureAnswer>>;
  contacts?: unknown[];
  intents?: Record<string, unknown>;
}

export const CONTACTS: Record<string, unknown>[] = [
  { id: 'police', name: 'Police', helps_with: ['emergency'], phone: '102', verified: true, source: 'test' },
  { id: 'hotline_152', name: 'Hotline', helps_with: ['hotline'], phone: '152', verified: false, source: 'test' },
  { id: 'call_centre', name: 'Call centre', helps_with: ['hotline'], phone: '(012) 919', verified: true, source: 'test' },
  { id: 'ngo', name: 'Some NGO', helps_with: ['legal_aid'], verified: true, source: 'test' },
];

const SOURCES = [{ kind: 'report', label: 'OSCE report 2014, ¶46', refs: ['¶46'] }];

/** A complete, valid set: every answer topic in every given language. */
export function validFixture(langs: readonly string[] = ['en']): Required<Omit<Fixture, 'intents'>> {
  const topics = Object.fromEntries(ANSWER_TOPICS.map((t) => [t, { sources: SOURCES, last_checked: '2026-11', version: 1 }]));
  const answers: Record<string, Record<string, FixtureAnswer>> = Object.fromEntries(
    langs.map((lang) => [
      lang,
      Object.fromEntries(
        ANSWER_TOPICS.map((t): [string, FixtureAnswer] => [t, { text: `${t} in ${lang}. Call:\n{{contacts:hotline}}`, review: 'reviewed', version: 1 }]),
      ),
    ]),
  );
  return { topics, answers, contacts: CONTACTS };
}

export function writeFixture(fixture: Fixture, dir = mkdtempSync(join(tmpdir(), 'haqq-knowledge-'))): { seedsDir: string; intentsDir: string } {
  const seedsDir = join(dir, 'seeds');
  const intentsDir = join(dir, 'intents');
  mkdirSync(join(seedsDir, 'answers'), { recursive: true });
  mkdirSync(intentsDir, { recursive: true });
  writeFileSync(join(seedsDir, 'topics.json'), JSON.stringify(fixture.topics ?? {}));
  writeFileSync(join(seedsDir, 'contacts.json'), JSON.stringify(fixture.contacts ?? []));
  for (const [lang, answers] of Object.entries(fixture.answers ?? {})) {
    const withDefaults = Object.fromEntries(
      Object.entries(answers).map(([t, a]) => [t, { review: 'reviewed', version: 1, ...a }]),
    );
    writeFileSync(join(seedsDir, 'answers', `${lang}.json`), JSON.stringify(withDefaults));
  }
  for (const [topic, content] of Object.entries(fixture.intents ?? {})) {
    writeFileSync(join(intentsDir, `${topic}.json`), JSON.stringify(content));
  }
  return { seedsDir, intentsDir };
}

export function examples(n: number, prefix = 'example'): string[] {
  return Array.from({ length: n }, (_, i) => `${prefix} ${i}`);
}
