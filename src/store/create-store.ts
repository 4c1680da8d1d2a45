import type { Logger } from '../logger.ts';
import { createMemoryStore } from './memory-store.ts';
import { createRedisStore } from './redis-store.ts';
import type { Store } from './store.ts';

export interface CreateStoreOptions {
  /** `REDIS_URL`: set, every instance shares state in Redis; unset, state lives in this process only. */
  redisUrl: string | undefined;
  keyPrefix?: string;
  logger: Logger;
}

/** Picks the store from configuration: Redis when a URL is given, memory otherwise. */
export async function createStore(options: CreateStoreOptions): Promise<Store> {
  if (!options.redisUrl) return createMemoryStore();
  const store = await createRedisStore({ url: options.redisUrl, keyPrefix: options.keyPrefix, logger: options.logger });
  options.logger.info('store ready', { kind: 'redis', keyPrefix: options.keyPrefix ?? '' });
  return store;
}
