import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createCachedEngine } from '../../src/answer/cached-engine.ts';
import type { AnswerEngine } from '../../src/answer/types.ts';
import { createTestServices } from '../support/test-services.ts';
import { createExtractiveEngine } from '../../src/answer/extractive-engine.ts';
import { openWordNet } from '../../src/lexicon/wordnet.ts';

let offline: AnswerEngine;

beforeAll(async () => {
  const services = await createTestServices();
  offline = createExtractiveEngine({ index: services.index, wordNet: openWordNet() });
});

describe('createCachedEngine', () => {
  it('answers a repeated question (spacing and case aside) without asking the engine again, with an equal answer', async () => {
    const spy = vi.spyOn(offline, 'answer');
    const cached = createCachedEngine({ engine: offline });
    const first = await cached.answer({ question: 'Which exports surged?', history: [] });
    const again = await cached.answer({ question: '  which EXPORTS   surged? ', history: [] });
    expect(again).toEqual(first);
    expect(spy).toHaveBeenCalledTimes(1);
    again.citations.pop();
    expect((await cached.answer({ question: 'Which exports surged?', history: [] })).citations).toHaveLength(first.citations.length);
    spy.mockRestore();
  });

  it('keeps follow-ups apart by their conversation', async () => {
    const cached = createCachedEngine({ engine: offline });
    const aboutVisit = await cached.answer({ question: 'When was that?', history: [{ role: 'user', content: 'Who visited Kabul?' }] });
    const alone = await cached.answer({ question: 'When was that?', history: [] });
    expect(aboutVisit.answer).toMatch(/^April 21 to 23/);
    expect(alone.outcome).toBe('not_found');
  });

  it('forgets the least recently used answer past its size', async () => {
    const spy = vi.spyOn(offline, 'answer');
    const cached = createCachedEngine({ engine: offline, maxEntries: 2 });
    for (const question of ['Who visited Kabul?', 'Which exports surged?', 'Who visited Kabul?', 'Where was the geological mission sent?', 'Which exports surged?']) {
      await cached.answer({ question, history: [] });
    }
    expect(spy).toHaveBeenCalledTimes(4);
    spy.mockRestore();
  });

  it('streams a cached answer exactly like the engine does', async () => {
    const cached = createCachedEngine({ engine: offline });
    const collect = async (engine: AnswerEngine) => {
      const events = [];
      for await (const event of engine.stream({ question: 'How many agreements were signed?', history: [] })) events.push(event);
      return events;
    };
    const expected = await collect(offline);
    await cached.answer({ question: 'How many agreements were signed?', history: [] });
    expect(await collect(cached)).toEqual(expected);
  });
});
