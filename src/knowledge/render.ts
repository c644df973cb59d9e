import type { Contact, Source } from './types.js';

// Pure rendering shared by the knowledge base (per message) and content:check (on the files), so
// what the check measures is exactly what a user will see.

/** Translator fixed to one language and the "knowledge" namespace; returns `fallback` if missing. */
export type KnowledgeT = (key: string, vars?: Record<string, string>, fallback?: string) => string;

/** Wraps an i18next instance: `t(key, vars, fallback)` in namespace "knowledge" for one language. */
export function knowledgeT(
  i18n: { t: (key: string, options?: Record<string, unknown>) => string },
  lang: string,
): KnowledgeT {
  return (key, vars = {}, fallback) =>
    i18n.t(key, { ...vars, lng: lang, ns: 'knowledge', ...(fallback !== undefined ? { defaultValue: fallback } : {}) });
}

/** `{{contacts:<tag>}}` or `{{emergency}}`; anything else between braces is a broken placeholder. */
const PLACEHOLDER = /\{\{(contacts:([a-z0-9_]+)|emergency)\}\}/g;

export interface PlaceholderUse {
  kind: 'contacts' | 'emergency';
  tag?: string;
}

export function listPlaceholders(text: string): PlaceholderUse[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) =>
    m[2] ? { kind: 'contacts' as const, tag: m[2] } : { kind: 'emergency' as const },
  );
}

/** Problems with braces: unknown placeholders, unbalanced or stray braces, unknown contact tags. */
export function placeholderProblems(text: string, knownTags: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  for (const use of listPlaceholders(text)) {
    if (use.kind === 'contacts' && !knownTags.has(use.tag!)) {
      problems.push(`unknown contact tag "${use.tag}" in {{contacts:${use.tag}}}`);
    }
  }
  const rest = text.replace(PLACEHOLDER, '');
  const stray = rest.match(/\{\{[^{}]*\}\}/g);
  if (stray) problems.push(`unknown placeholder ${stray.join(', ')}`);
  if (/[{}]/.test(rest.replace(/\{\{[^{}]*\}\}/g, ''))) problems.push('unbalanced or stray brace "{" / "}"');
  return problems;
}

export function contactName(contact: Contact, t: KnowledgeT): string {
  return t(`contact_names.${contact.id}`, {}, contact.name);
}

/** One line per contact: name (city) and phone / website when the directory has them. */
export function renderContactLine(contact: Contact, t: KnowledgeT): string {
  let name = contactName(contact, t);
  if (contact.city) name = t('contact_city', { name, city: t(`cities.${contact.city}`, {}, contact.city) }, `${name} (${contact.city})`);
  const reach = [contact.phone, contact.website, contact.email].filter((x): x is string => !!x).join(' · ');
  return reach
    ? t('contact_line', { name, reach }, `• ${name}: ${reach}`)
    : t('contact_line_name_only', { name }, `• ${name}`);
}

/** Verified contacts with the tag, as lines; the "unverified_none" line if there are none. */
export function renderContactList(tag: string, verified: readonly Contact[], t: KnowledgeT): string {
  // Contacts a user can reach directly (phone) first; then the rest, in directory order.
  const matching = verified.filter((c) => c.verified && c.helpsWith.includes(tag));
  const ordered = [...matching.filter((c) => c.phone), ...matching.filter((c) => !c.phone)];
  const lines = ordered.map((c) => renderContactLine(c, t));
  return lines.length ? lines.join('\n') : t('unverified_none', {}, '• A caseworker can help you find a contact.');
}

/** Verified emergency numbers (tag "emergency") as one short line, e.g. "🆘 Police 102 · Emergencies 112". */
export function renderEmergency(verified: readonly Contact[], t: KnowledgeT): string {
  const numbers = verified
    .filter((c) => c.verified && c.phone && c.helpsWith.includes('emergency'))
    .map((c) => t('emergency_number', { name: contactName(c, t), phone: c.phone! }, `${contactName(c, t)} ${c.phone}`));
  return numbers.length
    ? t('emergency', { numbers: numbers.join(' · ') }, `🆘 ${numbers.join(' · ')}`)
    : t('emergency_none', {}, '🆘 Ask people near you for help.');
}

/** Replaces every placeholder; only contacts with verified = true are ever used. */
export function expandPlaceholders(text: string, contacts: readonly Contact[], t: KnowledgeT): string {
  const verified = contacts.filter((c) => c.verified);
  return text.replace(PLACEHOLDER, (_m, _all, tag: string | undefined) =>
    tag ? renderContactList(tag, verified, t) : renderEmergency(verified, t),
  );
}

/** "Art. 21" → "ст. 21", "Rec. 5" → "рек. 5", "Annex I" → "Приложение I"; "¶46" stays. */
function localiseRef(ref: string, t: KnowledgeT): string {
  const m = /^(Art\.|Rec\.|Annex)\s*(.*)$/.exec(ref);
  if (!m) return ref;
  const key = m[1] === 'Art.' ? 'art' : m[1] === 'Rec.' ? 'rec' : 'annex';
  return t(`source.ref.${key}`, { n: m[2] ?? '' }, ref);
}

export function renderSource(source: Source, t: KnowledgeT): string {
  const refs = (source.refs ?? []).map((r) => localiseRef(r, t)).join(', ');
  switch (source.kind) {
    case 'report':
      return refs ? t('source.report', { refs }, source.label) : source.label;
    case 'law':
      return source.law ? t(`source.law.${source.law}`, { refs }, source.label) : source.label;
    case 'official':
      return source.site ? t('source.official', { site: source.site, date: source.read ?? '' }, source.label) : source.label;
    default:
      return source.key ? t(`source.other.${source.key}`, { date: source.read ?? '' }, source.label) : source.label;
  }
}

/** "Source: OSCE report 2014 ¶46 · Migration Code Art. 21 · checked 2026-11", localised. */
export function renderSourceLine(sources: readonly Source[], lastChecked: string, t: KnowledgeT): string {
  const list = sources.map((s) => renderSource(s, t)).join(' · ');
  return t('source_line', { sources: list, date: lastChecked }, `Source: ${list} · checked ${lastChecked}`);
}

/** Length as a reader counts it (code points, so an emoji is one character). */
export function visibleLength(text: string): number {
  return [...text].length;
}
