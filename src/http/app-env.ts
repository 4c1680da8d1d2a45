import type { AnswerEngine } from '../answer/types.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import type { SearchIndex } from '../search/search-index.ts';

/** Everything the HTTP layer needs, built once at start and passed in. */
export interface Services {
  config: Config;
  index: SearchIndex;
  engine: AnswerEngine;
  logger: Logger;
}

export interface AppEnv {
  Variables: { logger: Logger; requestId: string };
}
