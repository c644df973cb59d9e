import { createServer } from 'node:http';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadModel } from '../../../src/nlu/transformer/download.js';
import { locateModel } from '../../../src/nlu/transformer/model-locator.js';
import { writeTinyBertModel } from '../../support/tiny-model.js';

// A loopback server laid out like the Hugging Face hub serves the tiny model.
describe('downloadModel', () => {
  const source = writeTinyBertModel(mkdtempSync(join(tmpdir(), 'haqq-src-')), 'tiny');
  let baseUrl = '';
  let truncate = false;
  const server = createServer((req, res) => {
    const m = /^\/org\/tiny\/resolve\/main\/(.+)$/.exec(req.url ?? '');
    const path = m ? join(source, m[1]!) : '';
    if (!m || !existsSync(path)) {
      res.writeHead(404).end();
      return;
    }
    const body = readFileSync(path);
    res.writeHead(200, { 'content-length': body.length });
    if (!truncate) return void res.end(body);
    // Promise more bytes than sent, then drop the connection: a cut-off download.
    res.write(body.subarray(0, 3), () => res.destroy());
  });
  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const files = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx'];

  it('downloads every file with progress into a folder the locator accepts', async () => {
    const modelDir = mkdtempSync(join(tmpdir(), 'haqq-dl-'));
    const seen = new Set<string>();
    await downloadModel({ repo: 'org/tiny', modelDir, baseUrl, files, onProgress: (p) => seen.add(p.file) });
    expect([...seen].sort()).toEqual([...files].sort());
    expect(locateModel(modelDir)?.id).toBe('org/tiny');
  });

  it('fails on a missing file and leaves no partial model', async () => {
    const modelDir = mkdtempSync(join(tmpdir(), 'haqq-dl-'));
    await expect(downloadModel({ repo: 'org/tiny', modelDir, baseUrl, files: ['config.json', 'nope.bin'] })).rejects.toThrow(/404/);
    expect(locateModel(modelDir)).toBeUndefined();
  });

  it('rejects a short body instead of keeping a truncated file', async () => {
    const modelDir = mkdtempSync(join(tmpdir(), 'haqq-dl-'));
    truncate = true;
    try {
      await expect(downloadModel({ repo: 'org/tiny', modelDir, baseUrl, files: ['tokenizer.json'] })).rejects.toThrow();
    } finally {
      truncate = false;
    }
    expect(existsSync(join(modelDir, 'org/tiny/tokenizer.json'))).toBe(false);
  });
});
