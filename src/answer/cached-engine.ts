import { streamAnswer } from './stream-answer.ts';
import type { Answer, AnswerEngine, Question } from './types.ts';

export interface CachedEngineOptions {
  engine: AnswerEngine;
  /** Most answers kept; the least recently used goes first. */
  maxEntries?: number;
}

/**
 * Remembers a deterministic engine's answers by question and conversation, so a repeated
 * question (a starter question, a popular one) costs a lookup. Only for engines whose answer
 * depends on nothing else: the offline engine, not a sampled model.
 */
export function createCachedEngine(options: CachedEngineOptions): AnswerEngine {
  const { engine } = options;
  const maxEntries = options.maxEntries ?? 1000;
  const answers = new Map<string, Promise<Answer>>();

  const keyOf = (question: Question) =>
    JSON.stringify([question.question.trim().replace(/\s+/g, ' ').toLowerCase(), question.history.map((turn) => [turn.role, turn.content])]);

  async function answer(question: Question): Promise<Answer> {
    const key = keyOf(question);
    const cached = answers.get(key);
    if (cached) {
      answers.delete(key);
      answers.set(key, cached);
      return structuredClone(await cached);
    }
    const pending = engine.answer({ ...question, signal: undefined });
    answers.set(key, pending);
    if (answers.size > maxEntries) answers.delete(answers.keys().next().value!);
    // A failure is not remembered: the next asker tries again.
    pending.catch(() => answers.delete(key));
    return structuredClone(await pending);
  }

  return {
    name: engine.name,
    answer,
    async *stream(question) {
      yield* streamAnswer(await answer(question));
    },
  };
}
