import { createOpenAI } from '@ai-sdk/openai';
import { embedMany } from 'ai';
import type { Embedder } from './embedder.ts';

export interface OpenAIEmbedderOptions {
  apiKey: string | undefined;
  baseURL: string | undefined;
  model: string;
  /** Vector size of the model; text-embedding-3-small gives 1536. */
  dimensions?: number;
}

/** Embeddings through the AI SDK's `embedMany`, against OpenAI or any compatible server. */
export function createOpenAIEmbedder(options: OpenAIEmbedderOptions): Embedder {
  const provider = createOpenAI({ apiKey: options.apiKey ?? 'not-needed', baseURL: options.baseURL });
  const model = provider.embedding(options.model);
  const dimensions = options.dimensions ?? 1536;
  return {
    id: `openai/${options.model}/${dimensions}`,
    dimensions,
    async embed(texts, signal) {
      if (texts.length === 0) return [];
      const { embeddings } = await embedMany({ model, values: texts, abortSignal: signal, maxRetries: 1 });
      return embeddings;
    },
  };
}
