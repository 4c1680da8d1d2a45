import type { AnswerEngine } from '../answer/types.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import type { SearchIndex } from '../search/search-index.ts';
import type { Store } from '../store/store.ts';
import type { FeedbackStore } from '../feedback/feedback-store.ts';
import type { BackgroundTasks } from '../integrations/background-tasks.ts';
import type { Lifecycle } from './lifecycle.ts';

/** Everything the HTTP layer needs, built once at start and passed in. */
export interface Services {
  config: Config;
  index: SearchIndex;
  engine: AnswerEngine;
  logger: Logger;
  /** Shared state (event de-duplication, thread memory, rate limits): in memory by default, Redis with REDIS_URL. */
  store: Store;
  /** Work that outlives its request (Slack answers); drained at shutdown. */
  backgroundTasks: BackgroundTasks;
  /** Reader feedback and the question log for `npm run report`: SQLite file by default, Redis with REDIS_URL. */
  feedback: FeedbackStore;
  /** Whether the instance is draining for shutdown (readiness fails from then on). */
  lifecycle: Lifecycle;
}

export interface AppEnv {
  Variables: { logger: Logger; requestId: string };
}
