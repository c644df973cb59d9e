import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { createBot } from '../../src/bot/create-bot.js';
import { createConsoleChat } from '../../src/bot/console-chat.js';
import { loadConfig } from '../../src/config.js';
import { createI18n } from '../../src/i18n/i18n.js';
import { createLogger } from '../../src/logger.js';
import { openDatabase } from '../../src/storage/database.js';
import { FakeHandoff, FakeKnowledgeBase, FakeNlu } from '../support/fakes.js';

vi.mock('../../src/nlu/risk/accumulate.js', async () => ({
  accumulateRisk: (await import('../support/fakes.js')).fakeAccumulateRisk,
}));

describe('console chat', () => {
  it('prints replies with numbered buttons; a number presses a button; no network', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (d) => (printed += String(d)));
    const chat = createConsoleChat({ input, output });
    const db = openDatabase(':memory:');
    const nlu = new FakeNlu().on('they do not pay me', { intent: 'unpaid_wages' });
    const { bot } = createBot(
      {
        config: loadConfig({ TELEGRAM_API_ROOT: 'http://127.0.0.1:9' }), // unreachable: would fail if used
        db,
        i18n: createI18n(join(import.meta.dirname, '../../locales')),
        nlu,
        knowledge: new FakeKnowledgeBase(),
        handoff: new FakeHandoff(),
        logger: createLogger('silent'),
      },
      { botInfo: chat.botInfo, innerTransformers: [chat.transformer], outgoingLimits: false, rateLimit: false },
    );
    const done = chat.run(bot);
    input.end('/start\n1\nthey do not pay me\n/clear\n');
    await done;
    expect(printed).toMatch(/Choose your language:\n {2}\[1\] English\n {2}\[2\] Azərbaycanca/);
    expect(printed).toMatch(/I am not the police/); // pressing [1] chose English and showed the note
    expect(printed).toContain('[en] answer about unpaid_wages');
    expect(printed).toMatch(/\(\d+ messages deleted\)/);
    db.close();
  });
});
