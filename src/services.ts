import type { Config } from './config.ts';
import { loadCorpus } from './corpus/load-corpus.ts';
import { createExtractiveEngine } from './answer/extractive-engine.ts';
import { createCachedEngine } from './answer/cached-engine.ts';
import { createGenerativeEngine } from './answer/create-generative-engine.ts';
import type { Logger } from './logger.ts';
import type { Embedder } from './search/embedder.ts';
import { createBatchingEmbedder } from './search/batching-embedder.ts';
import { createCachedEmbedder } from './search/cached-embedder.ts';
import { createWorkerEmbedder } from './search/worker-embedder.ts';
import { createOpenAIEmbedder } from './search/openai-embedder.ts';
import { createSearchIndex } from './search/search-index.ts';
import { openWordNet } from './lexicon/wordnet.ts';
import type { Services } from './http/app-env.ts';
import { createFeedbackStore } from './feedback/create-feedback-store.ts';
import { recordQuestions } from './feedback/record-questions.ts';
import { createStore } from './store/create-store.ts';
import { createLifecycle } from './http/lifecycle.ts';
import { createBackgroundTasks } from './integrations/background-tasks.ts';

/** Creates the configured embedder; `none` means BM25-only retrieval. */
export async function createEmbedder(config: Config): Promise<Embedder | undefined> {
  if (config.embedder === 'none') return undefined;
  if (config.embedder === 'openai' && config.llm) {
    return createCachedEmbedder({ embedder: createOpenAIEmbedder({ apiKey: config.llm.apiKey, baseURL: config.llm.baseURL, model: config.llm.embeddingModel }) });
  }
  // Query embedding is most of an offline answer's cost: repeats skip it, concurrent ones share a model
  // call, and the model runs in a worker thread so it does not stall the event loop.
  return createCachedEmbedder({ embedder: createBatchingEmbedder({ embedder: await createWorkerEmbedder() }) });
}

/** Loads the corpus, builds or restores the index and picks the answer engine. */
export async function createServices(config: Config, logger: Logger): Promise<Services> {
  const corpus = await loadCorpus(config.corpusDir);
  for (const problem of corpus.problems) logger.warn('corpus document skipped', { problem });
  if (corpus.documents.length === 0) throw new Error(`No usable document in ${config.corpusDir}.`);
  const embedder = await createEmbedder(config);
  const index = await createSearchIndex({
    corpus,
    embedder,
    cacheDirectory: config.cacheDir,
    onEmbedError: (error) => logger.error('query embedding failed; answering with BM25 only', { error }),
  });
  logger.info('index ready', {
    documents: corpus.documents.length,
    chunks: corpus.chunks.length,
    embedder: embedder?.id ?? 'none',
    restored: index.restored,
  });
  const extractive = createCachedEngine({ engine: createExtractiveEngine({ index, wordNet: openWordNet() }) });
  const engine = config.llm
    ? await createGenerativeEngine({ llm: config.llm, promptsDirectory: config.promptsDir, index, fallback: extractive, logger })
    : extractive;
  const store = await createStore({ redisUrl: config.redis?.url, keyPrefix: config.redis?.keyPrefix, logger });
  const feedback = createFeedbackStore({ config, store });
  // Every answered question goes to the question log behind `npm run report`, whatever surface asked it.
  return { config, index, engine: recordQuestions(engine, { store: feedback, logger }), logger, store, feedback, backgroundTasks: createBackgroundTasks({ logger }), lifecycle: createLifecycle() };
}
