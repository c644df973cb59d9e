import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('classify command', () => {
  it('answers line by line, in order, with ids copied and errors in place', () => {
    const input = [
      JSON.stringify({ id: 'a1', text: 'my boss does not pay my salary', extra: 5 }),
      'this is not json',
      '',
      JSON.stringify({ id: 2, text: 'x'.repeat(100_000) }),
      JSON.stringify({ id: 'b', text: '\u0000\u0007 😀 ☃' }),
      JSON.stringify({ id: 'c', text: 'salam' }),
    ].join('\n');
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/nlu/cli/classify.ts'], { cwd: root, input, encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(6);
    expect(lines[0]).toMatchObject({ id: 'a1', extra: 5, text: 'my boss does not pay my salary' });
    expect(lines[0]!.intent).toBeTypeOf('string');
    expect(lines[0]!.confidence).toBeTypeOf('number');
    expect(lines[0]!.language).toBe('en');
    expect(lines[0]!.risk).toMatchObject({ level: expect.any(String), indicators: expect.any(Array) });
    expect(lines[1]!.error).toMatch(/JSON/);
    expect(lines[2]!.error).toBeTypeOf('string');
    expect(lines[3]!.id).toBe(2);
    expect(lines[4]).toMatchObject({ id: 'b', intent: 'out_of_scope' });
    expect(lines[5]).toMatchObject({ id: 'c', intent: 'greeting' });
  });
});
