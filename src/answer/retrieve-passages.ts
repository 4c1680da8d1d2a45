import type { SearchIndex } from '../search/search-index.ts';
import type { Passage } from './verify-answer.ts';

export interface RetrievePassagesOptions {
  index: SearchIndex;
  query: string;
  /** How many sentences the model sees. */
  limit?: number;
  signal?: AbortSignal;
}

/**
 * The sentences most relevant to `query` (Orama hybrid search), numbered from 1 in the order they
 * stand in the text so the model reads them as prose. The disclaimer is policy, not content, and
 * is left out.
 */
export async function retrievePassages(options: RetrievePassagesOptions): Promise<Passage[]> {
  const limit = options.limit ?? 8;
  const vector = await options.index.embedQuery(options.query, options.signal);
  const hits = await options.index.hybrid(options.query, { kind: 'sentence', limit: limit + 2, vector });
  const chunks = hits
    .map((hit) => hit.chunk)
    .filter((chunk) => !chunk.isDisclaimer)
    .slice(0, limit)
    .sort((a, b) => a.docId.localeCompare(b.docId) || a.start - b.start);
  return chunks.map((chunk, position) => ({ n: position + 1, chunk }));
}

/** The passages as the prompt shows them: one `[n] text` a line. */
export function formatPassages(passages: Passage[]): string {
  return passages.map((passage) => `[${passage.n}] ${passage.chunk.text.replace(/\s+/g, ' ').trim()}`).join('\n');
}
