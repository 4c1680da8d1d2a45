import type { Answer, AnswerEvent } from './types.ts';

/** Streams a finished answer a sentence at a time, then the answer itself, as every engine's stream ends. */
export async function* streamAnswer(answer: Answer): AsyncIterable<AnswerEvent> {
  for (const sentence of answer.answer.match(/[^.!?]+[.!?]+(?:\s+|$)|[^.!?]+$/g) ?? [answer.answer]) {
    yield { type: 'text-delta', delta: sentence };
  }
  yield { type: 'answer', answer };
}
