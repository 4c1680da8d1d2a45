import type { Embedder } from './embedder.ts';

export interface BatchingEmbedderOptions {
  embedder: Embedder;
  /** Most texts sent to the model in one call. */
  maxBatchSize?: number;
}

interface PendingCall {
  texts: string[];
  resolve: (vectors: number[][]) => void;
  reject: (error: unknown) => void;
  signal: AbortSignal | undefined;
}

/**
 * Runs one model call at a time and sends every request that arrived meanwhile in the next one.
 * For the local model a call of ten short texts costs about what three single calls do, so under
 * concurrent questions this multiplies throughput; a lone question waits for nothing but the call
 * already running. Meant for a model running in this process, not for a remote API (which would
 * rather take calls in parallel). Large calls (building the index) go straight through.
 */
export function createBatchingEmbedder(options: BatchingEmbedderOptions): Embedder {
  const { embedder } = options;
  const maxBatchSize = options.maxBatchSize ?? 32;
  const queue: PendingCall[] = [];
  let running = false;

  async function drain() {
    running = true;
    try {
      while (queue.length > 0) {
        // Let requests that arrived in this turn of the event loop join the batch.
        await new Promise((resolve) => setImmediate(resolve));
        const batch: PendingCall[] = [];
        let size = 0;
        while (queue.length > 0 && (batch.length === 0 || size + queue[0]!.texts.length <= maxBatchSize)) {
          const call = queue.shift()!;
          if (call.signal?.aborted) {
            call.reject(call.signal.reason);
            continue;
          }
          batch.push(call);
          size += call.texts.length;
        }
        if (batch.length === 0) continue;
        try {
          const vectors = await embedder.embed(batch.flatMap((call) => call.texts));
          let offset = 0;
          for (const call of batch) {
            call.resolve(vectors.slice(offset, offset + call.texts.length));
            offset += call.texts.length;
          }
        } catch (error) {
          for (const call of batch) call.reject(error);
        }
      }
    } finally {
      running = false;
    }
  }

  return {
    id: embedder.id,
    dimensions: embedder.dimensions,
    embed(texts, signal) {
      if (texts.length === 0) return Promise.resolve([]);
      if (texts.length >= maxBatchSize) return embedder.embed(texts, signal);
      if (signal?.aborted) return Promise.reject(signal.reason);
      return new Promise<number[][]>((resolve, reject) => {
        queue.push({ texts, resolve, reject, signal });
        if (!running) void drain();
      });
    },
  };
}
