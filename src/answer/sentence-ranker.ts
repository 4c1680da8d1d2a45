import type { SearchIndex } from '../search/search-index.ts';
import type { CorpusVocabulary, SentenceEntry } from './corpus-vocabulary.ts';
import { answerCandidates } from './find-answer-span.ts';
import type { AnswerType } from './question-intent.ts';
import type { TermMatch } from './term-matcher.ts';
import { normalizePunctuation, wordsMatch } from './text.ts';

export interface WeightedTerm {
  match: TermMatch;
  /** 1 for the question's own words, less for words borrowed from the conversation. */
  weight: number;
}

export interface RankedSentence {
  entry: SentenceEntry;
  score: number;
  /** Share of the question's (IDF-weighted) terms this sentence has. */
  lexical: number;
  /** Cosine similarity of the sentence and question vectors. */
  vector: number;
  /** Offsets (in the sentence) where the question's own words occur. */
  anchors: number[];
  /** Stems of the question terms the sentence has. */
  matched: Set<string>;
}

export interface RankOptions {
  signal?: AbortSignal;
  /**
   * Skip the query embedding (the costliest step) when every word of the question is in the
   * text as written: vectors then add little to the ranking and nothing to answerability.
   */
  lexicalOnly?: boolean;
  /** Earlier answers in the conversation (normalised, lower case): a sentence already quoted there ranks lower. */
  alreadyShown?: string;
}

/**
 * Retrieves candidate sentences with Orama (BM25 ∪ vectors) and reranks them by how much of the
 * question they cover, how alike they read, and whether they hold the kind of fact asked for.
 */
export function createSentenceRanker(index: SearchIndex, vocabulary: CorpusVocabulary) {
  async function rank(terms: WeightedTerm[], query: string, answerType: AnswerType | undefined, options: RankOptions = {}): Promise<RankedSentence[]> {
    const vector = options.lexicalOnly ? undefined : await index.embedQuery(query, options.signal);
    // Without vectors the corpus's own spelling of each matched word joins the BM25 query ("collect" finds "collection").
    const textQuery = options.lexicalOnly ? [query, ...terms.flatMap((term) => [...term.match.corpusWords])].join(' ') : query;
    const [textHits, vectorHits] = await Promise.all([
      index.fullText(textQuery, { kind: 'sentence', limit: 40 }),
      vector ? index.vector(query, { kind: 'sentence', limit: 40, vector }) : Promise.resolve([]),
    ]);
    const bm25 = new Map(textHits.map((hit) => [hit.chunk.id, hit.score]));
    const topBm25 = Math.max(1e-9, ...bm25.values());
    const similarity = new Map(vectorHits.map((hit) => [hit.chunk.id, hit.score]));
    const candidateIds = new Set([...bm25.keys(), ...similarity.keys()]);
    const totalWeight = terms.reduce((sum, term) => sum + term.weight * term.match.idf, 0) || 1;
    const ranked: RankedSentence[] = [];
    for (const id of candidateIds) {
      const entry = vocabulary.sentenceById.get(id);
      if (!entry || entry.chunk.isDisclaimer) continue;
      let lexical = 0;
      const anchors: number[] = [];
      const matched = new Set<string>();
      for (const term of terms) {
        const hits = entry.tokens.filter((token) => term.match.corpusStems.has(token.stem) || wordsMatch(term.match.token, token));
        if (hits.length === 0 || term.match.weight === 0) continue;
        lexical += (term.weight * term.match.weight * term.match.idf) / totalWeight;
        matched.add(term.match.token.stem);
        if (term.weight >= 1) anchors.push(...hits.map((token) => token.start));
      }
      const vectorScore = similarity.get(id) ?? 0;
      const typeBonus = answerType && answerCandidates(answerType, entry.chunk.text).length > 0 ? 0.12 : 0;
      const repeated = options.alreadyShown && options.alreadyShown.includes(normalizePunctuation(entry.chunk.text).toLowerCase().replace(/[.!?]$/, '')) ? 0.5 : 1;
      const score = (0.55 * lexical + 0.15 * ((bm25.get(id) ?? 0) / topBm25) + 0.3 * vectorScore + typeBonus) * repeated;
      ranked.push({ entry, score, lexical, vector: vectorScore, anchors, matched });
    }
    return ranked.sort((a, b) => b.score - a.score);
  }

  return {
    rank,
    /** Where in the sentence these terms occur. */
    anchorsOf(sentence: RankedSentence, terms: TermMatch[]): number[] {
      return sentence.entry.tokens
        .filter((token) => terms.some((term) => term.weight > 0 && (term.corpusStems.has(token.stem) || wordsMatch(term.token, token))))
        .map((token) => token.start);
    },
    /** A sentence taken as it stands, for outlines that rank nothing. */
    unranked(entry: SentenceEntry): RankedSentence {
      return { entry, score: 1, lexical: 0, vector: 0, anchors: [], matched: new Set<string>() };
    },
  };
}

export type SentenceRanker = ReturnType<typeof createSentenceRanker>;
