import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import 'dotenv/config';
import { loadConfig } from '../../config.js';
import { DEFAULT_MODEL, downloadModel } from '../transformer/download.js';

// npm run model:download [-- --model Xenova/multilingual-e5-small --base-url https://huggingface.co]
// Needs internet (the Dockerfile runs it at build time); the bot itself never downloads.

async function main() {
  const { values } = parseArgs({
    options: {
      model: { type: 'string', default: DEFAULT_MODEL },
      'base-url': { type: 'string', default: 'https://huggingface.co' },
    },
  });
  const config = loadConfig(process.env);
  const repo = values.model!;
  const bar = new cliProgress.SingleBar(
    { format: '{file} [{bar}] {percentage}% {value}/{total} bytes', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let current = '';
  const dir = await downloadModel({
    repo,
    modelDir: config.MODEL_DIR,
    baseUrl: values['base-url'],
    prefix: /e5/i.test(repo) ? 'query: ' : '',
    onProgress: ({ file, received, total }) => {
      if (file !== current) {
        if (current) bar.stop();
        current = file;
        bar.start(total ?? 0, 0, { file });
      }
      bar.update(received, { file });
    },
  });
  if (current) bar.stop();
  console.log(`model ready in ${dir}`);
}

main().catch((err) => {
  console.error(`model:download failed: ${err instanceof Error ? err.message : String(err)}`);
  console.error('Without a model the bot uses its lexical engine; nothing else is affected.');
  process.exit(1);
});
