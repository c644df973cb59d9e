import { afterEach, describe, expect, it } from 'vitest';
import { startConsole, type Console } from './support/harness.js';

describe('GET /healthz', () => {
  let c: Console | undefined;
  afterEach(async () => {
    await c?.app.close();
  });

  it('answers without a login while the database is readable', async () => {
    c = await startConsole();
    const ok = await c.app.inject({ method: 'GET', url: '/healthz' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ ok: true });
    c.db.close();
    const down = await c.app.inject({ method: 'GET', url: '/healthz' });
    expect(down.statusCode).toBe(500);
  });
});
