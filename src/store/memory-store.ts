import type { Store } from './store.ts';

interface Entry<T> {
  value: T;
  expiresAt: number;
}

/** The default store: one process's memory, with expiry. Expired entries are swept as they are met and periodically. */
export function createMemoryStore(now: () => number = Date.now): Store {
  const values = new Map<string, Entry<string>>();
  const lists = new Map<string, Entry<string[]>>();
  const counters = new Map<string, Entry<number>>();

  function live<T>(map: Map<string, Entry<T>>, key: string): Entry<T> | undefined {
    const entry = map.get(key);
    if (entry && entry.expiresAt <= now()) {
      map.delete(key);
      return undefined;
    }
    return entry;
  }

  const sweeper = setInterval(() => {
    for (const map of [values, lists, counters] as Array<Map<string, Entry<unknown>>>) {
      for (const [key, entry] of map) if (entry.expiresAt <= now()) map.delete(key);
    }
  }, 60_000);
  sweeper.unref();

  return {
    async setIfAbsent(key, value, ttlMs) {
      if (live(values, key)) return false;
      values.set(key, { value, expiresAt: now() + ttlMs });
      return true;
    },
    async get(key) {
      return live(values, key)?.value;
    },
    async set(key, value, ttlMs) {
      values.set(key, { value, expiresAt: ttlMs === undefined ? Infinity : now() + ttlMs });
    },
    async delete(key) {
      values.delete(key);
      lists.delete(key);
      counters.delete(key);
    },
    async increment(key, windowMs) {
      const entry = live(counters, key);
      if (!entry) {
        counters.set(key, { value: 1, expiresAt: now() + windowMs });
        return { count: 1, resetInMs: windowMs };
      }
      entry.value += 1;
      return { count: entry.value, resetInMs: entry.expiresAt - now() };
    },
    async append(key, value, { maxLength, ttlMs }) {
      const entry = live(lists, key) ?? { value: [], expiresAt: 0 };
      entry.value.push(value);
      if (entry.value.length > maxLength) entry.value.splice(0, entry.value.length - maxLength);
      entry.expiresAt = now() + ttlMs;
      lists.set(key, entry);
    },
    async list(key) {
      return [...(live(lists, key)?.value ?? [])];
    },
    async ping() {
      return true;
    },
    async close() {
      clearInterval(sweeper);
    },
  };
}
