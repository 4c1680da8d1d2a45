import type { Chunk, CorpusDocument } from '../corpus/types.ts';
import type { SearchIndex } from '../search/search-index.ts';
import { AnswerBuilder } from './answer-builder.ts';
import { condenseQuestion } from './condense-question.ts';
import { buildVocabulary, type SentenceEntry } from './corpus-vocabulary.ts';
import { answerCandidates, pickAnswerSpan, type AnswerSpan } from './find-answer-span.ts';
import { classifyQuestion, type QuestionIntent } from './question-intent.ts';
import { createTermMatcher, type TermMatch } from './term-matcher.ts';
import { contentWords, normalizePunctuation, wordsMatch } from './text.ts';
import type { WordNet } from '../lexicon/wordnet.ts';
import type { Answer, AnswerEngine, AnswerEvent, Question } from './types.ts';

export interface ExtractiveEngineOptions {
  index: SearchIndex;
  /** Synonyms for matching paraphrases; without it only the question's own words match. */
  wordNet?: WordNet;
}

interface WeightedTerm {
  match: TermMatch;
  /** 1 for the question's own words, less for words borrowed from the conversation. */
  weight: number;
}

interface RankedSentence {
  entry: SentenceEntry;
  score: number;
  lexical: number;
  vector: number;
  /** Offsets (in the sentence) where question words occur. */
  anchors: number[];
  matched: Set<string>;
}

// Words that name the kind of fact asked for: a candidate of that kind in a sentence stands for them.
const answerTypeWords: Record<NonNullable<QuestionIntent['answerType']>, RegExp> = {
  money: /^(money|cost|costs|price|value|valued|amount|sum|total|dollars|much|worth|financial|monetary)$/,
  count: /^(number|many|total|figure|count|amount|much|size|large|big)$/,
  date: /^(date|dates|day|days|month|year|time|when|period|long|duration|last|lasted)$/,
  place: /^(place|location|where|area|site|destination)$/,
  person: /^(person|official|name|individual|someone|people|whom)$/,
  author: /^(person|name|wrote|write|written|authored|writer|author)$/,
};

// Words that say how to answer, not what about: they never make a question answerable.
const metaWords = new Set([
  'commentary', 'author', 'text', 'article', 'piece', 'say', 'says', 'said', 'mention', 'mentions', 'mentioned', 'tell', 'explain',
  'describe', 'according', 'write', 'wrote', 'written', 'does', 'did', 'main', 'point', 'points', 'summarize', 'summarise', 'summary',
  'list', 'name', 'give', 'discuss', 'discussed', 'talk', 'please', 'know', 'info', 'information', 'detail', 'details', 'happen', 'happened',
  'kind', 'type', 'sort', 'exactly', 'specific', 'specifically', 'really', 'actually', 'overall', 'key', 'major', 'important', 'saidov',
]);

const attributionOpening = /^(as\s+)?(shokhrukh\s+)?(saidov|the author|the commentary|he|in conclusion, the author|this move, he argues)\b/i;

/** Thresholds for "the text answers this", measured on the dev set and our own paraphrase probes. */
const minimumCoverage = 0.5;
const minimumVectorAlone = 0.5;
const minimumVectorForSynonyms = 0.35;

/**
 * The offline engine: retrieves sentences with Orama (BM25 and vectors), reranks them by how
 * much of the question they cover, and answers only with cited spans of the text.
 */
export function createExtractiveEngine(options: ExtractiveEngineOptions): AnswerEngine {
  const { index } = options;
  const vocabulary = buildVocabulary(index.corpus);
  const matcher = createTermMatcher(vocabulary, options.wordNet);
  const documents = new Map(index.corpus.documents.map((document) => [document.id, document]));
  const disclaimerChunk = index.corpus.chunks.find((chunk) => chunk.kind === 'sentence' && chunk.isDisclaimer);
  const disclaimerDocument = disclaimerChunk ? documents.get(disclaimerChunk.docId) : index.corpus.documents[0];
  const disclaimer =
    disclaimerDocument?.disclaimer ??
    'The publisher does not take institutional positions on any issues; the views represented are those of the author(s).';
  const authorLabel = (document: CorpusDocument | undefined) => (document ? document.author : 'the author');

  function focusTerms(text: string, answerType?: QuestionIntent['answerType']): TermMatch[] {
    const seen = new Set<string>();
    const typeWords = answerType ? answerTypeWords[answerType] : undefined;
    return contentWords(text)
      .filter((token) => {
        if (metaWords.has(token.lower) || token.lower.length < 2 || seen.has(token.stem)) return false;
        seen.add(token.stem);
        return true;
      })
      .map((token) => matcher.match(token))
      // A word naming the kind of fact ("money", "official") counts when the text uses it, and is not held against the question when it does not.
      .filter((term) => !typeWords?.test(term.token.lower) || term.strength === 'exact');
  }

  /** Names, acronyms and numbers in the question that the corpus never mentions. */
  function unknownEntities(text: string): string[] {
    return contentWords(normalizePunctuation(text))
      .filter((token) => {
        if (metaWords.has(token.lower) || vocabulary.has(token)) return false;
        const capitalised = /^[A-Z]/.test(token.word) && token.start > 0;
        const acronym = /^[A-Z]{2,}$/.test(token.word);
        const number = /^\$?\d/.test(token.word);
        return capitalised || acronym || number || (token.lower.length > 3 && matcher.match(token).looksLikeName);
      })
      .map((token) => token.word);
  }

  /** Names in the question that the corpus does mention ("Kazakhstan" in "population of Kazakhstan"). */
  function knownEntities(text: string) {
    return contentWords(normalizePunctuation(text)).filter((token) => /^[A-Z]/.test(token.word) && token.start > 0 && vocabulary.has(token));
  }

  function coverage(terms: TermMatch[]): number {
    if (terms.length === 0) return 1;
    let total = 0;
    let matched = 0;
    for (const term of terms) {
      total += term.idf;
      matched += term.idf * term.weight;
    }
    return matched / total;
  }

  async function rank(terms: WeightedTerm[], query: string, answerType: QuestionIntent['answerType'], signal?: AbortSignal): Promise<RankedSentence[]> {
    const vector = await index.embedQuery(query, signal);
    const [textHits, vectorHits] = await Promise.all([
      index.fullText(query, { kind: 'sentence', limit: 40 }),
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
      const score = 0.55 * lexical + 0.15 * ((bm25.get(id) ?? 0) / topBm25) + 0.3 * vectorScore + typeBonus;
      ranked.push({ entry, score, lexical, vector: vectorScore, anchors, matched });
    }
    return ranked.sort((a, b) => b.score - a.score);
  }

  function anchorsOf(sentence: RankedSentence, terms: TermMatch[]): number[] {
    return sentence.entry.tokens
      .filter((token) => terms.some((term) => term.weight > 0 && (term.corpusStems.has(token.stem) || wordsMatch(term.token, token))))
      .map((token) => token.start);
  }

  /** The shortest run of clauses that holds the answer span and the question's words. */
  function quoteWindow(sentence: RankedSentence, span: AnswerSpan | undefined): { start: number; end: number } {
    const text = sentence.entry.chunk.text;
    const words = text.split(/\s+/).length;
    if (words <= 40 || (!span && sentence.anchors.length === 0)) return { start: 0, end: text.length };
    const boundaries = [0];
    for (const match of text.matchAll(/(?:,|;|:|\s[—–-])\s+/g)) boundaries.push(match.index + match[0].length);
    boundaries.push(text.length);
    let best = { start: 0, end: text.length, score: -Infinity };
    for (let i = 0; i < boundaries.length - 1; i++) {
      for (let j = i + 1; j < boundaries.length; j++) {
        const start = boundaries[i]!;
        const end = boundaries[j]!;
        const windowWords = text.slice(start, end).split(/\s+/).length;
        if (windowWords < 10) continue;
        if (span && (span.start < start || span.end > end)) continue;
        const covered = sentence.anchors.filter((anchor) => anchor >= start && anchor < end).length;
        const score = covered - windowWords * 0.02;
        if (score > best.score) best = { start, end, score };
      }
    }
    // Clause punctuation and a leading "argues that" stay outside the quote.
    const slice = text.slice(best.start, best.end);
    const trimmed = slice.replace(/[\s,;:—–-]+$/, '');
    const reporting = /^(?:he\s+|she\s+|the author\s+)?(?:argues|contends|notes|says|suggests|claims|writes|observes|stresses)\s+that\s+/i.exec(trimmed);
    const start = best.start + (reporting && best.start > 0 ? reporting[0].length : 0);
    return { start, end: best.start + trimmed.length };
  }

  function present(builder: AnswerBuilder, sentence: RankedSentence, span?: AnswerSpan): string {
    const chunk = sentence.entry.chunk;
    const window = quoteWindow(sentence, span);
    const marker = builder.cite(chunk, window.start, window.end);
    const quote = chunk.text.slice(window.start, window.end).replace(/[.!?]$/, '');
    const whole = window.start === 0 && window.end >= chunk.text.length - 1;
    if (whole && attributionOpening.test(quote)) return `${quote} ${marker}.`;
    return `According to the commentary, “${quote}” ${marker}.`;
  }

  function citeDisclaimer(builder: AnswerBuilder): string {
    if (!disclaimerChunk) return '';
    return ` ${builder.cite(disclaimerChunk)}`;
  }

  function noPositionStatement(builder: AnswerBuilder): string {
    const author = authorLabel(disclaimerDocument);
    return `The IAIS does not take institutional positions on any issues; the views in the commentary are those of its author, ${author}${citeDisclaimer(builder)}.`;
  }

  function notFound(reason?: string): Answer {
    const builder = new AnswerBuilder();
    builder.add(reason ?? 'The commentary does not answer that, so I can’t answer it from the text.');
    return builder.build('not_found', disclaimer);
  }

  /** The author's view on the topic of a question, when the text has one. */
  async function authorView(builder: AnswerBuilder, text: string, signal?: AbortSignal): Promise<boolean> {
    const terms = focusTerms(text);
    if (terms.length === 0 || unknownEntities(text).length > 0 || coverage(terms) < minimumCoverage) return false;
    const ranked = await rank(terms.map((match) => ({ match, weight: 1 })), text, undefined, signal);
    const best = ranked[0];
    if (!best || (best.lexical < minimumCoverage && best.vector < minimumVectorAlone)) return false;
    builder.add(`On this question, here is what the author, ${authorLabel(documents.get(best.entry.chunk.docId))}, argues:`);
    builder.add(present(builder, best));
    return true;
  }

  async function answerPolicy(intent: QuestionIntent, signal?: AbortSignal): Promise<Answer> {
    const builder = new AnswerBuilder();
    switch (intent.policy) {
      case 'injection': {
        builder.add('I can’t follow instructions that change how I answer: I only report what the commentary says, and I don’t take positions.');
        builder.add(noPositionStatement(builder));
        break;
      }
      case 'institution': {
        builder.add(noPositionStatement(builder));
        await authorView(builder, intent.remainder, signal);
        break;
      }
      case 'opinion': {
        builder.add('I don’t offer opinions of my own, and the commentary’s publisher takes none either.');
        builder.add(noPositionStatement(builder));
        await authorView(builder, intent.remainder, signal);
        break;
      }
      case 'off_task':
        return notFound('I can only answer questions about the commentary, from its text; that request is outside what it covers.');
      case undefined:
        break;
    }
    return builder.build('answered', disclaimer);
  }

  /** "Who is Saidov?": a question about the person the metadata names as the author. */
  function asksWhoTheAuthorIs(question: string): boolean {
    if (!/^\s*who\b/i.test(question)) return false;
    const names = index.corpus.documents.flatMap((document) => document.author.toLowerCase().split(/\s+/));
    const words = contentWords(question).map((token) => token.lower);
    return words.length > 0 && words.every((word) => names.includes(word));
  }

  function answerAuthor(): Answer | undefined {
    const document = index.corpus.documents[0];
    if (!document) return undefined;
    for (const entry of vocabulary.sentences) {
      const chunk = entry.chunk;
      const at = chunk.text.indexOf(document.author);
      if (at < 0) continue;
      let end = at + document.author.length;
      if (document.authorRole) {
        const role = chunk.text.indexOf(document.authorRole, end);
        if (role >= 0 && role - end <= 3) end = role + document.authorRole.length;
      }
      const builder = new AnswerBuilder();
      const marker = builder.cite(chunk, at, end);
      const role = document.authorRole ? `, ${document.authorRole}` : '';
      builder.add(`The commentary was written by ${document.author}${role} ${marker}.`);
      return builder.build('answered', disclaimer);
    }
    return undefined;
  }

  async function answer(question: Question): Promise<Answer> {
    const intent = classifyQuestion(question.question);
    if (intent.policy === 'injection' && intent.remainder !== question.question.trim() && focusTerms(intent.remainder).length > 0) {
      // The instruction is dropped and the genuine question beside it answered from the text as usual.
      const answered = await answer({ ...question, question: intent.remainder });
      if (answered.outcome === 'answered') {
        return { ...answered, answer: `I’ll ignore the instruction in your message and answer only from the commentary. ${answered.answer}` };
      }
    }
    if (intent.policy) return answerPolicy(intent, question.signal);
    if (unknownEntities(intent.remainder).length > 0) return notFound();
    if (intent.answerType === 'author' || asksWhoTheAuthorIs(intent.remainder)) {
      const byline = answerAuthor();
      if (byline) return byline;
    }

    const standalone = condenseQuestion(intent.remainder, question.history);
    const ownTerms = focusTerms(standalone.question, intent.answerType);
    const contextTerms = focusTerms(standalone.context).filter((term) => !ownTerms.some((own) => own.token.stem === term.token.stem));
    // Borrowed words give a follow-up its subject; when it names its own subject they only break ties.
    const ownSubject = ownTerms.some((term) => term.strength === 'exact' && !/^[A-Z]/.test(term.token.word));
    const terms: WeightedTerm[] = [
      ...ownTerms.map((match) => ({ match, weight: 1 })),
      ...contextTerms.map((match) => ({ match, weight: ownSubject ? 0.25 : 0.5 })),
    ];
    if (terms.length === 0 && !intent.summary) return notFound();

    const query = standalone.context ? `${standalone.question} ${standalone.context}` : standalone.question;
    const ranked = await rank(terms, query, intent.answerType, question.signal);
    const best = ranked[0];
    if (!best) return notFound();
    const ownCoverage = coverage(ownTerms.length > 0 ? ownTerms : contextTerms);
    const answerable = intent.summary || ownCoverage >= minimumCoverage || best.vector >= minimumVectorAlone;
    if (!answerable || (!intent.summary && best.lexical === 0 && best.vector < minimumVectorAlone)) return notFound();
    // Synonyms alone are weak evidence: with no word of the question's topic found as written, the passage must also read alike.
    const entityStems = new Set(knownEntities(standalone.question).map((entity) => entity.stem));
    const topicTerms = ownTerms.filter((term) => !entityStems.has(term.token.stem));
    const exactTopic = topicTerms.some((term) => term.strength === 'exact') || (ownTerms.length === 0 && contextTerms.length > 0);
    if (!intent.summary && !intent.answerType && !exactTopic && best.vector < minimumVectorForSynonyms) return notFound();

    const builder = new AnswerBuilder();
    if (intent.summary) {
      const chosen = summarySentences(ranked, terms.length > 0);
      for (const sentence of chosen) builder.add(present(builder, sentence));
      return builder.build('answered', disclaimer);
    }

    // "Who is Serik Zhumangarin?" asks for a description, not for another name.
    const asksForFact = intent.answerType && !(intent.answerType === 'person' && topicTerms.length === 0);
    if (intent.answerType && asksForFact) {
      // A fact about a named thing must come from a sentence that names it: Afghanistan's population is not Kazakhstan's.
      const entities = knownEntities(standalone.question);
      const namesAll = (sentence: RankedSentence) => entities.every((entity) => sentence.entry.tokens.some((token) => wordsMatch(entity, token)));
      let blockedByEntity = false;
      for (const sentence of ranked.slice(0, 3)) {
        if (sentence.score < best.score * 0.7) continue;
        // The fact must sit near what the question asks about, not merely near a name it mentions.
        // A follow-up's topic ("When did he go there?") is partly in the conversation.
        const topicAnchors = anchorsOf(sentence, ownSubject ? topicTerms : [...topicTerms, ...contextTerms.filter((term) => !entityStems.has(term.token.stem))]);
        if (topicTerms.some((term) => term.weight > 0) && topicAnchors.length === 0) continue;
        const candidates = answerCandidates(intent.answerType, sentence.entry.chunk.text).filter(
          (candidate) => intent.answerType !== 'count' || topicAnchors.some((anchor) => Math.abs(anchor - candidate.start) < 60),
        );
        const span = pickAnswerSpan(candidates, topicAnchors.length > 0 ? topicAnchors : sentence.anchors, standalone.question);
        if (!span) continue;
        if (!namesAll(sentence)) {
          blockedByEntity = true;
          continue;
        }
        const lead = span.text.charAt(0).toUpperCase() + span.text.slice(1);
        builder.add(`${lead}: ${present(builder, sentence, span).replace(/^According/, 'according')}`);
        return builder.build('answered', disclaimer);
      }
      // No name, date, place or sum where the text discusses the topic: the text does not give it. A count may still be a list.
      if (blockedByEntity || intent.answerType !== 'count') return notFound();
    }

    builder.add(present(builder, best));
    const second = ranked[1];
    if (second && second.score >= best.score * 0.85 && [...second.matched].some((stem) => !best.matched.has(stem))) {
      builder.add(present(builder, second));
    }
    return builder.build('answered', disclaimer);
  }

  function summarySentences(ranked: RankedSentence[], focused: boolean): RankedSentence[] {
    if (focused) {
      const top = ranked[0]!;
      const samePassage = ranked.filter((sentence) => sentence.entry.chunk.docId === top.entry.chunk.docId && sentence.entry.chunk.passage === top.entry.chunk.passage);
      return samePassage.slice(0, 3).sort((a, b) => a.entry.chunk.start - b.entry.chunk.start);
    }
    // No topic named: the opening sentence of each passage outlines the argument.
    const openings = vocabulary.sentences.filter((entry) => entry.chunk.sentence === 0 && !entry.chunk.isDisclaimer).slice(0, 4);
    return openings.map((entry) => ({ entry, score: 1, lexical: 0, vector: 0, anchors: [], matched: new Set<string>() }));
  }

  async function* stream(question: Question): AsyncIterable<AnswerEvent> {
    const result = await answer(question);
    // Offline answers are ready at once; they still stream a sentence at a time, as generated ones do.
    for (const sentence of result.answer.match(/[^.!?]+[.!?]+(?:\s+|$)|[^.!?]+$/g) ?? [result.answer]) {
      yield { type: 'text-delta', delta: sentence };
    }
    yield { type: 'answer', answer: result };
  }

  return { name: 'extractive', answer, stream };
}

export type { Chunk };
