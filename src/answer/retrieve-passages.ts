import type { Chunk } from '../corpus/types.ts';
import type { SearchIndex } from '../search/search-index.ts';
import type { Passage } from './verify-answer.ts';
import { isQuotable } from './quotable.ts';

export interface RetrievePassagesOptions {
  index: SearchIndex;
  query: string;
  /** How many retrieved sentences the model sees; the sentences that follow the top hits come on top. */
  limit?: number;
  signal?: AbortSignal;
}

const followedHits = 3;

/**
 * The sentences most relevant to `query` (Orama hybrid search), each of the top three with the sentence that follows it,
 * numbered from 1 in the order they stand in the text so the model reads them as prose. The disclaimer is policy, not content, and
 * is left out, and so is any sentence that is not quotable (see `isQuotable`).
 */
export async function retrievePassages(options: RetrievePassagesOptions): Promise<Passage[]> {
  const { index } = options;
  const limit = options.limit ?? 8;
  const vector = await index.embedQuery(options.query, options.signal);
  const hits = await index.hybrid(options.query, { kind: 'sentence', limit: limit + 2, vector });
  // Instructions, links and institute positions inside documents never reach the model.
  const ranked = hits.map((hit) => hit.chunk).filter((chunk) => !chunk.isDisclaimer && isQuotable(chunk.text));
  // The sentence after a top hit often continues it ("This move, he argues, …"), so it comes along.
  const chosen = new Map<string, Chunk>();
  for (const chunk of ranked.slice(0, followedHits)) {
    chosen.set(chunk.id, chunk);
    const next = index.chunk(`${chunk.docId}:p${chunk.passage}:s${chunk.sentence + 1}`);
    if (next && !next.isDisclaimer && isQuotable(next.text)) chosen.set(next.id, next);
  }
  for (const chunk of ranked) {
    if (chosen.size >= limit + followedHits) break;
    chosen.set(chunk.id, chunk);
  }
  const chunks = [...chosen.values()].sort((a, b) => a.docId.localeCompare(b.docId) || a.start - b.start);
  return chunks.map((chunk, position) => ({ n: position + 1, chunk }));
}

/** The passages as the prompt shows them: one `[n] text` a line. */
export function formatPassages(passages: Passage[]): string {
  return passages.map((passage) => `[${passage.n}] ${passage.chunk.text.replace(/\s+/g, ' ').trim()}`).join('\n');
}
