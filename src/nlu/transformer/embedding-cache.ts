import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { Embedder } from './embedder.js';

// Wraps an embedder with the SQLite embedding_cache table (migration 003), so the training
// examples are embedded once per model, not at every start.

const hashText = (text: string) => createHash('sha256').update(text).digest('hex');

export function withEmbeddingCache(embedder: Embedder, db: Database, batchSize = 32): Embedder & { misses: number } {
  const get = db.prepare<[string, string], { vector: Buffer }>('SELECT vector FROM embedding_cache WHERE model = ? AND text_hash = ?');
  const put = db.prepare('INSERT OR REPLACE INTO embedding_cache (model, text_hash, vector) VALUES (?, ?, ?)');
  const wrapped = {
    modelId: embedder.modelId,
    misses: 0,
    async embed(texts: readonly string[]) {
      const result: (Float32Array | undefined)[] = texts.map((t) => {
        const row = get.get(embedder.modelId, hashText(t));
        if (!row) return undefined;
        // Copy out of the Buffer's pool so the vector owns aligned memory.
        return new Float32Array(row.vector.buffer.slice(row.vector.byteOffset, row.vector.byteOffset + row.vector.byteLength));
      });
      const missing = texts.map((t, i) => ({ t, i })).filter(({ i }) => !result[i]);
      wrapped.misses += missing.length;
      for (let start = 0; start < missing.length; start += batchSize) {
        const batch = missing.slice(start, start + batchSize);
        const vectors = await embedder.embed(batch.map((m) => m.t));
        db.transaction(() => {
          batch.forEach((m, k) => {
            const v = vectors[k]!;
            result[m.i] = v;
            put.run(embedder.modelId, hashText(m.t), Buffer.from(v.buffer, v.byteOffset, v.byteLength));
          });
        })();
      }
      return result as Float32Array[];
    },
  };
  return wrapped;
}
