import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { SerialisedEngines } from './engines.js';

// Where trained engines are kept between restarts: a folder (NLU_CACHE_DIR, shared by every
// database, the bot and the command-line tools, so a fresh database or test process starts warm),
// or the database's nlu_engine_cache table (migration 003) when no folder is configured.
// Keys hash the training data, so an edit of any example misses the cache and trains again.
// The cache is an optimisation only: anything unreadable means "train again".

export interface EngineCache {
  get(key: string): SerialisedEngines | undefined;
  put(key: string, value: SerialisedEngines): void;
}

/**
 * Entries of the same job other than the newest few are dropped, so the cache doesn't grow forever.
 * A few, not one: the bot (examples from its database), the CLIs (from intents/) and tests share it.
 */
const KEEP_PER_JOB = 4;

export function sqliteEngineCache(db: Database, now: () => number = Date.now): EngineCache {
  return {
    get(key) {
      const row = db.prepare('SELECT meta, weights FROM nlu_engine_cache WHERE key = ?').get(key) as { meta: string; weights: Buffer } | undefined;
      if (!row || row.weights.byteLength % 4 !== 0) return undefined;
      // Copy into an aligned buffer: a Buffer slice may start at an odd offset.
      const weights = new Float32Array(row.weights.byteLength / 4);
      new Uint8Array(weights.buffer).set(row.weights);
      return { meta: row.meta, weights };
    },
    put(key, value) {
      const job = key.split('-')[0] ?? key;
      const bytes = Buffer.from(value.weights.buffer, value.weights.byteOffset, value.weights.byteLength);
      db.transaction(() => {
        db.prepare('INSERT OR REPLACE INTO nlu_engine_cache (key, meta, weights, created_at) VALUES (?, ?, ?, ?)').run(key, value.meta, bytes, now());
        db.prepare(
          `DELETE FROM nlu_engine_cache WHERE key LIKE ? AND key NOT IN
             (SELECT key FROM nlu_engine_cache WHERE key LIKE ? ORDER BY created_at DESC LIMIT ?)`,
        ).run(`${job}-%`, `${job}-%`, KEEP_PER_JOB);
      })();
    },
  };
}

export function fileEngineCache(dir: string): EngineCache {
  return {
    get(key) {
      try {
        const meta = readFileSync(join(dir, `${key}.json`), 'utf8');
        const bin = readFileSync(join(dir, `${key}.bin`));
        if (bin.byteLength % 4 !== 0) return undefined;
        const weights = new Float32Array(bin.byteLength / 4);
        new Uint8Array(weights.buffer).set(bin);
        return { meta, weights };
      } catch {
        return undefined;
      }
    },
    put(key, value) {
      mkdirSync(dir, { recursive: true });
      const base = join(dir, key);
      // Write then rename, under a name of this process: a crash mid-write never leaves a half
      // file under the real name, and processes sharing the folder (e2e tests) never mix writes.
      const tmp = `.${process.pid}-${Math.random().toString(36).slice(2)}.tmp`;
      writeFileSync(`${base}.bin${tmp}`, Buffer.from(value.weights.buffer, value.weights.byteOffset, value.weights.byteLength));
      writeFileSync(`${base}.json${tmp}`, value.meta);
      renameSync(`${base}.bin${tmp}`, `${base}.bin`);
      renameSync(`${base}.json${tmp}`, `${base}.json`);
      prune(dir, key.split('-')[0] ?? key);
    },
  };
}

function prune(dir: string, job: string): void {
  const metas = readdirSync(dir)
    .filter((f) => f.startsWith(`${job}-`) && f.endsWith('.json'))
    .map((f) => ({ f, at: statSync(join(dir, f), { throwIfNoEntry: false })?.mtimeMs ?? 0 }))
    .sort((a, b) => b.at - a.at);
  for (const { f } of metas.slice(KEEP_PER_JOB)) {
    const base = join(dir, f.slice(0, -'.json'.length));
    rmSync(`${base}.json`, { force: true });
    rmSync(`${base}.bin`, { force: true });
  }
}
