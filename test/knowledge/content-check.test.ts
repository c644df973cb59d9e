import { describe, expect, it } from 'vitest';
import { TOPIC_IDS } from '../../src/contract.js';
import { checkContent } from '../../src/knowledge/content-check.js';
import { examples, validFixture, writeFixture, type Fixture } from './helpers.js';

// Each test breaks one thing in an otherwise valid fixture and expects exactly that problem.

const fullIntents = (langs: Record<string, number>) =>
  Object.fromEntries(
    TOPIC_IDS.map((t) => [t, { topic: t, examples: Object.fromEntries(Object.entries(langs).map(([l, n]) => [l, examples(n, t)])) }]),
  );

function check(fixture: Fixture, opts: { skipIntents?: boolean } = { skipIntents: true }) {
  const dirs = writeFixture(fixture);
  return checkContent({ ...dirs, langs: ['en'], ...opts }).map((p) => `${p.file}: ${p.message}`);
}

describe('content:check', () => {
  it('passes a valid fixture', () => {
    expect(check({ ...validFixture(['en']), intents: fullIntents({ en: 40 }) }, {})).toEqual([]);
  });

  it('reports a topic without an answer and a missing language file', () => {
    const f = validFixture(['en']);
    delete f.answers.en!.work_permit;
    expect(check(f)).toEqual(['seeds/answers/en.json: work_permit: no answer']);
    const dirs = writeFixture(validFixture(['en']));
    const problems = checkContent({ ...dirs, langs: ['en', 'uz'], skipIntents: true });
    expect(problems).toEqual([{ file: 'seeds/answers/uz.json', message: 'missing file' }]);
  });

  it('reports an answer without a source or last_checked', () => {
    const f = validFixture(['en']);
    f.topics.registration!.sources = [];
    delete f.topics.work_permit;
    const problems = check(f);
    expect(problems).toContain('seeds/topics.json: registration: no source');
    expect(problems).toContain('seeds/topics.json: work_permit: missing (needs sources and last_checked)');
    expect(problems).toContain('seeds/answers/en.json: work_permit: topic has no entry in seeds/topics.json (no source, no last_checked)');
  });

  it('reports a malformed last_checked as unreadable seeds', () => {
    const f = validFixture(['en']);
    f.topics.registration!.last_checked = 'soon';
    expect(check(f)[0]).toMatch(/cannot read seeds: .*topics.json/);
  });

  it.each([
    ['{{contacts:nope}}', 'unknown contact tag "nope"'],
    ['{{emergncy}}', 'unknown placeholder {{emergncy}}'],
    ['{{contacts:hotline}', 'unbalanced or stray brace'],
    ['call {emergency}', 'unbalanced or stray brace'],
  ])('reports a broken placeholder: %s', (text, expected) => {
    const f = validFixture(['en']);
    f.answers.en!.hotline = { text };
    expect(check(f).join('\n')).toContain(expected);
  });

  it('reports a text over the length limit, counting expanded placeholders', () => {
    const f = validFixture(['en']);
    f.answers.en!.registration = { text: 'x'.repeat(690) + '\n{{contacts:hotline}}' };
    f.answers.en!.work_permit = { text: 'ok', more: 'y'.repeat(1501) };
    const problems = check(f);
    expect(problems.join('\n')).toMatch(/registration: text is \d+ characters when shown \(limit 700\)/);
    expect(problems.join('\n')).toContain('work_permit: more is 1501 characters (limit 1500)');
  });

  it('reports the number of an unverified contact and unknown literal numbers', () => {
    const f = validFixture(['en']);
    f.answers.en!.hotline = { text: 'Call the hotline 152.' };
    f.answers.en!.legal_aid = { text: 'Call +994 50 123 45 67.' };
    f.answers.en!.registration = { text: 'Call (012) 919. Stay 15 days, fee 1,000 AZN in 2019, 2026-11.' };
    const problems = check(f);
    expect(problems).toEqual([
      'seeds/answers/en.json: hotline: text: contains 152, the number of unverified contact "hotline_152"',
      'seeds/answers/en.json: legal_aid: text: phone-like number "+994 50 123 45 67" is not in the verified directory (use {{contacts:<tag>}})',
    ]);
  });

  it('reports missing intent files and too few examples', () => {
    const intents = fullIntents({ en: 40 });
    delete intents.privacy;
    (intents.greeting as { examples: Record<string, string[]> }).examples.en = examples(39);
    (intents.thanks as { examples: Record<string, string[]> }).examples.en = [...examples(39), 'example 0'];
    const problems = check({ ...validFixture(['en']), intents }, {});
    expect(problems.sort()).toEqual([
      'intents/greeting.json: en: 39 distinct examples, need ≥ 40',
      'intents/privacy.json: missing intent file',
      'intents/thanks.json: en: 39 distinct examples, need ≥ 40',
    ]);
  });

  it('needs only 15 examples for the smaller languages', () => {
    const dirs = writeFixture({ ...validFixture(['en', 'uz']), intents: fullIntents({ en: 40, uz: 15 }) });
    expect(checkContent({ ...dirs, langs: ['en', 'uz'] })).toEqual([]);
    const short = writeFixture({ ...validFixture(['en', 'uz']), intents: fullIntents({ en: 40, uz: 14 }) });
    expect(checkContent({ ...short, langs: ['en', 'uz'] })).toHaveLength(TOPIC_IDS.length);
  });
});
