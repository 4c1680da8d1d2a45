import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import type { Services } from '../../src/http/app-env.ts';
import { ChatError, streamChat } from '../../src/widget/chat-client.ts';
import { serveApp, type ServedApp } from '../support/serve-app.ts';
import { createTestServices } from '../support/test-services.ts';

async function failureOf(run: () => AsyncIterable<unknown>): Promise<ChatError> {
  try {
    for await (const _chunk of run()) {
      // Drain the stream; only the failure matters here.
    }
  } catch (error) {
    if (error instanceof ChatError) return error;
    throw error;
  }
  throw new Error('expected the chat to fail');
}

describe('the widget’s chat client against the real server', () => {
  let services: Services;
  let bot: ServedApp;

  beforeAll(async () => {
    services = await createTestServices({ RATE_LIMIT_MAX: '1', RATE_LIMIT_WINDOW_MS: '60000', MAX_QUESTION_CHARS: '200' });
    bot = await serveApp(createApp(services));
  });
  afterAll(async () => {
    await bot?.close();
    await services?.feedback.close();
  });

  it('streams one answer, then reports the rate limit with its wait, then an unreachable server', async () => {
    const chunks = [];
    for await (const chunk of streamChat({ endpoint: bot.origin, question: 'Where was the geological mission sent?', history: [] })) chunks.push(chunk.type);
    expect(chunks[0]).toBe('start');
    expect(chunks).toContain('data-citation');
    expect(chunks.at(-1)).toBe('finish');

    const limited = await failureOf(() => streamChat({ endpoint: bot.origin, question: 'And then?', history: [] }));
    expect(limited.kind).toBe('rate_limited');
    expect(limited.retryAfterSeconds).toBeGreaterThan(0);
    expect(limited.retryAfterSeconds).toBeLessThanOrEqual(60);

    await bot.close();
    const offline = await failureOf(() => streamChat({ endpoint: bot.origin, question: 'Anyone there?', history: [] }));
    expect(offline.kind).toBe('offline');
  });

  it('reports a question the server refuses with the server’s own message', async () => {
    const fresh = await createTestServices({ MAX_QUESTION_CHARS: '20', RATE_LIMIT_MAX: '0' });
    const server = await serveApp(createApp(fresh));
    try {
      const refused = await failureOf(() => streamChat({ endpoint: server.origin, question: 'x'.repeat(30), history: [] }));
      expect(refused.kind).toBe('rejected');
      expect(refused.message).toContain('20 characters');
    } finally {
      await server.close();
      await fresh.feedback.close();
    }
  });
});
