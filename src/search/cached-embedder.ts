import type { Embedder } from './embedder.ts';

export interface CachedEmbedderOptions {
  embedder: Embedder;
  /** Most vectors kept; the least recently used goes first. A 512-d vector is about 4 KB. */
  maxEntries?: number;
  /**
   * Calls with more texts than this (building the index) go straight through, so they neither
   * fill the cache with chunk texts nor push out the query vectors.
   */
  maxTextsPerCachedCall?: number;
}

/** Waits for `promise`, or rejects with the signal's reason as soon as `signal` aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/**
 * Remembers the vectors of recent texts, so a question asked again (or retrieval run twice for one
 * question) skips the model. Concurrent requests for the same text share one computation; that
 * computation is not tied to any one caller's signal, so a caller who gives up does not fail the
 * others (it only stops waiting). A failed computation is forgotten, so the next call retries.
 */
export function createCachedEmbedder(options: CachedEmbedderOptions): Embedder {
  const { embedder } = options;
  const maxEntries = options.maxEntries ?? 1000;
  const maxTextsPerCachedCall = options.maxTextsPerCachedCall ?? 16;
  const cache = new Map<string, Promise<number[]>>();

  function remember(text: string, vector: Promise<number[]>) {
    cache.set(text, vector);
    while (cache.size > maxEntries) cache.delete(cache.keys().next().value!);
  }

  return {
    id: embedder.id,
    dimensions: embedder.dimensions,
    async embed(texts, signal) {
      if (texts.length > maxTextsPerCachedCall) return embedder.embed(texts, signal);
      const missing = [...new Set(texts.filter((text) => !cache.has(text)))];
      if (missing.length > 0) {
        const computed = embedder.embed(missing);
        missing.forEach((text, position) => {
          const vector = computed.then((vectors) => vectors[position]!);
          vector.catch(() => {
            if (cache.get(text) === vector) cache.delete(text);
          });
          remember(text, vector);
        });
      }
      const vectors = texts.map((text) => {
        const vector = cache.get(text)!;
        // Re-inserting marks the entry as the most recently used.
        cache.delete(text);
        cache.set(text, vector);
        return vector;
      });
      return untilAborted(Promise.all(vectors), signal);
    },
  };
}
