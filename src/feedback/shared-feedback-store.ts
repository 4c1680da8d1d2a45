import { randomUUID } from 'node:crypto';
import type { Store } from '../store/store.ts';
import type { FeedbackRecord, FeedbackStore, QuestionRecord } from './feedback-store.ts';

const keepForMs = 10 * 365 * 24 * 60 * 60 * 1000;
const maxEntries = 100_000;

/**
 * Feedback kept in the shared Store (Redis when `REDIS_URL` is set), so every instance behind a
 * load balancer writes to one place. Lists keep the newest 100 000 entries of each kind.
 */
export function createSharedFeedbackStore(options: { store: Store; kind?: FeedbackStore['kind']; prefix?: string; now?: () => Date }): FeedbackStore {
  const now = options.now ?? (() => new Date());
  const prefix = options.prefix ?? 'feedback';
  const feedbackKey = `${prefix}:entries`;
  const questionsKey = `${prefix}:questions`;
  const parseAll = <T>(lines: string[]) => lines.map((line) => JSON.parse(line) as T);

  return {
    kind: options.kind ?? 'redis',
    async addFeedback(input) {
      const record: FeedbackRecord = { ...input, id: randomUUID(), createdAt: now().toISOString() };
      await options.store.append(feedbackKey, JSON.stringify(record), { maxLength: maxEntries, ttlMs: keepForMs });
      return record;
    },
    async listFeedback() {
      return parseAll<FeedbackRecord>(await options.store.list(feedbackKey));
    },
    async addQuestion(record) {
      const entry: QuestionRecord = { ...record, createdAt: now().toISOString() };
      await options.store.append(questionsKey, JSON.stringify(entry), { maxLength: maxEntries, ttlMs: keepForMs });
    },
    async listQuestions() {
      return parseAll<QuestionRecord>(await options.store.list(questionsKey));
    },
    async close() {},
  };
}
