import { createWriteStream, mkdirSync, renameSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

// Fetches a transformers.js-layout model from a Hugging Face-compatible server into MODEL_DIR.
// Each file goes to a .part file first and is renamed when complete, so an interrupted download
// never leaves a half model that the bot would try to load.

export const DEFAULT_MODEL = 'Xenova/paraphrase-multilingual-MiniLM-L12-v2';
export const MODEL_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model_quantized.onnx'];

export interface DownloadProgress {
  file: string;
  received: number;
  total: number | undefined;
}

export async function downloadModel(options: {
  repo: string;
  modelDir: string;
  baseUrl?: string;
  files?: readonly string[];
  revision?: string;
  prefix?: string;
  onProgress?: (p: DownloadProgress) => void;
  fetchImpl?: typeof fetch;
}): Promise<string> {
  const base = (options.baseUrl ?? 'https://huggingface.co').replace(/\/$/, '');
  const files = options.files ?? MODEL_FILES;
  const target = join(options.modelDir, options.repo);
  const doFetch = options.fetchImpl ?? fetch;
  for (const file of files) {
    const dest = join(target, file);
    if (existsSync(dest)) continue;
    const url = `${base}/${options.repo}/resolve/${options.revision ?? 'main'}/${file}`;
    const res = await doFetch(url);
    if (!res.ok || !res.body) throw new Error(`download failed: ${url} → HTTP ${res.status}`);
    const totalHeader = res.headers.get('content-length');
    const total = totalHeader ? Number(totalHeader) : undefined;
    let received = 0;
    mkdirSync(dirname(dest), { recursive: true });
    const part = `${dest}.part`;
    const body = Readable.fromWeb(res.body as never);
    body.on('data', (chunk: Buffer) => {
      received += chunk.length;
      options.onProgress?.({ file, received, total });
    });
    try {
      await pipeline(body, createWriteStream(part));
    } catch (err) {
      rmSync(part, { force: true });
      throw err;
    }
    if (total !== undefined && received !== total) {
      rmSync(part, { force: true });
      throw new Error(`download of ${file} incomplete: ${received} of ${total} bytes`);
    }
    renameSync(part, dest);
  }
  if (options.prefix !== undefined) writeFileSync(join(target, 'haqq.json'), JSON.stringify({ prefix: options.prefix }));
  return target;
}
