import type { SearchIndex } from '../src/search/search-index.ts';
import { summarize, timeEach, type Summary } from './statistics.ts';

export interface RetrievalResult {
  label: string;
  documents: number;
  chunks: number;
  questions: number;
  /** Building (or restoring) the index, in milliseconds. */
  buildMs: number;
  /** BM25 alone, as the engine asks for it (sentences, top 40). */
  fullText: Summary;
  /** Turning the question into a vector with the index's embedder. */
  embedQuery?: Summary;
  /** Orama hybrid search with the query vector already computed. */
  hybridSearch?: Summary;
  /** What a hybrid query costs end to end: embedding plus hybrid search. */
  hybrid?: Summary;
}

/**
 * Times retrieval over varied questions: BM25 only, then query embedding and hybrid search
 * separately (so the share of each is visible) and together. A few warm-up queries run first.
 * Give it an index whose embedder does not cache, or the end-to-end figure measures the cache.
 */
export async function benchRetrieval(options: { label: string; index: SearchIndex; questions: string[]; buildMs: number }): Promise<RetrievalResult> {
  const { index, questions } = options;
  const search = { kind: 'sentence' as const, limit: 40 };
  for (const question of questions.slice(0, 10)) {
    await index.fullText(question, search);
    await index.hybrid(question, search);
  }
  const result: RetrievalResult = {
    label: options.label,
    documents: index.corpus.documents.length,
    chunks: index.corpus.chunks.length,
    questions: questions.length,
    buildMs: Math.round(options.buildMs),
    fullText: summarize(await timeEach(questions, (question) => index.fullText(question, search))),
  };
  if (!index.embedder) return result;

  const vectors = new Map<string, number[]>();
  result.embedQuery = summarize(
    await timeEach(questions, async (question) => {
      vectors.set(question, (await index.embedQuery(question))!);
    }),
  );
  result.hybridSearch = summarize(await timeEach(questions, (question) => index.hybrid(question, { ...search, vector: vectors.get(question) })));
  result.hybrid = summarize(await timeEach(questions, (question) => index.hybrid(question, search)));
  return result;
}
