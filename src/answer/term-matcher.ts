import type { WordNet } from '../lexicon/wordnet.ts';
import { senseOf } from '../lexicon/related-words.ts';
import type { CorpusVocabulary } from './corpus-vocabulary.ts';
import { stem, type Token } from './text.ts';

export type MatchStrength = 'exact' | 'strong' | 'weak' | 'none';

export interface TermMatch {
  token: Token;
  strength: MatchStrength;
  /** How much a match of this term counts: 1 exact, less for a synonym or a definition word. */
  weight: number;
  /** Stems of the corpus words that stand for this term. */
  corpusStems: Set<string>;
  /** Those corpus words as the text spells them. */
  corpusWords: Set<string>;
  /** Rarity in the corpus; a word the corpus lacks counts as rarest. */
  idf: number;
  /** Only a proper noun in WordNet (a country, a person): a name the text does not have. */
  looksLikeName: boolean;
}

const strengthWeight: Record<MatchStrength, number> = { exact: 1, strong: 0.7, weak: 0.3, none: 0 };

/**
 * Matches question words to corpus words: the same word (loosely stemmed), else a WordNet
 * synonym, hypernym or derived form ("deals" → "agreements", "people" → "population"),
 * else a word of its definition.
 */
export function createTermMatcher(vocabulary: CorpusVocabulary, wordNet: WordNet | undefined) {
  const cache = new Map<string, Omit<TermMatch, 'token'>>();

  function withWords(match: Omit<TermMatch, 'token' | 'corpusWords'>): Omit<TermMatch, 'token'> {
    const corpusWords = new Set([...match.corpusStems].flatMap((corpusStem) => vocabulary.wordFor(corpusStem) ?? []));
    return { ...match, corpusWords };
  }

  function toStems(words: Set<string>): Set<string> {
    const stems = new Set<string>();
    for (const word of words) {
      const token: Token = { word, lower: word, stem: stem(word), start: 0, end: word.length };
      for (const corpusStem of vocabulary.matchingStems(token)) stems.add(corpusStem);
    }
    return stems;
  }

  function compute(token: Token): Omit<TermMatch, 'token' | 'corpusWords'> {
    const exact = vocabulary.matchingStems(token);
    // An unmatched adverb ("sharply") says little about what is asked.
    const idf = vocabulary.idf(token) * (/ly$/.test(token.lower) && token.lower.length > 4 ? 0.3 : 1);
    if (exact.length > 0) return { strength: 'exact', weight: 1, corpusStems: new Set(exact), idf, looksLikeName: false };
    if (!wordNet || /^[\d$]/.test(token.lower)) return { strength: 'none', weight: 0, corpusStems: new Set(), idf, looksLikeName: /^[\d$]/.test(token.lower) };
    const sense = senseOf(wordNet, token.lower);
    // Unknown to WordNet is not enough: irregular forms ("meant", "took") and typos are not names.
    const looksLikeName = sense.known && sense.properNounOnly;
    const strong = toStems(sense.strong);
    if (strong.size > 0) return { strength: 'strong', weight: strengthWeight.strong, corpusStems: strong, idf, looksLikeName };
    const weak = toStems(sense.weak);
    if (weak.size > 0) return { strength: 'weak', weight: strengthWeight.weak, corpusStems: weak, idf, looksLikeName };
    return { strength: 'none', weight: 0, corpusStems: new Set(), idf, looksLikeName };
  }

  return {
    match(token: Token): TermMatch {
      let result = cache.get(token.lower);
      if (!result) {
        result = withWords(compute(token));
        if (cache.size > 20_000) cache.clear();
        cache.set(token.lower, result);
      }
      return { token, ...result };
    },
  };
}

export type TermMatcher = ReturnType<typeof createTermMatcher>;
