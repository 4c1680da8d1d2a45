import type { Answer, AnswerEvent } from './types.ts';

/**
 * Streams a finished answer a sentence at a time, then the answer itself, as every engine's stream
 * ends. The pieces are cut after sentence-ending punctuation and the space that follows it, so they
 * join back to exactly `answer.answer` ("$1.5" and "U.S." included).
 */
export async function* streamAnswer(answer: Answer): AsyncIterable<AnswerEvent> {
  for (const piece of answer.answer.split(/(?<=[.!?]["”’)\]]?\s+)(?=\S)/)) {
    if (piece) yield { type: 'text-delta', delta: piece };
  }
  yield { type: 'answer', answer };
}
