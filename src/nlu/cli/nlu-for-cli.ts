import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { loadConfig } from '../../config.js';
import { createLogger } from '../../logger.js';
import { createNlu } from '../create-nlu.js';
import type { Nlu } from '../types.js';

// The NLU as the command-line tools use it: training data from the project's intents folder, no
// database, no network, logs on stderr (stdout carries only results).

export const PROJECT_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export function argValue(args: readonly string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

export async function createCliNlu(args: readonly string[] = process.argv.slice(2)): Promise<Nlu> {
  const logger = createLogger(argValue(args, '--log-level') ?? 'warn', pino.destination(2));
  return createNlu({
    intentsDir: argValue(args, '--intents') ?? `${PROJECT_ROOT}intents`,
    modelDir: argValue(args, '--model-dir') ?? `${PROJECT_ROOT}models`,
    // The bot's cache (NLU_CACHE_DIR, default ./data/nlu-cache): the CLIs and the bot share trained engines.
    cacheDir: argValue(args, '--cache-dir') ?? loadConfig({ NLU_CACHE_DIR: process.env.NLU_CACHE_DIR }).NLU_CACHE_DIR,
    logger,
  });
}
