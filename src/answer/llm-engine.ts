import { streamText, type LanguageModel } from 'ai';
import type { Logger } from '../logger.ts';
import type { Prompts } from '../prompts.ts';
import type { SearchIndex } from '../search/search-index.ts';
import { AnswerBuilder } from './answer-builder.ts';
import { condenseWithModel } from './condense-with-model.ts';
import { formatPassages, retrievePassages } from './retrieve-passages.ts';
import { createSentenceBuffer } from './sentence-buffer.ts';
import type { Answer, AnswerEngine, AnswerEvent, Question } from './types.ts';
import { createAnswerVerifier } from './verify-answer.ts';
import { createPolicyStatements } from './policy-statements.ts';

export interface LlmEngineOptions {
  index: SearchIndex;
  model: LanguageModel;
  prompts: Prompts;
  logger: Logger;
  temperature?: number;
  /** Whole answer, condensing included. */
  timeoutMs?: number;
  /** Until the model's first text. */
  firstTokenTimeoutMs?: number;
  passageLimit?: number;
  maxOutputTokens?: number;
}

/** Raised when the model produced nothing that survives verification; the fallback engine answers instead. */
export class UnverifiedAnswerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnverifiedAnswerError';
  }
}

export const answerPromptNames = ['answer-system', 'answer-question', 'condense-question'];

/**
 * The generative engine: condenses follow-ups, retrieves passages, and has the model answer from
 * them with `[n]` markers. Each sentence is verified before it is streamed (see verify-answer.ts);
 * rejected sentences never reach the user. Provider errors, timeouts and answers with no verified
 * sentence throw, so that the fallback engine can answer instead, unless part of a verified answer
 * was already streamed: then the answer ends there.
 */
export function createLlmEngine(options: LlmEngineOptions): AnswerEngine {
  const { index, model, prompts, logger } = options;
  const timeoutMs = options.timeoutMs ?? 20_000;
  const firstTokenTimeoutMs = options.firstTokenTimeoutMs ?? 10_000;
  const document = index.corpus.documents[0];
  // The same disclaimer and wording as the offline engine, so the two cannot drift apart.
  const policy = createPolicyStatements(index.corpus);
  const instructions = prompts.render('answer-system', {
    title: document?.title ?? 'the commentary',
    author: document?.author ?? 'its author',
    publisher: document?.publisher ?? 'its publisher',
  });

  function notFound(): Answer {
    return new AnswerBuilder().add(policy.notInText).build('not_found', policy.disclaimer, 'llm');
  }

  async function* stream(question: Question): AsyncIterable<AnswerEvent> {
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = question.signal ? AbortSignal.any([question.signal, deadline]) : deadline;
    const condensed = await condenseWithModel({ model, prompts, question: question.question, history: question.history, timeoutMs: firstTokenTimeoutMs, logger, signal });
    const passages = await retrievePassages({ index, query: condensed.query, limit: options.passageLimit, signal });
    if (passages.length === 0) {
      yield { type: 'answer', answer: notFound() };
      return;
    }
    // Our own first-token timer: it covers a server that sends headers and then nothing.
    const firstToken = new AbortController();
    const firstTokenTimer = setTimeout(
      () => firstToken.abort(new DOMException(`No text from the model within ${firstTokenTimeoutMs} ms.`, 'TimeoutError')),
      firstTokenTimeoutMs,
    );
    const callSignal = AbortSignal.any([signal, firstToken.signal]);
    const result = streamText({
      model,
      instructions,
      prompt: prompts.render('answer-question', { passages: formatPassages(passages), question: condensed.question }),
      temperature: options.temperature ?? 0,
      maxOutputTokens: options.maxOutputTokens ?? 600,
      // The offline engine is the recovery, so a failed call is not retried.
      maxRetries: 0,
      abortSignal: callSignal,
      // Errors arrive as stream parts and are handled below; the default handler would print them.
      onError: () => {},
    });
    const verifier = createAnswerVerifier({ passages });
    const sentences = createSentenceBuffer();
    const reasoning = createReasoningFilter();
    const emit = (sentence: string): AnswerEvent | undefined => {
      const text = verifier.accept(sentence);
      if (text === undefined) return undefined;
      return { type: 'text-delta', delta: verifier.accepted === 1 ? text : ` ${text}` };
    };
    try {
      for await (const part of result.stream) {
        if (part.type === 'text-delta') {
          clearTimeout(firstTokenTimer);
          for (const sentence of sentences.push(reasoning(part.text))) {
            const event = emit(sentence);
            if (event) yield event;
          }
        } else if (part.type === 'error') {
          throw part.error;
        } else if (part.type === 'abort') {
          throw callSignal.reason ?? new Error(`The model call was aborted${part.reason ? `: ${part.reason}` : ''}.`);
        }
      }
      for (const sentence of sentences.flush()) {
        const event = emit(sentence);
        if (event) yield event;
      }
    } catch (error) {
      if (verifier.accepted === 0 || question.signal?.aborted) throw error;
      logger.warn('model stream ended early; answering with the verified part', { error, sentences: verifier.accepted });
    } finally {
      clearTimeout(firstTokenTimer);
    }
    if (verifier.rejections.length > 0) {
      logger.info('generated sentences rejected', { reasons: verifier.rejections.map((rejection) => rejection.reason) });
      // The rejected words echo the model's text, which may echo the question: debug only.
      logger.debug('rejected sentence details', {
        rejections: verifier.rejections.map((rejection) => ({ reason: rejection.reason, score: rejection.support?.score, missing: rejection.support?.missing })),
      });
    }
    if (verifier.accepted === 0) {
      if (verifier.saidNotInText) {
        yield { type: 'answer', answer: notFound() };
        return;
      }
      throw new UnverifiedAnswerError(`No generated sentence passed verification (${verifier.rejections.map((rejection) => rejection.reason).join(', ') || 'empty answer'}).`);
    }
    yield { type: 'answer', answer: verifier.build(policy.disclaimer) };
  }

  async function answer(question: Question): Promise<Answer> {
    let final: Answer | undefined;
    for await (const event of stream(question)) if (event.type === 'answer') final = event.answer;
    if (!final) throw new UnverifiedAnswerError('The answer stream ended without an answer.');
    return final;
  }

  return { name: 'llm', answer, stream };
}

/** Drops a leading `<think>…</think>` block, which some local reasoning models put in the content. */
function createReasoningFilter(): (delta: string) => string {
  let state: 'start' | 'thinking' | 'answering' = 'start';
  let held = '';
  return (delta) => {
    if (state === 'answering') return delta;
    held += delta;
    if (state === 'start') {
      const trimmed = held.trimStart();
      if ('<think>'.startsWith(trimmed)) return '';
      if (!trimmed.startsWith('<think>')) {
        state = 'answering';
        const text = held;
        held = '';
        return text;
      }
      state = 'thinking';
    }
    const close = held.indexOf('</think>');
    if (close < 0) return '';
    state = 'answering';
    const text = held.slice(close + '</think>'.length);
    held = '';
    return text;
  };
}
