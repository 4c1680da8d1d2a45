import type { Answer, AnswerEngine } from '../answer/types.ts';
import type { Logger } from '../logger.ts';
import type { FeedbackStore } from './feedback-store.ts';

/**
 * Wraps an answer engine so every finished answer (from /api/ask, /api/chat or any other caller)
 * is recorded with its outcome. Recording failures are logged and never fail the answer.
 */
export function recordQuestions(engine: AnswerEngine, options: { store: FeedbackStore; logger: Logger }): AnswerEngine {
  const record = async (question: string, answer: Answer) => {
    try {
      await options.store.addQuestion({ question, outcome: answer.outcome, engine: answer.engine });
    } catch (error) {
      options.logger.warn('question not recorded', { error });
    }
  };
  return {
    get name() {
      return engine.name;
    },
    async answer(question) {
      const answer = await engine.answer(question);
      await record(question.question, answer);
      return answer;
    },
    async *stream(question) {
      for await (const event of engine.stream(question)) {
        if (event.type === 'answer') await record(question.question, event.answer);
        yield event;
      }
    },
  };
}
