import { describe, expect, it } from 'vitest';
import { streamAnswer } from '../../src/answer/stream-answer.ts';
import type { Answer } from '../../src/answer/types.ts';

const answerOf = (text: string): Answer => ({ answer: text, citations: [], outcome: 'answered', disclaimer: 'd', engine: 'extractive' });

async function pieces(text: string) {
  const deltas: string[] = [];
  let last: unknown;
  for await (const event of streamAnswer(answerOf(text))) {
    if (event.type === 'text-delta') deltas.push(event.delta);
    last = event;
  }
  return { deltas, last };
}

describe('streamAnswer', () => {
  it.each([
    'According to the commentary, “Trade reached $1.5 billion per the U.S. data” [1]. Then more [2].',
    'Twenty: according to the commentary, “… worth $140 million …” [1].',
    'No full stop at the end',
    'One. Two!  Three? “Four.” Five',
  ])('cuts into sentences that join back exactly: %s', async (text) => {
    const { deltas, last } = await pieces(text);
    expect(deltas.join('')).toBe(text);
    expect(last).toEqual({ type: 'answer', answer: answerOf(text) });
  });

  it('sends a sentence at a time', async () => {
    expect((await pieces('One [1]. Two [2].')).deltas).toEqual(['One [1]. ', 'Two [2].']);
  });
});
