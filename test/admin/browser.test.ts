import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RetrainJob } from '../../src/admin/retrain.js';
import { LANGUAGES } from '../../src/i18n/languages.js';
import { readLabelledSet } from '../../src/admin/content/evaluation.js';
import { addUser, INTENTS_DIR, PASSWORD, realNlu, startConsole, type Console } from './support/harness.js';

// The console in a real browser (Debian chromium, never downloaded): the flows an NGO editor
// goes through, plus the safety properties, with screenshots of the main pages for docs/.
// It runs on the project's REAL content (seeds/ answers in 8 languages, contacts, every training
// example of intents/) and the bot's real NLU, so the screenshots show what staff will see;
// only the activity (missed questions, cases, stats) is made up, since it has no real source.

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = join(import.meta.dirname, '../../docs/screenshots');
const hasChromium = existsSync(CHROMIUM);

// playwright-core has no test matchers: small equivalents (auto-waiting like Playwright's own).
async function textOf(l: Locator): Promise<string> {
  await l.first().waitFor();
  return l.first().innerText();
}
async function waitForText(l: Locator, text: string): Promise<void> {
  await l.filter({ hasText: text }).first().waitFor({ timeout: 10_000 });
}
if (!hasChromium) console.warn(`SKIPPED admin browser tests: ${CHROMIUM} is not installed (apt-get install -y chromium)`);

describe.skipIf(!hasChromium)('admin console in chromium', () => {
  let c: Console;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  let profile: string;

  const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  const go = async (path: string) => {
    const res = await page.goto(base + path);
    return res!;
  };
  async function logIn(user: string, password = PASSWORD) {
    await go('/login');
    await page.getByLabel('Username').fill(user);
    await page.getByLabel('Password').fill(password);
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/login') && r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Log in' }).click(),
    ]);
    await page.waitForLoadState();
  }
  async function logOut() {
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL(/\/login/);
  }
  async function tryBot(text: string) {
    await go('/try');
    await page.getByLabel('Message').fill(text);
    await page.getByRole('button', { name: 'Send' }).click();
    const item = page.locator('#chat li.exchange').last();
    await item.waitFor();
    return item;
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    c = await startConsole({ content: 'real', nlu: await realNlu() });
    await addUser(c, 'ana', 'admin');
    await addUser(c, 'eddie', 'editor');
    base = await c.app.listen({ port: 0, host: '127.0.0.1' });
    profile = mkdtempSync(join(tmpdir(), 'haqq-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1280, height: 860 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('dialog', (d) => void d.accept());
  }, 240_000);

  afterAll(async () => {
    await context?.close();
    await c?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('logs in and shows the answers grid', async () => {
    await logIn('ana');
    await page.waitForURL(/\/answers$/);
    expect((await textOf(page.locator('h1'))).trim()).toBe('Answers');
    // Every seeded answer is a square: the reviewed English ones and the drafts of the other 7 languages.
    const states = c.db.prepare("SELECT review_state AS s, COUNT(*) AS n FROM answers GROUP BY review_state").all() as { s: string; n: number }[];
    const seeded = Object.fromEntries(states.map((r) => [r.s, r.n]));
    expect(await page.locator('a.cell.reviewed').count()).toBe(seeded.reviewed);
    expect(await page.locator('a.cell.draft').count()).toBe(seeded.draft);
    expect(seeded.draft).toBeGreaterThan(100);
    for (const l of LANGUAGES) expect(await page.locator(`a.cell[href$="/${l}"]`).count()).toBeGreaterThan(20);
    await shot('answers-grid');
  });

  it('edits an answer; the bot (knowledge base and Try the bot) answers with the new text at once', async () => {
    await go('/answers/registration/en');
    await page.locator('textarea[name=text]').fill('Register your address at the State Migration Service within 15 days of arrival. It is free.');
    await page.locator('#preview .bubble').filter({ hasText: 'It is free.' }).waitFor(); // live preview via htmx
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved. The bot uses the new text').waitFor();
    expect(c.knowledge.getAnswer('registration', 'en')!.text).toContain('It is free.');
    await waitForText(page.locator('#live .bubble'), 'It is free.');
    await page.getByRole('link', { name: 'Compare with current' }).first().click();
    await page.locator('.diff ins').first().waitFor();
    await shot('answer-editor');
    const reply = await tryBot('how do I register my address');
    await waitForText(reply.locator('.bubble.bot'), 'It is free.');
    await waitForText(reply.locator('dd.topic'), 'registration');
    await page.setViewportSize({ width: 390, height: 844 });
    await go('/answers/registration/en');
    await shot('answer-editor-mobile');
    await page.setViewportSize({ width: 1280, height: 860 });
  });

  it('adds a missed question as a training example; after retrain the classification changes', async () => {
    const before = await tryBot('can i bring my family to baku');
    expect(await textOf(before.locator('dd.topic'))).not.toContain('registration');
    await go('/missed');
    const row = page.locator('tr', { hasText: 'can i bring my family to baku' });
    expect((await textOf(row.locator('.count'))).trim()).toBe('50');
    await shot('missed-questions');
    await row.locator('select[name=topic]').selectOption('registration');
    await row.getByRole('button', { name: 'Add as example' }).click();
    await page.getByText('Added as a training example of registration').waitFor();
    await go('/training?topic=registration&lang=en');
    await waitForText(page.locator('table.examples'), 'can i bring my family to baku');
    await page.getByRole('button', { name: 'Retrain now' }).click();
    // The real NLU trains in a worker (~20 s the first time, from its cache afterwards).
    await page.locator('#retrain').getByText('Retrained.').waitFor({ timeout: 150_000 });
    await waitForText(page.locator('#retrain .kpi'), 'labelled test set');
    await go('/training');
    await waitForText(page.locator('#retrain .kpi'), 'Before');
    // Before and after were recorded by src/nlu/eval-runs.ts on intents/eval/labelled.jsonl.
    expect(await page.locator('table.eval-runs tbody tr').count()).toBe(2);
    await waitForText(page.locator('table.eval-runs'), 'After (ana)');
    const runs = c.db.prepare('SELECT metrics_json FROM nlu_eval_runs').all() as { metrics_json: string }[];
    const labelled = readLabelledSet(join(INTENTS_DIR, 'eval', 'labelled.jsonl'))!.length;
    expect(runs.map((r) => JSON.parse(r.metrics_json).count as number)).toEqual([labelled, labelled]);
    expect(labelled).toBeGreaterThan(100);
    // Real counts: every topic × language square, thousands of examples in all.
    const total = c.db.prepare('SELECT COUNT(*) AS n FROM training_examples WHERE deleted = 0').get() as { n: number };
    expect(total.n).toBeGreaterThan(5000);
    await shot('training');
    const after = await tryBot('can i bring my family to baku');
    await waitForText(after.locator('dd.topic'), 'registration');
    await waitForText(after.locator('dd.status'), 'confident');
  }, 180_000);

  it('Try the bot answers in the user\'s language from the real answers (RTL for Persian)', async () => {
    await go('/try');
    const messages: [string, string, string][] = [
      ['Работодатель не платит зарплату уже два месяца', 'ru', 'unpaid_wages'],
      ['İşəgötürən pasportumu götürüb, qaytarmır', 'az', 'passport_confiscated'],
      ['کارفرما پاسپورتم را گرفته و پس نمی‌دهد', 'fa', 'passport_confiscated'],
      ['Hindi binabayaran ng amo ko ang sahod ko', 'tl', 'unpaid_wages'],
    ];
    for (const [i, [text, lang, topic]] of messages.entries()) {
      await page.getByLabel('Message').fill(text);
      await page.getByRole('button', { name: 'Send' }).click();
      const item = page.locator('#chat li.exchange').nth(i);
      await item.waitFor();
      await waitForText(item.locator('dd.topic'), topic);
      // The reply is the seeded answer of that topic in that language, as the bot would send it.
      const seeded = c.knowledge.getAnswer(topic as never, lang as never)!.text;
      await waitForText(item.locator('.bubble.bot'), seeded.split('\n')[0]!.slice(0, 30));
    }
    expect(await page.locator('#chat .bubble.bot[dir=auto]').count()).toBe(1);
    await shot('try-the-bot');
  }, 60_000);

  it('verifies a contact and it appears in the hotline answer', async () => {
    expect(c.knowledge.getAnswer('hotline', 'en')!.text).not.toContain('152');
    await go('/contacts');
    await page.locator('#contact-hotline_152').getByRole('button', { name: 'Verify' }).click();
    await page.getByText('Verified: users can now see this contact.').waitFor();
    await waitForText(page.locator('#contact-hotline_152'), 'ana,');
    expect(c.knowledge.getAnswer('hotline', 'en')!.text).toContain('152');
    await shot('contacts');
    const reply = await tryBot('hotline phone number');
    await waitForText(reply.locator('.bubble.bot'), '152');
  });

  it('shows an answer containing <script> escaped everywhere', async () => {
    await go('/answers/unpaid_wages/en');
    const evil = 'Ask for your pay <script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">';
    await page.locator('textarea[name=text]').fill(evil);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved.').first().waitFor();
    for (const path of ['/answers/unpaid_wages/en', '/answers']) {
      await go(path);
      expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    }
    await go('/answers/unpaid_wages/en');
    await waitForText(page.locator('#live .bubble'), '<script>window.__pwned = 1</script>');
    expect(await page.locator('#live script, #preview script, #live img').count()).toBe(0);
    const reply = await tryBot('wages not paid for two months');
    await waitForText(reply.locator('.bubble.bot'), '<script>');
    expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });

  it('refuses a POST without the CSRF token', async () => {
    await go('/contacts');
    const status = await page.evaluate(async () => {
      const res = await fetch('/contacts/police/unverify', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
      return res.status;
    });
    expect(status).toBe(403);
    expect(c.knowledge.listContacts({ verifiedOnly: true }).map((x) => x.id)).toContain('police');
  });

  it('cases and stats pages render (stats with local chart.js)', async () => {
    await go('/cases');
    await waitForText(page.locator('main'), 'K7Q2');
    await shot('cases');
    await go('/stats');
    await page.waitForFunction(() => typeof (globalThis as unknown as { Chart?: unknown }).Chart === 'function');
    await page.waitForTimeout(300);
    expect(await page.locator('canvas[data-chart]').count()).toBe(4);
    await shot('stats');
    await (c.app as unknown as { retrainJob: RetrainJob }).retrainJob.settled();
  });

  it('an editor cannot open transcripts', async () => {
    await logOut();
    await logIn('eddie');
    await page.waitForURL(/\/answers$/);
    const res = await go('/cases/1');
    expect(res.status()).toBe(403);
    await waitForText(page.locator('main'), 'not allowed');
    expect(await textOf(page.locator('main'))).not.toContain('My boss took my passport');
  });

  it('throttles wrong passwords with a clear message', async () => {
    await logOut();
    for (let i = 0; i < 5; i++) await logIn('ana', `wrong password ${i}`);
    await waitForText(page.locator('.error'), 'Too many failed attempts for this account');
    await logIn('ana');
    await waitForText(page.locator('.error'), 'locked');
    await shot('login-locked');
  });
});
