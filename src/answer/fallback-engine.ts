import type { Logger } from '../logger.ts';
import type { Answer, AnswerEngine, AnswerEvent, Question } from './types.ts';

export interface FallbackEngineOptions {
  primary: AnswerEngine;
  fallback: AnswerEngine;
  logger: Logger;
  /** Questions the fallback answers directly, with the reason logged; e.g. questions the policy answers. */
  routeToFallback?: (question: Question) => string | undefined;
}

/**
 * Answers with `primary` and, when it fails in any way (provider error, timeout, malformed stream,
 * nothing verifiable), with `fallback`, so the user always gets an answer. A question whose caller
 * has gone (aborted signal) is not answered again.
 */
export function createFallbackEngine(options: FallbackEngineOptions): AnswerEngine {
  const { primary, fallback, logger } = options;

  function failed(error: unknown, question: Question): void {
    if (question.signal?.aborted) throw error;
    const reason = error instanceof Error ? (error.name === 'TimeoutError' ? 'timeout' : error.name) : 'unknown';
    logger.warn(`${primary.name} engine failed; answering with the ${fallback.name} engine`, { reason, error });
  }

  async function answer(question: Question): Promise<Answer> {
    const routed = options.routeToFallback?.(question);
    if (routed) {
      logger.debug(`answered by the ${fallback.name} engine`, { reason: routed });
      return fallback.answer(question);
    }
    try {
      return await primary.answer(question);
    } catch (error) {
      failed(error, question);
      return fallback.answer(question);
    }
  }

  async function* stream(question: Question): AsyncIterable<AnswerEvent> {
    const routed = options.routeToFallback?.(question);
    if (routed) {
      logger.debug(`answered by the ${fallback.name} engine`, { reason: routed });
      yield* fallback.stream(question);
      return;
    }
    let emitted = false;
    try {
      for await (const event of primary.stream(question)) {
        emitted = true;
        yield event;
      }
      return;
    } catch (error) {
      // Text already shown cannot be taken back; the primary engine ends its own answer in that case.
      if (emitted) throw error;
      failed(error, question);
    }
    yield* fallback.stream(question);
  }

  return { name: primary.name, answer, stream };
}
