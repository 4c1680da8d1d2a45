import type { Corpus } from '../corpus/types.ts';
import type { CorpusVocabulary } from './corpus-vocabulary.ts';
import type { AnswerType } from './question-intent.ts';
import type { TermMatch, TermMatcher } from './term-matcher.ts';
import { contentWords, normalizePunctuation, type Token } from './text.ts';

// Words that name the kind of fact asked for: a candidate of that kind in a sentence stands for them.
const answerTypeWords: Record<AnswerType, RegExp> = {
  money: /^(money|cost|costs|price|value|valued|amount|sum|total|dollars|much|worth|financial|monetary)$/,
  count: /^(number|many|total|figure|count|amount|much|size|large|big)$/,
  date: /^(date|dates|day|days|month|year|time|when|period|long|duration|last|lasted)$/,
  place: /^(place|location|where|area|site|destination)$/,
  person: /^(person|official|name|individual|someone|people|whom)$/,
  author: /^(person|name|wrote|write|written|authored|writer|author)$/,
  publisher: /^(published|publish|publishes|publisher|publishing|organisation|organization|institution)$/,
};

// Words that say how to answer, not what about: they never make a question answerable.
const metaWords = [
  'commentary', 'author', 'text', 'article', 'piece', 'say', 'says', 'said', 'mention', 'mentions', 'mentioned', 'tell', 'explain',
  'describe', 'according', 'write', 'wrote', 'written', 'does', 'did', 'main', 'point', 'points', 'summarize', 'summarise', 'summary',
  'sum', 'recap', 'outline', 'overview', 'gist', 'nutshell', 'final', 'argument', 'arguments',
  'list', 'name', 'give', 'discuss', 'discussed', 'talk', 'please', 'know', 'info', 'information', 'detail', 'details', 'happen', 'happened',
  'kind', 'type', 'sort', 'exactly', 'specific', 'specifically', 'really', 'actually', 'overall', 'key', 'major', 'important',
];

export interface QuestionTerms {
  /** The words a question is about, each matched against the corpus. */
  focusTerms(text: string, answerType?: AnswerType): TermMatch[];
  /** Names, acronyms and numbers in the question that the corpus never mentions. */
  unknownEntities(text: string): string[];
  /** Names in the question that the corpus does mention ("Kazakhstan" in "population of Kazakhstan"). */
  knownEntities(text: string): Token[];
  /** The IDF-weighted share of the terms the corpus covers, synonyms counting less. */
  coverage(terms: TermMatch[]): number;
}

export function createQuestionTerms(corpus: Corpus, vocabulary: CorpusVocabulary, matcher: TermMatcher): QuestionTerms {
  // Naming the author (or the author's affiliation) says who wrote it, not what the question is about.
  const authorNames = corpus.documents.flatMap((document) => `${document.author} ${document.authorRole ?? ''}`.toLowerCase().split(/\s+/).filter((word) => word.length > 3));
  const ignored = new Set([...metaWords, ...authorNames]);

  return {
    focusTerms(text, answerType) {
      const seen = new Set<string>();
      // "What is his position?" asks for a description of someone named earlier, not about positions.
      const describing = new Set([...text.matchAll(/\b(?:his|her|their|its)\s+(position|role|title|job|post|rank|office|background|affiliation)\b/gi)].map((match) => match[1]!.toLowerCase()));
      const typeWords = answerType ? answerTypeWords[answerType] : undefined;
      return contentWords(text)
        .filter((token) => {
          if (ignored.has(token.lower) || describing.has(token.lower) || token.lower.length < 2 || seen.has(token.stem)) return false;
          seen.add(token.stem);
          return true;
        })
        .map((token) => matcher.match(token))
        // A word naming the kind of fact ("money", "official") counts when the text uses it, and is not held against the question when it does not.
        .filter((term) => !typeWords?.test(term.token.lower) || term.strength === 'exact');
    },
    unknownEntities(text) {
      return contentWords(normalizePunctuation(text))
        .filter((token) => {
          if (ignored.has(token.lower)) return false;
          const capitalised = /^[A-Z]/.test(token.word) && token.start > 0;
          const acronym = /^[A-Z]{2,}$/.test(token.word);
          const number = /^\$?\d/.test(token.word);
          if (capitalised || acronym) return !vocabulary.hasName(token);
          return !vocabulary.has(token) && (number || (token.lower.length > 3 && matcher.match(token).looksLikeName));
        })
        .map((token) => token.word);
    },
    knownEntities(text) {
      return contentWords(normalizePunctuation(text)).filter((token) => /^[A-Z]/.test(token.word) && token.start > 0 && vocabulary.has(token));
    },
    coverage(terms) {
      if (terms.length === 0) return 1;
      let total = 0;
      let matched = 0;
      for (const term of terms) {
        total += term.idf;
        matched += term.idf * term.weight;
      }
      return matched / total;
    },
  };
}
