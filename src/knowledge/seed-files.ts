import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { LANGUAGES, type Lang } from '../i18n/languages.js';
import type { Contact, Source } from './types.js';

// Reading and validating the files in seeds/ (format fixed in docs/conventions.md). Used by the
// seeder and by content:check.

const sourceSchema = z.object({
  kind: z.enum(['report', 'law', 'official', 'other']),
  label: z.string().min(1),
  url: z.string().optional(),
  refs: z.array(z.string()).optional(),
  law: z.string().optional(),
  site: z.string().optional(),
  read: z.string().optional(),
  key: z.string().optional(),
});

const checkedDate = z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/, 'YYYY-MM or YYYY-MM-DD');

export const topicsFileSchema = z.record(
  z.string(),
  z.object({ sources: z.array(sourceSchema), last_checked: checkedDate, version: z.number().int().min(1) }),
);

export const answersFileSchema = z.record(
  z.string(),
  z.object({
    text: z.string(),
    more: z.string().optional(),
    review: z.enum(['reviewed', 'draft']),
    version: z.number().int().min(1),
    /** Optional per-language override of the topic's last_checked. */
    last_checked: checkedDate.optional(),
  }),
);

export const contactsFileSchema = z.array(
  z.object({
    id: z.string().regex(/^[a-z0-9_]+$/),
    name: z.string().min(1),
    helps_with: z.array(z.string().regex(/^[a-z0-9_]+$/)),
    city: z.string().nullish(),
    languages: z.array(z.string()).nullish(),
    phone: z.string().nullish(),
    website: z.string().nullish(),
    email: z.string().nullish(),
    verified: z.boolean(),
    source: z.string().min(1),
    version: z.number().int().min(1).default(1),
  }),
);

export type TopicsFile = z.infer<typeof topicsFileSchema>;
export type AnswersFile = z.infer<typeof answersFileSchema>;
export type ContactsFile = z.infer<typeof contactsFileSchema>;

export interface SeedFiles {
  topics: TopicsFile;
  answers: Partial<Record<Lang, AnswersFile>>;
  contacts: ContactsFile;
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** Reads seeds/; throws with the file name if a file is malformed. Missing language files are skipped. */
export function readSeedFiles(seedsDir: string): SeedFiles {
  const parse = <T>(schema: z.ZodType<T>, path: string): T => {
    const result = schema.safeParse(readJson(path));
    if (!result.success) throw new Error(`${path}: ${result.error.message}`);
    return result.data;
  };
  const answers: Partial<Record<Lang, AnswersFile>> = {};
  for (const lang of LANGUAGES) {
    const path = join(seedsDir, 'answers', `${lang}.json`);
    if (existsSync(path)) answers[lang] = parse(answersFileSchema, path);
  }
  const contactsPath = join(seedsDir, 'contacts.json');
  return {
    topics: parse(topicsFileSchema, join(seedsDir, 'topics.json')),
    answers,
    contacts: existsSync(contactsPath) ? parse(contactsFileSchema, contactsPath) : [],
  };
}

export function contactFromFile(c: ContactsFile[number]): Contact {
  return {
    id: c.id,
    name: c.name,
    helpsWith: c.helps_with,
    ...(c.city ? { city: c.city } : {}),
    ...(c.languages ? { languages: c.languages } : {}),
    ...(c.phone ? { phone: c.phone } : {}),
    ...(c.website ? { website: c.website } : {}),
    ...(c.email ? { email: c.email } : {}),
    verified: c.verified,
    source: c.source,
  };
}

export type { Source };
