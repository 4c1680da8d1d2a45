import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.ts';
import { createMemoryStore } from '../../src/store/memory-store.ts';
import { createRedisStore } from '../../src/store/redis-store.ts';
import type { Store } from '../../src/store/store.ts';
import { testRedisUrl, uniqueKeyPrefix } from '../support/test-redis.ts';

const redisUrl = testRedisUrl();
const logger = createLogger('silent');
const opened: Store[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
});

const kinds: Array<{ kind: string; skip: boolean; open: () => Promise<Store> }> = [
  { kind: 'memory', skip: false, open: async () => createMemoryStore() },
  {
    kind: 'redis',
    skip: !redisUrl,
    open: () => createRedisStore({ url: redisUrl!, keyPrefix: uniqueKeyPrefix('contract'), logger }),
  },
];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(kinds)('$kind store', ({ skip, open }) => {
  const make = async () => {
    const store = await open();
    opened.push(store);
    return store;
  };

  it.skipIf(skip)('setIfAbsent lets exactly one of many concurrent callers win, and the key expires', async () => {
    const store = await make();
    const results = await Promise.all(Array.from({ length: 20 }, (_, index) => store.setIfAbsent('event', `delivery-${index}`, 150)));
    expect(results.filter(Boolean)).toHaveLength(1);
    const winner = results.indexOf(true);
    expect(await store.get('event')).toBe(`delivery-${winner}`);
    await sleep(250);
    expect(await store.get('event')).toBeUndefined();
    expect(await store.setIfAbsent('event', 'later', 1000)).toBe(true);
  });

  it.skipIf(skip)('get, set with and without a TTL, and delete', async () => {
    const store = await make();
    expect(await store.get('missing')).toBeUndefined();
    await store.set('forever', 'v1');
    await store.set('brief', 'v2', 100);
    expect(await store.get('forever')).toBe('v1');
    expect(await store.get('brief')).toBe('v2');
    await sleep(200);
    expect(await store.get('brief')).toBeUndefined();
    await store.delete('forever');
    expect(await store.get('forever')).toBeUndefined();
  });

  it.skipIf(skip)('increment counts every concurrent hit in one fixed window and then starts a new one', async () => {
    const store = await make();
    const results = await Promise.all(Array.from({ length: 25 }, () => store.increment('hits', 300)));
    expect(results.map((result) => result.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, index) => index + 1));
    for (const result of results) {
      expect(result.resetInMs).toBeGreaterThan(0);
      expect(result.resetInMs).toBeLessThanOrEqual(300);
    }
    await sleep(400);
    expect((await store.increment('hits', 300)).count).toBe(1);
  });

  it.skipIf(skip)('append keeps the newest maxLength items in order and renews the TTL', async () => {
    const store = await make();
    for (const item of ['a', 'b', 'c', 'd', 'e']) await store.append('turns', item, { maxLength: 3, ttlMs: 300 });
    expect(await store.list('turns')).toEqual(['c', 'd', 'e']);
    await sleep(200);
    await store.append('turns', 'f', { maxLength: 3, ttlMs: 300 });
    await sleep(200);
    expect(await store.list('turns')).toEqual(['d', 'e', 'f']);
    await sleep(250);
    expect(await store.list('turns')).toEqual([]);
  });

  it.skipIf(skip)('ping answers while the store is up', async () => {
    const store = await make();
    expect(await store.ping()).toBe(true);
  });
});

describe.skipIf(!redisUrl)('redis store across instances and outages', () => {
  it('two clients on one Redis share de-duplication and counters', async () => {
    const keyPrefix = uniqueKeyPrefix('shared');
    const first = await createRedisStore({ url: redisUrl!, keyPrefix, logger });
    const second = await createRedisStore({ url: redisUrl!, keyPrefix, logger });
    opened.push(first, second);
    const [fromFirst, fromSecond] = await Promise.all([first.setIfAbsent('slack:event:Ev1', '1', 60_000), second.setIfAbsent('slack:event:Ev1', '1', 60_000)]);
    expect([fromFirst, fromSecond].sort()).toEqual([false, true]);
    await first.increment('ratelimit:client', 60_000);
    expect((await second.increment('ratelimit:client', 60_000)).count).toBe(2);
    await first.append('conversation:c1', 'hello', { maxLength: 10, ttlMs: 60_000 });
    expect(await second.list('conversation:c1')).toEqual(['hello']);
  });

  it('an unreachable Redis reports not ready and fails commands fast instead of hanging', async () => {
    // Port 1 on loopback: nothing listens there, so every connection is refused at once.
    const store = await createRedisStore({ url: 'redis://127.0.0.1:1', logger, connectTimeoutMs: 300, commandTimeoutMs: 300 });
    opened.push(store);
    expect(await store.ping()).toBe(false);
    const started = Date.now();
    await expect(store.increment('x', 1000)).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
