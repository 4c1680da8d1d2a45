import type { AnswerEngine } from '../answer/types.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import type { SearchIndex } from '../search/search-index.ts';
import type { Store } from '../store/store.ts';
import type { BackgroundTasks } from '../integrations/background-tasks.ts';

/** Everything the HTTP layer needs, built once at start and passed in. */
export interface Services {
  config: Config;
  index: SearchIndex;
  engine: AnswerEngine;
  logger: Logger;
  /** Shared state (event de-duplication, thread memory): in memory by default. */
  store: Store;
  /** Work that outlives its request (Slack answers); drained at shutdown. */
  backgroundTasks: BackgroundTasks;
}

export interface AppEnv {
  Variables: { logger: Logger; requestId: string };
}
