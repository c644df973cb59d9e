import { describe, expect, it } from 'vitest';
import { loadConfig, ConfigError } from '../src/config.js';

describe('loadConfig', () => {
  it('applies the contract defaults', () => {
    const c = loadConfig({});
    expect(c.BOT_TOKEN).toBeUndefined();
    expect(c.TELEGRAM_API_ROOT).toBe('https://api.telegram.org');
    expect(c.DATABASE_PATH).toBe('./data/bot.db');
    expect(c.MODEL_DIR).toBe('./models');
    expect(c.NLU_CACHE_DIR).toBe('./data/nlu-cache');
    expect(loadConfig({ NLU_CACHE_DIR: '/var/cache/haqq' }).NLU_CACHE_DIR).toBe('/var/cache/haqq');
    expect(c.ADMIN_PORT).toBe(8080);
    expect(c.ADMIN_HOST).toBe('127.0.0.1');
    expect(c.HANDOFF_ALERT_MINUTES).toBe(10);
    expect(c.ADMIN_USER_IDS).toEqual([]);
  });

  it('parses ids and numbers', () => {
    const c = loadConfig({ STAFF_CHAT_ID: '-100123', ADMIN_USER_IDS: '1, 2,3', ADMIN_PORT: '0' });
    expect(c.STAFF_CHAT_ID).toBe(-100123);
    expect(c.ADMIN_USER_IDS).toEqual([1, 2, 3]);
    expect(c.ADMIN_PORT).toBe(0);
  });

  it('fails fast naming the bad variable', () => {
    expect(() => loadConfig({ STAFF_CHAT_ID: 'staff' })).toThrow(ConfigError);
    expect(() => loadConfig({ STAFF_CHAT_ID: 'staff' })).toThrow(/STAFF_CHAT_ID/);
    expect(() => loadConfig({ BOT_TOKEN: 'nope' })).toThrow(/BOT_TOKEN/);
    expect(() => loadConfig({ HANDOFF_ALERT_MINUTES: '-3' })).toThrow(/HANDOFF_ALERT_MINUTES/);
    expect(() => loadConfig({ DATA_KEY: 'short' })).toThrow(/DATA_KEY/);
    expect(() => loadConfig({ WEBHOOK_URL: 'https://example.org/hook' })).toThrow(/WEBHOOK_SECRET/);
    expect(loadConfig({ WEBHOOK_URL: 'https://example.org/hook', WEBHOOK_SECRET: 's3cret' }).WEBHOOK_SECRET).toBe('s3cret');
  });
});
