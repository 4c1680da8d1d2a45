import { Worker } from 'node:worker_threads';
import type { EmbedderWorkerResponse } from './embedder-worker.ts';
import type { Embedder } from './embedder.ts';

export interface WorkerEmbedder extends Embedder {
  /** Stops the worker; pending and later calls fail. */
  close(): Promise<void>;
}

/**
 * The local model in a worker thread. Its inference is synchronous WebAssembly, which on the main
 * thread would hold up every other request (a health check, the first bytes of a stream) for the
 * whole embedding; in a worker it runs beside them, on the second core. Same model, same vectors,
 * same `id`, so a persisted index stays valid. An idle worker does not keep the process alive.
 */
export async function createWorkerEmbedder(): Promise<WorkerEmbedder> {
  const worker = new Worker(new URL('./embedder-worker.ts', import.meta.url));
  const pending = new Map<number, { resolve: (vectors: number[][]) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  let failure: Error | undefined;

  const failAll = (error: Error) => {
    failure = error;
    for (const call of pending.values()) call.reject(error);
    pending.clear();
  };
  await new Promise<void>((resolve, reject) => {
    worker.on('message', (message: EmbedderWorkerResponse) => {
      if ('ready' in message) return resolve();
      const call = pending.get(message.id);
      if (!call) return;
      pending.delete(message.id);
      if (pending.size === 0) worker.unref();
      if ('error' in message) call.reject(new Error(`Embedding failed in the worker: ${message.error}`));
      else call.resolve(message.vectors);
    });
    worker.once('error', (error) => {
      failAll(error);
      reject(error);
    });
    worker.once('exit', (code) => {
      const error = new Error(`The embedder worker exited (code ${code}).`);
      failAll(error);
      reject(error);
    });
  });
  worker.unref();

  return {
    id: 'energetic-ai/use-lite-512',
    dimensions: 512,
    embed(texts, signal) {
      if (texts.length === 0) return Promise.resolve([]);
      if (failure) return Promise.reject(failure);
      if (signal?.aborted) return Promise.reject(signal.reason);
      const id = nextId++;
      return new Promise<number[][]>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        // Referenced only while a call is out, so an idle worker never keeps the process alive.
        worker.ref();
        worker.postMessage({ id, texts });
      });
    },
    async close() {
      await worker.terminate();
    },
  };
}
