import type { LocatedModel } from './model-locator.js';

// Sentence embeddings with @xenova/transformers from a local folder only (no hub access at run
// time): mean pooling over the attention mask, L2-normalised, so cosine similarity is a dot product.

export interface Embedder {
  readonly modelId: string;
  embed(texts: readonly string[]): Promise<Float32Array[]>;
}

export async function createEmbedder(modelDir: string, model: LocatedModel): Promise<Embedder> {
  const transformers = await import('@xenova/transformers');
  transformers.env.allowRemoteModels = false;
  transformers.env.allowLocalModels = true;
  transformers.env.localModelPath = modelDir.endsWith('/') ? modelDir : `${modelDir}/`;
  const extractor = await transformers.pipeline('feature-extraction', model.id, { quantized: model.quantized });
  return {
    modelId: model.id,
    async embed(texts) {
      if (texts.length === 0) return [];
      const output = await extractor(texts.map((t) => model.prefix + t), { pooling: 'mean', normalize: true });
      const [rows, dim] = output.dims as [number, number];
      const data = output.data as Float32Array;
      return Array.from({ length: rows }, (_, i) => data.slice(i * dim, (i + 1) * dim));
    },
  };
}
