import type { Chunk, CorpusDocument } from '../corpus/types.ts';
import type { SearchIndex } from '../search/search-index.ts';
import type { WordNet } from '../lexicon/wordnet.ts';
import { AnswerBuilder } from './answer-builder.ts';
import { condenseQuestion } from './condense-question.ts';
import { buildVocabulary } from './corpus-vocabulary.ts';
import { answerCandidates, pickAnswerSpan } from './find-answer-span.ts';
import { createPolicyStatements } from './policy-statements.ts';
import { classifyQuestion, type QuestionIntent } from './question-intent.ts';
import { createQuestionTerms } from './question-terms.ts';
import { createQuotePresenter } from './quote-presenter.ts';
import { createSentenceRanker, type RankedSentence, type WeightedTerm } from './sentence-ranker.ts';
import { createTermMatcher } from './term-matcher.ts';
import { contentWords, normalizePunctuation, wordsMatch } from './text.ts';
import { streamAnswer } from './stream-answer.ts';
import type { Answer, AnswerEngine, AnswerEvent, Question } from './types.ts';

export interface ExtractiveEngineOptions {
  index: SearchIndex;
  /** Synonyms for matching paraphrases; without it only the question's own words match. */
  wordNet?: WordNet;
}

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
  const corpus = index.corpus;
  const vocabulary = buildVocabulary(corpus);
  const terms = createQuestionTerms(corpus, vocabulary, createTermMatcher(vocabulary, options.wordNet));
  const ranker = createSentenceRanker(index, vocabulary);
  const presenter = createQuotePresenter(corpus);
  const policy = createPolicyStatements(corpus);

  function notFound(reason = policy.notInText): Answer {
    return new AnswerBuilder().add(reason).build('not_found', policy.disclaimer);
  }

  /** The author's view on the topic of a question, when the text has one. */
  async function addAuthorView(builder: AnswerBuilder, text: string, signal?: AbortSignal): Promise<void> {
    const focus = terms.focusTerms(text);
    if (focus.length === 0 || terms.unknownEntities(text).length > 0 || terms.coverage(focus) < minimumCoverage) return;
    const [best] = await ranker.rank(focus.map((match) => ({ match, weight: 1 })), text, undefined, { signal });
    if (!best || (best.lexical < minimumCoverage && best.vector < minimumVectorAlone)) return;
    builder.add(policy.authorViewIntro(corpus.documents.find((document) => document.id === best.entry.chunk.docId)?.author ?? policy.author));
    builder.add(presenter.present(builder, best));
  }

  async function answerPolicy(intent: QuestionIntent, signal?: AbortSignal): Promise<Answer> {
    const builder = new AnswerBuilder();
    switch (intent.policy) {
      case 'injection':
        builder.add(policy.refuseInstruction).add(policy.noPosition(builder));
        break;
      case 'institution':
        builder.add(policy.noPosition(builder));
        await addAuthorView(builder, intent.remainder, signal);
        break;
      case 'opinion':
        builder.add(policy.noOpinion).add(policy.noPosition(builder));
        await addAuthorView(builder, intent.remainder, signal);
        break;
      case 'off_task':
        return notFound(policy.offTask);
      case undefined:
        break;
    }
    return builder.build('answered', policy.disclaimer);
  }

  /** "Who is Saidov?": a question about the person the metadata names as the author. */
  function asksWhoTheAuthorIs(question: string): boolean {
    if (!/^\s*who\b/i.test(question)) return false;
    const names = corpus.documents.flatMap((document) => document.author.toLowerCase().split(/\s+/));
    const words = contentWords(question).map((token) => token.lower);
    return words.length > 0 && words.every((word) => names.includes(word));
  }

  /** Where the text names the author (with the role, when it follows): the byline, in offsets into its chunk. */
  function findByline(document: CorpusDocument): { chunk: Chunk; start: number; end: number } | undefined {
    for (const { chunk } of vocabulary.sentences) {
      if (chunk.docId !== document.id) continue;
      const start = chunk.text.indexOf(document.author);
      if (start < 0) continue;
      let end = start + document.author.length;
      const roleAt = document.authorRole ? chunk.text.indexOf(document.authorRole, end) : -1;
      if (document.authorRole && roleAt >= 0 && roleAt - end <= 3) end = roleAt + document.authorRole.length;
      return { chunk, start, end };
    }
    return undefined;
  }

  const describeAuthor = (document: CorpusDocument) => `${document.author}${document.authorRole ? `, ${document.authorRole}` : ''}`;

  /** Authorship comes from the metadata, cited where the byline stands in the text. */
  function answerAuthor(): Answer | undefined {
    for (const document of corpus.documents) {
      const byline = findByline(document);
      if (!byline) continue;
      const builder = new AnswerBuilder();
      const marker = builder.cite(byline.chunk, byline.start, byline.end);
      return builder.add(`The commentary was written by ${describeAuthor(document)} ${marker}.`).build('answered', policy.disclaimer);
    }
    return undefined;
  }

  /** The publisher comes from the metadata, cited where the text names it: its disclaimer. */
  function answerPublisher(): Answer | undefined {
    const document = corpus.documents.find((candidate) => candidate.publisher);
    if (!document?.publisher) return undefined;
    const publisher = document.publisher;
    const builder = new AnswerBuilder();
    const named = corpus.chunks.find((chunk) => chunk.kind === 'sentence' && chunk.docId === document.id && chunk.text.includes(publisher));
    const marker = named ? ` ${builder.cite(named)}` : '';
    builder.add(`The commentary is published by the ${publisher.replace(/^the\s+/i, '')}${marker}, which does not take institutional positions on any issues.`);
    const byline = findByline(document);
    if (byline) {
      builder.add(`It was written by ${describeAuthor(document)} ${builder.cite(byline.chunk, byline.start, byline.end)}, and its views are the author’s.`);
    }
    return builder.build('answered', policy.disclaimer);
  }

  async function answer(question: Question): Promise<Answer> {
    let intent = classifyQuestion(question.question);
    if (intent.policy === 'injection' && intent.remainder !== question.question.trim() && terms.focusTerms(intent.remainder).length > 0) {
      // The instruction is dropped and the genuine question beside it answered from the text as usual.
      const answered = await answer({ ...question, question: intent.remainder });
      if (answered.outcome === 'answered') return { ...answered, answer: `${policy.ignoredInstruction} ${answered.answer}` };
    }
    if (intent.policy) return answerPolicy(intent, question.signal);
    if (terms.unknownEntities(intent.remainder).length > 0) return notFound();
    if (intent.answerType === 'publisher') {
      const publisher = answerPublisher();
      if (publisher) return publisher;
    }
    if (intent.answerType === 'author' || asksWhoTheAuthorIs(intent.remainder)) {
      const byline = answerAuthor();
      if (byline) return byline;
    }

    const standalone = condenseQuestion(intent.remainder, question.history);
    // A follow-up rewritten as a whole question ("And Kazakhstan's?") asks for what that question asks for.
    if (standalone.question !== intent.remainder) intent = { ...classifyQuestion(standalone.question), policy: undefined };
    const ownTerms = terms.focusTerms(standalone.question, intent.answerType);
    const contextTerms = terms.focusTerms(standalone.context).filter((term) => !ownTerms.some((own) => own.token.stem === term.token.stem));
    // Borrowed words give a follow-up its subject; when it names its own subject they only break ties.
    const ownSubject = ownTerms.some((term) => term.strength === 'exact' && !/^[A-Z]/.test(term.token.word));
    const ownMass = ownTerms.reduce((sum, term) => sum + term.idf, 0);
    const contextMass = contextTerms.reduce((sum, term) => sum + term.idf, 0) || 1;
    const contextWeight = ownMass === 0 ? 0.5 : Math.min(0.5, ((ownSubject ? 0.3 : 1) * ownMass) / contextMass);
    const weighted: WeightedTerm[] = [
      ...ownTerms.map((match) => ({ match, weight: 1 })),
      ...contextTerms.map((match) => ({ match, weight: contextWeight })),
    ];
    if (weighted.length === 0 && !intent.summary) return notFound();

    const query = standalone.context ? `${standalone.question} ${standalone.context}` : standalone.question;
    const lexicalOnly = !intent.summary && ownTerms.length > 0 && ownTerms.every((term) => term.strength === 'exact') && contextTerms.length === 0;
    const ranked = await ranker.rank(weighted, query, intent.answerType, { signal: question.signal, lexicalOnly, alreadyShown: shownText(question.history) });
    const best = ranked[0];
    if (!best) return notFound();
    const builder = new AnswerBuilder();
    if (intent.summary) {
      for (const sentence of summarySentences(ranked, weighted.length > 0)) builder.add(presenter.present(builder, sentence));
      return builder.build('answered', policy.disclaimer);
    }

    const ownCoverage = terms.coverage(ownTerms.length > 0 ? ownTerms : contextTerms);
    if (ownCoverage < minimumCoverage && best.vector < minimumVectorAlone) return notFound();
    if (best.lexical === 0 && best.vector < minimumVectorAlone) return notFound();
    const entities = terms.knownEntities(standalone.question);
    const entityStems = new Set(entities.map((entity) => entity.stem));
    const topicTerms = ownTerms.filter((term) => !entityStems.has(term.token.stem));
    // Synonyms alone are weak evidence: with no word of the question's topic found as written, the passage must also read alike.
    const exactTopic = topicTerms.some((term) => term.strength === 'exact') || (ownTerms.length === 0 && contextTerms.length > 0);
    if (!intent.answerType && !exactTopic && best.vector < minimumVectorForSynonyms) return notFound();

    // "Who is Serik Zhumangarin?" asks for a description, not for another name.
    if (intent.answerType && !(intent.answerType === 'person' && topicTerms.length === 0)) {
      const answerType = intent.answerType;
      // A fact about a named thing must come from a sentence that names it: Afghanistan's population is not Kazakhstan's.
      const namesAll = (sentence: RankedSentence) => entities.every((entity) => sentence.entry.tokens.some((token) => wordsMatch(entity, token)));
      // A follow-up's topic ("When did he go there?") is partly in the conversation.
      const anchorTerms = ownSubject ? topicTerms : [...topicTerms, ...contextTerms.filter((term) => !entityStems.has(term.token.stem))];
      let blockedByEntity = false;
      for (const sentence of ranked.slice(0, 3)) {
        if (sentence.score < best.score * 0.7) continue;
        // The fact must sit near what the question asks about, not merely near a name it mentions.
        let topicAnchors = ranker.anchorsOf(sentence, anchorTerms);
        if (topicAnchors.length === 0 && topicTerms.some((term) => term.weight > 0)) {
          // Only loose words for the topic ("travelled" for "visit"): the names the question gives locate the fact instead.
          const looseTopicOnly = topicTerms.every((term) => term.strength === 'weak' || term.strength === 'none');
          // A count or a sum must stand by its own noun ("troops"), never merely near a name.
          const locatedByNames = answerType === 'person' || answerType === 'date' || answerType === 'place';
          if (!looseTopicOnly || !locatedByNames || entities.length === 0 || sentence !== best) continue;
          topicAnchors = sentence.anchors;
        }
        const candidates = answerCandidates(answerType, sentence.entry.chunk.text).filter(
          (candidate) => answerType !== 'count' || topicAnchors.some((anchor) => Math.abs(anchor - candidate.start) < 60),
        );
        const span = pickAnswerSpan(candidates, topicAnchors.length > 0 ? topicAnchors : sentence.anchors, standalone.question);
        if (!span) continue;
        if (!namesAll(sentence)) {
          blockedByEntity = true;
          continue;
        }
        const lead = span.text.charAt(0).toUpperCase() + span.text.slice(1);
        builder.add(`${lead}: ${presenter.present(builder, sentence, span).replace(/^According/, 'according')}`);
        return builder.build('answered', policy.disclaimer);
      }
      // "Who were they signed with?": the text may name a party rather than a person; the sentence about the topic answers it.
      const exactAnchors = ranker.anchorsOf(best, anchorTerms.filter((term) => term.strength === 'exact'));
      if (answerType === 'person' && !blockedByEntity && exactAnchors.length > 0 && best.lexical >= minimumCoverage) {
        builder.add(presenter.present(builder, best));
        return builder.build('answered', policy.disclaimer);
      }
      // No name, date, place, sum or number where the text discusses the topic: the text does not give it.
      // Only "how many … does it mention" is answered by what the text lists.
      const countsTheText = answerType === 'count' && /\b(mention|mentioned|list|listed|name|named|cite|cited|identif\w*|highlight\w*|give|given)\b/i.test(standalone.question);
      if (blockedByEntity || !countsTheText) return notFound();
    }

    builder.add(presenter.present(builder, best));
    const second = ranked[1];
    if (second && second.score >= best.score * 0.85 && [...second.matched].some((stem) => !best.matched.has(stem))) {
      builder.add(presenter.present(builder, second));
    }
    return builder.build('answered', policy.disclaimer);
  }

  /** What the assistant already said in this conversation, to prefer new sentences for a follow-up. */
  function shownText(history: Question['history']): string {
    return history.filter((turn) => turn.role === 'assistant').map((turn) => normalizePunctuation(turn.content).toLowerCase()).join(' ');
  }

  function summarySentences(ranked: RankedSentence[], focused: boolean): RankedSentence[] {
    if (focused) {
      const top = ranked[0]!;
      const samePassage = ranked.filter((sentence) => sentence.entry.chunk.docId === top.entry.chunk.docId && sentence.entry.chunk.passage === top.entry.chunk.passage);
      return samePassage.slice(0, 3).sort((a, b) => a.entry.chunk.start - b.entry.chunk.start);
    }
    // No topic named: the opening sentence of each passage outlines the argument.
    return vocabulary.sentences
      .filter((entry) => entry.chunk.sentence === 0 && !entry.chunk.isDisclaimer)
      .slice(0, 4)
      .map((entry) => ranker.unranked(entry));
  }

  async function* stream(question: Question): AsyncIterable<AnswerEvent> {
    // Offline answers are ready at once; they still stream a sentence at a time, as generated ones do.
    yield* streamAnswer(await answer(question));
  }

  return { name: 'extractive', answer, stream };
}
