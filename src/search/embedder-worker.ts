import { parentPort } from 'node:worker_threads';
import { createLocalEmbedder } from './local-embedder.ts';

/** The worker side of createWorkerEmbedder: loads the local model once and embeds what it is sent. */
export type EmbedderWorkerRequest = { id: number; texts: string[] };
export type EmbedderWorkerResponse = { id: number; vectors: number[][] } | { id: number; error: string } | { ready: true };

const port = parentPort!;
const embedder = await createLocalEmbedder();
port.on('message', async (request: EmbedderWorkerRequest) => {
  try {
    port.postMessage({ id: request.id, vectors: await embedder.embed(request.texts) } satisfies EmbedderWorkerResponse);
  } catch (error) {
    port.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) } satisfies EmbedderWorkerResponse);
  }
});
port.postMessage({ ready: true } satisfies EmbedderWorkerResponse);
