import type { Chunk, Corpus } from '../corpus/types.ts';
import { isQuotable } from './quotable.ts';
import { contentWords, type Token, wordsMatch } from './text.ts';

export interface SentenceEntry {
  chunk: Chunk;
  tokens: Token[];
}

/** Word statistics of the corpus, computed once: what words it has and how rare each is. */
export interface CorpusVocabulary {
  sentences: SentenceEntry[];
  sentenceById: Map<string, SentenceEntry>;
  /** Whether the corpus has this word (loosely: Russian matches Russia). */
  has(token: Token): boolean;
  /**
   * Whether the corpus has this name: loosely, but never through part of a longer name
   * ("India" is not in a text that only has "the Indian Ocean").
   */
  hasName(token: Token): boolean;
  /** Stems of the corpus words this word matches (loosely). */
  matchingStems(token: Token): string[];
  /** The corpus's spelling of a word with this stem. */
  wordFor(stem: string): string | undefined;
  /** Stems of each sentence's words, by chunk id. */
  sentenceStems: Map<string, Set<string>>;
  /** Inverse sentence frequency; a word the corpus lacks gets the highest weight. */
  idf(token: Token): number;
}

export function buildVocabulary(corpus: Corpus): CorpusVocabulary {
  const sentences = corpus.chunks
    // The disclaimer is policy, cited by the policy answers; it is never content.
    .filter((chunk) => chunk.kind === 'sentence' && (chunk.isDisclaimer || isQuotable(chunk.text)))
    .map((chunk) => ({ chunk, tokens: contentWords(chunk.text) }));
  const byStem = new Map<string, Token>();
  const documentFrequency = new Map<string, number>();
  for (const sentence of sentences) {
    const seen = new Set<string>();
    for (const token of sentence.tokens) {
      if (!byStem.has(token.stem)) byStem.set(token.stem, token);
      seen.add(token.stem);
    }
    for (const stem of seen) documentFrequency.set(stem, (documentFrequency.get(stem) ?? 0) + 1);
  }
  const vocabulary = [...byStem.values()];
  // Words inside multi-word names ("Indian Ocean", "Nuristan Province") do not stand alone as names.
  const nameParts = new Set<string>();
  for (const sentence of sentences) {
    for (const match of sentence.chunk.text.matchAll(/\b[A-Z][\p{L}'’-]*(?:\s+[A-Z][\p{L}'’-]*)+/gu)) {
      for (const word of match[0].split(/\s+/)) nameParts.add(word.toLowerCase().replace(/['’]s$/, ''));
    }
  }
  const cache = new Map<string, string[]>();
  const matchingStems = (token: Token): string[] => {
    const cached = cache.get(token.lower);
    if (cached) return cached;
    const stems = byStem.has(token.stem) ? [token.stem] : vocabulary.filter((word) => wordsMatch(token, word)).map((word) => word.stem);
    if (cache.size > 50_000) cache.clear();
    cache.set(token.lower, stems);
    return stems;
  };
  const total = Math.max(1, sentences.length);
  return {
    sentences,
    sentenceById: new Map(sentences.map((sentence) => [sentence.chunk.id, sentence])),
    has: (token) => matchingStems(token).length > 0,
    hasName: (token) =>
      byStem.has(token.stem) ||
      vocabulary.some((word) => word.lower === token.lower || (wordsMatch(token, word) && !nameParts.has(word.lower))),
    matchingStems,
    wordFor: (stem) => byStem.get(stem)?.lower,
    sentenceStems: new Map(sentences.map((sentence) => [sentence.chunk.id, new Set(sentence.tokens.map((token) => token.stem))])),
    idf: (token) => {
      const frequency = Math.max(0, ...matchingStems(token).map((stem) => documentFrequency.get(stem) ?? 0));
      return Math.log(1 + total / (1 + frequency));
    },
  };
}
