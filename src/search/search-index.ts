import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { create, insertMultiple, load, save, search, type AnyOrama, type AnySchema, type RawData } from '@orama/orama';
import { stemmer } from '@orama/stemmers/english';
import { stopwords } from '@orama/stopwords/english';
import type { Chunk, Corpus } from '../corpus/types.ts';
import type { Embedder } from './embedder.ts';

export interface SearchHit {
  chunk: Chunk;
  score: number;
}

export interface SearchOptions {
  limit?: number;
  kind?: Chunk['kind'];
  /** A precomputed query vector; computed from the query when absent and an embedder is set. */
  vector?: number[];
}

export interface SearchIndex {
  corpus: Corpus;
  embedder: Embedder | undefined;
  /** Whether the index came from the on-disk cache rather than being built (and embedded) now. */
  restored: boolean;
  chunk(id: string): Chunk | undefined;
  embedQuery(query: string, signal?: AbortSignal): Promise<number[] | undefined>;
  /** BM25 over chunk text (stemmed, stop words removed). */
  fullText(query: string, options?: SearchOptions): Promise<SearchHit[]>;
  /** Cosine similarity against chunk vectors; empty without an embedder. */
  vector(query: string, options?: SearchOptions): Promise<SearchHit[]>;
  /** Orama's hybrid mode: BM25 and vector scores, normalised and blended. */
  hybrid(query: string, options?: SearchOptions): Promise<SearchHit[]>;
}

export interface CreateSearchIndexOptions {
  corpus: Corpus;
  embedder?: Embedder;
  /** Where the built index is persisted, keyed by corpus and embedder; no persistence when absent. */
  cacheDirectory?: string;
  /** Told when a query could not be embedded and search fell back to BM25 alone. */
  onEmbedError?: (error: unknown) => void;
}

const indexFormatVersion = 1;

function schemaFor(dimensions: number | undefined): AnySchema {
  return {
    id: 'string',
    docId: 'string',
    kind: 'enum',
    text: 'string',
    ...(dimensions ? { embedding: `vector[${dimensions}]` } : {}),
  } as AnySchema;
}

function createDatabase(dimensions: number | undefined): AnyOrama {
  return create({
    schema: schemaFor(dimensions),
    components: { tokenizer: { language: 'english', stemming: true, stemmer, stopWords: stopwords } },
  }) as AnyOrama;
}

/**
 * Builds the Orama index for a corpus, or restores it from `cacheDirectory` when a copy made
 * from the same corpus hash, embedder and format exists, so a restart does not re-embed.
 */
export async function createSearchIndex(options: CreateSearchIndexOptions): Promise<SearchIndex> {
  const { corpus, embedder } = options;
  const chunksById = new Map(corpus.chunks.map((chunk) => [chunk.id, chunk]));
  const dimensions = embedder?.dimensions;
  const cacheFile = options.cacheDirectory
    ? join(options.cacheDirectory, `index-v${indexFormatVersion}-${corpus.hash}-${(embedder?.id ?? 'none').replace(/[^A-Za-z0-9._-]/g, '_')}.json`)
    : undefined;

  let database = createDatabase(dimensions);
  let restored = false;
  if (cacheFile) {
    const raw = await readFile(cacheFile, 'utf8').catch(() => undefined);
    if (raw) {
      try {
        load(database, JSON.parse(raw) as RawData);
        restored = true;
      } catch {
        database = createDatabase(dimensions);
      }
    }
  }
  if (!restored) {
    const vectors = embedder ? await embedder.embed(corpus.chunks.map((chunk) => chunk.text)) : [];
    await insertMultiple(
      database,
      corpus.chunks.map((chunk, index) => ({
        id: chunk.id,
        docId: chunk.docId,
        kind: chunk.kind,
        text: chunk.text,
        ...(embedder ? { embedding: vectors[index] } : {}),
      })),
    );
    if (cacheFile && options.cacheDirectory) {
      // Persisted before any search: Orama's vector search clears stored vectors it returns.
      await mkdir(options.cacheDirectory, { recursive: true });
      const temporary = `${cacheFile}.${process.pid}.tmp`;
      await writeFile(temporary, JSON.stringify(save(database)));
      await rename(temporary, cacheFile);
    }
  }

  const toHits = (result: { hits: Array<{ id: string; score: number }> }): SearchHit[] =>
    result.hits.flatMap((hit) => {
      const chunk = chunksById.get(hit.id);
      return chunk ? [{ chunk, score: hit.score }] : [];
    });

  const where = (kind: Chunk['kind'] | undefined) => (kind ? { kind: { eq: kind } } : undefined);

  async function embedQuery(query: string, signal?: AbortSignal) {
    if (!embedder) return undefined;
    try {
      const [vector] = await embedder.embed([query], signal);
      return vector;
    } catch (error) {
      // A caller that went away is not an embedder failure.
      if (signal?.aborted) throw error;
      // Without a query vector search is BM25 only: a failed model degrades answers, it does not stop them.
      options.onEmbedError?.(error);
      return undefined;
    }
  }

  async function fullText(query: string, searchOptions: SearchOptions = {}) {
    const result = await search(database, {
      term: query,
      properties: ['text'],
      limit: searchOptions.limit ?? 10,
      where: where(searchOptions.kind),
    } as never);
    return toHits(result as never);
  }

  return {
    corpus,
    embedder,
    restored,
    chunk: (id) => chunksById.get(id),
    embedQuery,
    fullText,
    async vector(query, searchOptions = {}) {
      if (!embedder) return [];
      const value = searchOptions.vector ?? (await embedQuery(query));
      if (!value) return [];
      const result = await search(database, {
        mode: 'vector',
        vector: { value, property: 'embedding' },
        similarity: -1,
        includeVectors: true,
        limit: searchOptions.limit ?? 10,
        where: where(searchOptions.kind),
      } as never);
      return toHits(result as never);
    },
    async hybrid(query, searchOptions = {}) {
      if (!embedder) return fullText(query, searchOptions);
      const value = searchOptions.vector ?? (await embedQuery(query));
      if (!value) return fullText(query, searchOptions);
      const result = await search(database, {
        mode: 'hybrid',
        term: query,
        properties: ['text'],
        vector: { value, property: 'embedding' },
        similarity: 0.1,
        includeVectors: true,
        limit: searchOptions.limit ?? 10,
        where: where(searchOptions.kind),
      } as never);
      return toHits(result as never);
    },
  };
}
