import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFeedbackReport } from '../../src/feedback/build-feedback-report.ts';
import type { FeedbackInput, FeedbackStore } from '../../src/feedback/feedback-store.ts';
import { createSharedFeedbackStore } from '../../src/feedback/shared-feedback-store.ts';
import { createSqliteFeedbackStore } from '../../src/feedback/sqlite-feedback-store.ts';
import { createLogger } from '../../src/logger.ts';
import { createMemoryStore } from '../../src/store/memory-store.ts';
import { createRedisStore } from '../../src/store/redis-store.ts';
import type { Store } from '../../src/store/store.ts';
import { testRedisUrl, uniqueKeyPrefix } from '../support/test-redis.ts';

const thumbsDown: FeedbackInput = {
  question: 'Who signed the agreements?',
  answer: 'Kazakhstan signed twenty agreements [1].',
  citations: [{ n: 1, docId: 'commentary', chunkId: 'commentary:p0:s1', quote: 'twenty agreements', start: 330, end: 347 }],
  verdict: 'down',
  comment: 'It does not say who signed.',
  outcome: 'answered',
};

/**
 * The same behaviour from every backend: what one instance writes, a fresh instance on the same
 * backing file or server reads back (a restart loses nothing), and the report sees the gaps.
 */
function describeBackend(name: string, setup: () => Promise<{ open(): Promise<FeedbackStore>; cleanup(): Promise<void> } | undefined>) {
  describe(name, () => {
    let backend: Awaited<ReturnType<typeof setup>>;
    beforeAll(async () => {
      backend = await setup();
    });
    afterAll(async () => {
      await backend?.cleanup();
    });

    it('keeps feedback and the question log across a restart, and reports most asked, unanswered and thumbs-down', async (context) => {
      if (!backend) return context.skip();
      const first = await backend.open();
      const saved = await first.addFeedback(thumbsDown);
      await first.addFeedback({ ...thumbsDown, verdict: 'up', comment: undefined });
      await first.addQuestion({ question: 'Who signed the agreements?', outcome: 'answered', engine: 'extractive' });
      await first.addQuestion({ question: 'who signed the agreements', outcome: 'answered', engine: 'extractive' });
      await first.addQuestion({ question: 'What is the capital of France?', outcome: 'not_found', engine: 'extractive' });
      await first.close();

      const second = await backend.open();
      const feedback = await second.listFeedback();
      expect(feedback).toHaveLength(2);
      expect(feedback[0]).toEqual({ ...thumbsDown, id: saved.id, createdAt: saved.createdAt });
      expect(feedback[1]).not.toHaveProperty('comment');

      const report = await buildFeedbackReport(second);
      expect(report.totalQuestions).toBe(3);
      expect(report.mostAsked[0]).toMatchObject({ question: 'Who signed the agreements?', count: 2 });
      expect(report.unanswered).toEqual([expect.objectContaining({ question: 'What is the capital of France?', count: 1 })]);
      expect(report.thumbsDown.map((entry) => entry.comment)).toEqual(['It does not say who signed.']);
      expect(report.thumbsUpCount).toBe(1);
      await second.close();
    });
  });
}

describeBackend('SQLite file (the default)', async () => {
  const directory = await mkdtemp(join(tmpdir(), 'feedback-store-'));
  const path = join(directory, 'nested', 'feedback.sqlite');
  return {
    open: async () => createSqliteFeedbackStore({ path }),
    cleanup: () => rm(directory, { recursive: true, force: true }),
  };
});

describeBackend('shared store in memory (one process)', async () => {
  const store = createMemoryStore();
  return { open: async () => createSharedFeedbackStore({ store, kind: 'memory' }), cleanup: () => store.close() };
});

describeBackend('shared store in a real Redis (REDIS_URL)', async () => {
  const url = testRedisUrl();
  if (!url) return undefined;
  const keyPrefix = uniqueKeyPrefix('feedback');
  const stores: Store[] = [];
  return {
    // Each "instance" gets its own connection, as a restarted process would.
    open: async () => {
      const store = await createRedisStore({ url, keyPrefix, logger: createLogger('silent') });
      stores.push(store);
      return createSharedFeedbackStore({ store });
    },
    cleanup: async () => {
      for (const store of stores) await store.close().catch(() => {});
    },
  };
});
