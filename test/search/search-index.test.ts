import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCorpus, loadCorpus } from '../../src/corpus/load-corpus.ts';
import type { Embedder } from '../../src/search/embedder.ts';
import { createLocalEmbedder } from '../../src/search/local-embedder.ts';
import { createSearchIndex, type SearchIndex } from '../../src/search/search-index.ts';
import { projectRoot } from '../support/test-services.ts';

let embedder: Embedder;
let index: SearchIndex;

beforeAll(async () => {
  embedder = await createLocalEmbedder();
  const corpus = await loadCorpus(join(projectRoot, 'corpus'));
  index = await createSearchIndex({ corpus, embedder, cacheDirectory: join(projectRoot, '.cache') });
});

describe('search index', () => {
  it('finds the sentence that holds a fact with BM25 (stemmed: "exported sugar" meets "sugar exports")', async () => {
    const [hit] = await index.fullText('exported sugar', { kind: 'sentence', limit: 3 });
    expect(hit!.chunk.text).toContain('surge in sugar exports');
  });

  it('finds a paraphrase with vectors ("people live" for "population")', async () => {
    const hits = await index.vector('How many people live in Afghanistan?', { kind: 'sentence', limit: 3 });
    expect(hits.map((hit) => hit.chunk.text).some((text) => text.includes('population exceeding 41 million'))).toBe(true);
  });

  it('blends both in hybrid mode and can be limited to passages', async () => {
    const [hit] = await index.hybrid('geological mission province', { kind: 'passage', limit: 1 });
    expect(hit!.chunk.kind).toBe('passage');
    expect(hit!.chunk.text).toContain('Nuristan Province');
  });

  it('persists the built index and restores it without re-embedding, keyed by corpus and embedder', async () => {
    const cacheDirectory = await mkdtemp(join(tmpdir(), 'index-cache-'));
    const corpus = buildCorpus([{ id: 'tiny', title: 'Tiny', author: 'Ann', text: 'Apples grow in Almaty. Pears do not.' }]);
    let embedCalls = 0;
    const countingEmbedder: Embedder = { ...embedder, embed: async (texts) => (embedCalls++, embedder.embed(texts)) };
    const built = await createSearchIndex({ corpus, embedder: countingEmbedder, cacheDirectory });
    expect(built.restored).toBe(false);
    expect(await readdir(cacheDirectory)).toHaveLength(1);
    const before = (await built.vector('apples', { kind: 'sentence', limit: 1 }))[0]!.chunk.id;
    const callsAfterBuild = embedCalls;
    const restored = await createSearchIndex({ corpus, embedder: countingEmbedder, cacheDirectory });
    expect(restored.restored).toBe(true);
    expect(embedCalls).toBe(callsAfterBuild);
    // Vector search still works after restoring: the stored vectors survived the earlier search.
    expect((await restored.vector('apples', { kind: 'sentence', limit: 1 }))[0]!.chunk.id).toBe(before);
    const otherEmbedder = await createSearchIndex({ corpus, cacheDirectory });
    expect(otherEmbedder.restored).toBe(false);
  });

  it('works without an embedder (BM25 only)', async () => {
    const corpus = buildCorpus([{ id: 'tiny', title: 'Tiny', author: 'Ann', text: 'Apples grow in Almaty. Pears do not.' }]);
    const bm25Only = await createSearchIndex({ corpus });
    expect(await bm25Only.vector('apples')).toEqual([]);
    expect((await bm25Only.hybrid('pears', { kind: 'sentence' }))[0]!.chunk.text).toBe('Pears do not.');
  });
});

describe('a failing embedder', () => {
  it('degrades search to BM25 and reports the error instead of failing the question', async () => {
    const corpus = buildCorpus([{ id: 'tiny', title: 'Tiny', author: 'Ann', text: 'Apples grow in Almaty. Pears do not.' }]);
    let healthy = true;
    const flaky: Embedder = { ...embedder, embed: async (texts) => (healthy ? embedder.embed(texts) : Promise.reject(new Error('worker exited'))) };
    const errors: unknown[] = [];
    const index = await createSearchIndex({ corpus, embedder: flaky, onEmbedError: (error) => errors.push(error) });
    healthy = false;
    expect(await index.embedQuery('pears')).toBeUndefined();
    expect(errors).toHaveLength(1);
    expect((await index.hybrid('pears', { kind: 'sentence' }))[0]!.chunk.text).toBe('Pears do not.');
  });
});
