import { afterAll, beforeAll, expect, it } from 'vitest';
import { addUser, login, startConsole, type Console } from './support/harness.js';

let c: Console;
beforeAll(async () => {
  c = await startConsole();
  await addUser(c, 'ana', 'admin');
});
afterAll(() => c.close());

it('renders every page for an admin', async () => {
  const s = await login(c, 'ana');
  for (const url of ['/answers', '/answers/registration/ru', '/training', '/training?topic=registration', '/missed', '/contacts', '/cases', '/cases/1', '/stats', '/stats.csv', '/audit', '/try', '/users']) {
    const res = await c.app.inject({ method: 'GET', url, headers: { cookie: s.cookie } });
    if (res.statusCode !== 200) console.log(url, res.statusCode, res.body.slice(0, 2000));
    expect(res.statusCode, url).toBe(200);
  }
});
