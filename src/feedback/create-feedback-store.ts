import type { Config } from '../config.ts';
import type { Store } from '../store/store.ts';
import type { FeedbackStore } from './feedback-store.ts';
import { createSharedFeedbackStore } from './shared-feedback-store.ts';
import { createSqliteFeedbackStore } from './sqlite-feedback-store.ts';

/** Redis (through the shared store) when `REDIS_URL` is set, else the SQLite file at `FEEDBACK_DB`. */
export function createFeedbackStore(options: { config: Config; store: Store }): FeedbackStore {
  if (options.config.redis) return createSharedFeedbackStore({ store: options.store, kind: 'redis' });
  return createSqliteFeedbackStore({ path: options.config.feedbackDbPath });
}
