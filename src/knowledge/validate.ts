import type { Contact } from './types.js';
import { placeholderProblems, visibleLength } from './render.js';

// Checks on one answer's text, shared by content:check (files) and saveAnswer (admin edits), so a
// number that is not verified cannot reach a user by either road.

export const TEXT_LIMIT = 700;
export const MORE_LIMIT = 1500;

const digitsOf = (s: string): string => s.replace(/\D/g, '');

/**
 * Phone-like sequences: "+994 12 465 90 71", "(012) 919", "050 123 45 67", or 7+ digits in a row.
 * A candidate needs a "+" or "(area)" prefix or two separators, so dates ("2026-11"), years and
 * amounts ("11 000") are not phones. Short codes (102, 152) cannot be told apart from other
 * numbers, so they are checked against the directory's unverified numbers instead.
 */
function phoneLikeSequences(text: string): string[] {
  const found: string[] = [];
  const candidate = /(?<![\d.,])(?:\+\d{1,3}[\s-]?)?(?:\(\d{2,4}\)\s?)?\d{2,4}(?:[\s-]\d{2,4})*(?![\d.,]\d)/g;
  for (const m of text.matchAll(candidate)) {
    const raw = m[0].trim();
    const digits = digitsOf(raw).length;
    const separators = (raw.match(/[\s-]/g) ?? []).length;
    const prefixed = /^[+(]/.test(raw);
    if (digits >= 6 && (prefixed || separators >= 2)) found.push(raw);
  }
  for (const m of text.matchAll(/\d{7,}/g)) found.push(m[0]);
  return found;
}

/** True if `digits` appears in the text as a whole number (not inside a longer number). */
function containsNumber(text: string, digits: string): boolean {
  if (!digits) return false;
  // Compare on a version of the text where separators inside numbers are removed.
  const compact = text.replace(/(\d)[\s().-]+(?=\d)/g, '$1').replace(/[()+]/g, ' ');
  return new RegExp(`(^|\\D)${digits}(\\D|$)`).test(compact);
}

export interface TextCheckContext {
  contacts: readonly Contact[];
}

/** Problems in one answer field ("text" or "more"), before placeholder expansion. */
export function answerFieldProblems(field: 'text' | 'more', value: string, ctx: TextCheckContext): string[] {
  const problems: string[] = [];
  const knownTags = new Set(ctx.contacts.flatMap((c) => c.helpsWith));
  knownTags.add('emergency');
  problems.push(...placeholderProblems(value, knownTags).map((p) => `${field}: ${p}`));

  for (const c of ctx.contacts) {
    if (c.verified || !c.phone) continue;
    if (containsNumber(value, digitsOf(c.phone))) {
      problems.push(`${field}: contains ${c.phone}, the number of unverified contact "${c.id}"`);
    }
  }
  const verifiedDigits = new Set(ctx.contacts.filter((c) => c.verified && c.phone).map((c) => digitsOf(c.phone!)));
  for (const seq of phoneLikeSequences(value)) {
    if (!verifiedDigits.has(digitsOf(seq))) {
      problems.push(`${field}: phone-like number "${seq}" is not in the verified directory (use {{contacts:<tag>}})`);
    }
  }
  return problems;
}

/** Length limits, measured on the text as the user will see it (placeholders expanded). */
export function lengthProblems(renderedText: string, more: string | undefined | null): string[] {
  const problems: string[] = [];
  const n = visibleLength(renderedText);
  if (n > TEXT_LIMIT) problems.push(`text is ${n} characters when shown (limit ${TEXT_LIMIT})`);
  if (more && visibleLength(more) > MORE_LIMIT) {
    problems.push(`more is ${visibleLength(more)} characters (limit ${MORE_LIMIT})`);
  }
  return problems;
}
