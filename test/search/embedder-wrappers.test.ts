import { beforeAll, describe, expect, it } from 'vitest';
import { createBatchingEmbedder } from '../../src/search/batching-embedder.ts';
import { createCachedEmbedder } from '../../src/search/cached-embedder.ts';
import type { Embedder } from '../../src/search/embedder.ts';
import { createLocalEmbedder } from '../../src/search/local-embedder.ts';
import { createWorkerEmbedder } from '../../src/search/worker-embedder.ts';

let local: Embedder;

beforeAll(async () => {
  local = await createLocalEmbedder();
});

/** The real local model, with a record of every call that reaches it. */
function recorded(embedder: Embedder) {
  const calls: string[][] = [];
  let failNext: Error | undefined;
  const wrapped: Embedder = {
    id: embedder.id,
    dimensions: embedder.dimensions,
    async embed(texts, signal) {
      calls.push(texts);
      if (failNext) {
        const error = failNext;
        failNext = undefined;
        throw error;
      }
      return embedder.embed(texts, signal);
    },
  };
  return { embedder: wrapped, calls, failOnce: (error: Error) => (failNext = error) };
}

const closeTo = (actual: number[], expected: number[]) => Math.max(...actual.map((value, index) => Math.abs(value - expected[index]!)));

describe('cached embedder', () => {
  it('gives the model’s own vectors, and asks the model once for a text asked again', async () => {
    const model = recorded(local);
    const cached = createCachedEmbedder({ embedder: model.embedder });
    const [direct] = await local.embed(['Who visited Kabul?']);
    const [first] = await cached.embed(['Who visited Kabul?']);
    const [second] = await cached.embed(['Who visited Kabul?']);
    expect(first).toEqual(direct);
    expect(second).toBe(first);
    expect(model.calls).toEqual([['Who visited Kabul?']]);
    expect(cached.id).toBe(local.id);
  });

  it('shares one model call between concurrent requests for the same text', async () => {
    const model = recorded(local);
    const cached = createCachedEmbedder({ embedder: model.embedder });
    const [a, b] = await Promise.all([cached.embed(['sugar exports']), cached.embed(['sugar exports'])]);
    expect(a[0]).toBe(b[0]);
    expect(model.calls).toHaveLength(1);
  });

  it('forgets the least recently used text beyond maxEntries', async () => {
    const model = recorded(local);
    const cached = createCachedEmbedder({ embedder: model.embedder, maxEntries: 2 });
    await cached.embed(['one']);
    await cached.embed(['two']);
    await cached.embed(['one']); // now the most recent
    await cached.embed(['three']); // evicts "two"
    await cached.embed(['one']);
    await cached.embed(['two']);
    expect(model.calls).toEqual([['one'], ['two'], ['three'], ['two']]);
  });

  it('passes large calls (index building) straight through without caching them', async () => {
    const model = recorded(local);
    const cached = createCachedEmbedder({ embedder: model.embedder, maxTextsPerCachedCall: 2 });
    await cached.embed(['a', 'b', 'c']);
    await cached.embed(['a']);
    expect(model.calls).toEqual([['a', 'b', 'c'], ['a']]);
  });

  it('does not remember a failure: the next call asks the model again', async () => {
    const model = recorded(local);
    const cached = createCachedEmbedder({ embedder: model.embedder });
    model.failOnce(new Error('model unavailable'));
    await expect(cached.embed(['trade routes'])).rejects.toThrow('model unavailable');
    const [vector] = await cached.embed(['trade routes']);
    expect(vector).toHaveLength(512);
    expect(model.calls).toHaveLength(2);
  });

  it('lets one caller give up without failing another waiting for the same text', async () => {
    const cached = createCachedEmbedder({ embedder: local });
    const controller = new AbortController();
    const abandoned = cached.embed(['grain and flour'], controller.signal);
    const kept = cached.embed(['grain and flour']);
    controller.abort(new Error('client went away'));
    await expect(abandoned).rejects.toThrow('client went away');
    expect((await kept)[0]).toHaveLength(512);
  });
});

describe('batching embedder', () => {
  it('sends requests that arrive while the model is busy in one call, each getting its own vectors', async () => {
    const model = recorded(local);
    const batching = createBatchingEmbedder({ embedder: model.embedder });
    const texts = ['Who visited Kabul?', 'What was signed?', 'How large is the population?', 'Which railway?'];
    const results = await Promise.all(texts.map((text) => batching.embed([text])));
    expect(model.calls.flat().sort()).toEqual([...texts].sort());
    expect(model.calls.length).toBeLessThan(texts.length);
    const direct = await local.embed(texts);
    results.forEach(([vector], position) => expect(closeTo(vector!, direct[position]!)).toBeLessThan(1e-5));
  });

  it('keeps batches within maxBatchSize', async () => {
    const model = recorded(local);
    const batching = createBatchingEmbedder({ embedder: model.embedder, maxBatchSize: 3 });
    await Promise.all(['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((text) => batching.embed([text])));
    expect(model.calls.every((call) => call.length <= 3)).toBe(true);
    expect(model.calls.flat()).toHaveLength(7);
  });

  it('fails every request of a failed batch, then serves the next ones', async () => {
    const model = recorded(local);
    const batching = createBatchingEmbedder({ embedder: model.embedder });
    model.failOnce(new Error('model crashed'));
    const failed = await Promise.allSettled([batching.embed(['x']), batching.embed(['y'])]);
    expect(failed.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect((await batching.embed(['z']))[0]).toHaveLength(512);
  });

  it('drops a request whose signal aborted before its turn', async () => {
    const model = recorded(local);
    const batching = createBatchingEmbedder({ embedder: model.embedder });
    const controller = new AbortController();
    const running = batching.embed(['first']);
    const dropped = batching.embed(['second'], controller.signal);
    controller.abort(new Error('gone'));
    await running;
    await expect(dropped).rejects.toThrow('gone');
    expect(model.calls.flat()).not.toContain('second');
  });
});

describe('worker embedder', () => {
  it('gives the same vectors as the model on the main thread, under the same id, and fails after close', async () => {
    const worker = await createWorkerEmbedder();
    try {
      const texts = ['Who visited Kabul?', 'sugar exports'];
      expect(await worker.embed(texts)).toEqual(await local.embed(texts));
      expect(worker.id).toBe(local.id);
      expect(worker.dimensions).toBe(local.dimensions);
    } finally {
      await worker.close();
    }
    await expect(worker.embed(['after close'])).rejects.toThrow(/exited/);
  });
});
