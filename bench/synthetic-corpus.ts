import { createHash } from 'node:crypto';
import { stopwords } from '@orama/stopwords/english';
import { buildCorpus } from '../src/corpus/load-corpus.ts';
import type { Corpus } from '../src/corpus/types.ts';
import type { Embedder } from '../src/search/embedder.ts';
import { createRandom, type Random } from './random.ts';

const syllables = ['ka', 'zu', 'mer', 'tan', 'ol', 'ri', 'sha', 'bek', 'dor', 'vi', 'lan', 'ost', 'qua', 'pel', 'un', 'ex', 'tor', 'ma', 'gin', 'aru'];

function pseudoWord(random: Random): string {
  const length = 2 + random.integer(3);
  let word = '';
  for (let i = 0; i < length; i++) word += random.pick(syllables);
  return word;
}

export interface SyntheticCorpusOptions {
  documents: number;
  /** Real text whose words make up most of each sentence, so term statistics look like prose. */
  seedCorpus: Corpus;
  seed?: number;
}

/**
 * Generates `documents` documents of two paragraphs of three sentences each (eight chunks a
 * document): function and content words drawn from the seed corpus, plus invented words from a
 * vocabulary that grows with the corpus (as real vocabularies do), skewed so a few are common and most rare.
 */
export function buildSyntheticCorpus(options: SyntheticCorpusOptions): Corpus {
  const random = createRandom(options.seed ?? 11);
  const stopSet = new Set(stopwords as string[]);
  const allWords = options.seedCorpus.documents.flatMap((document) => document.text.match(/[\p{L}][\p{L}’'-]*/gu) ?? []);
  const functionWords = allWords.filter((word) => stopSet.has(word.toLowerCase()));
  const contentWords = allWords.filter((word) => !stopSet.has(word.toLowerCase()));
  const invented = Array.from({ length: Math.max(500, options.documents * 5) }, () => pseudoWord(random));
  const skewed = (items: string[]) => items[Math.floor(items.length * random.next() ** 3)]!;
  const sentence = () => {
    const length = 12 + random.integer(13);
    // Roughly the mix of English prose: half function words, the rest content words, most of them rare.
    const words = Array.from({ length }, () => {
      const roll = random.next();
      if (roll < 0.45) return random.pick(functionWords);
      if (roll < 0.65) return random.pick(contentWords);
      return skewed(invented);
    });
    const text = words.join(' ');
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
  };
  const documents = Array.from({ length: options.documents }, (_, index) => {
    const paragraphs = [0, 1].map(() => [sentence(), sentence(), sentence()].join(' '));
    return {
      id: `synthetic-${index}`,
      title: `Synthetic document ${index}`,
      author: 'Benchmark generator',
      text: paragraphs.join('\n'),
    };
  });
  return buildCorpus(documents);
}

/**
 * An embedder for scale runs: chunk texts of the synthetic corpus get seeded random unit vectors
 * (embedding 80,000 chunks with the local model would take longer than the whole benchmark, and the
 * cost of a vector search does not depend on the values), while queries go to the real embedder.
 */
export function createSyntheticVectorEmbedder(options: { corpus: Corpus; queryEmbedder: Embedder }): Embedder {
  const chunkTexts = new Set(options.corpus.chunks.map((chunk) => chunk.text));
  const { dimensions } = options.queryEmbedder;
  const seededVector = (text: string) => {
    const random = createRandom(createHash('sha256').update(text).digest().readUInt32LE(0));
    const vector = Array.from({ length: dimensions }, () => random.next() * 2 - 1);
    const norm = Math.hypot(...vector);
    return vector.map((value) => value / norm);
  };
  return {
    id: `synthetic-${options.queryEmbedder.id}`,
    dimensions,
    async embed(texts, signal) {
      if (texts.every((text) => chunkTexts.has(text))) return texts.map(seededVector);
      return options.queryEmbedder.embed(texts, signal);
    },
  };
}
