import { createClient } from 'redis';
import type { Logger } from '../logger.ts';
import type { Store } from './store.ts';

export interface RedisStoreOptions {
  url: string;
  /** Prepended to every key, so several deployments (or test runs) can share one Redis. */
  keyPrefix?: string;
  /** A command that takes longer fails instead of holding a request. */
  commandTimeoutMs?: number;
  /** How long the first connection may take before the store starts anyway, reporting not ready. */
  connectTimeoutMs?: number;
  logger: Logger;
}

// INCR and PEXPIRE in one step, so a window never loses its expiry when two instances race;
// a key left without a TTL (PTTL -1) is given one rather than counting forever.
const incrementScript = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return { count, ttl }
`;

/**
 * The shared store: every instance pointing at the same Redis sees the same de-duplication keys,
 * rate-limit counters and conversation lists. Commands fail fast (no offline queue, a timeout)
 * so a Redis outage degrades requests instead of hanging them; `ping` reports it for readiness.
 */
export async function createRedisStore(options: RedisStoreOptions): Promise<Store> {
  const prefix = options.keyPrefix ?? '';
  const commandTimeoutMs = options.commandTimeoutMs ?? 2000;
  const client = createClient({
    url: options.url,
    disableOfflineQueue: true,
    commandOptions: { timeout: commandTimeoutMs },
    socket: {
      connectTimeout: options.connectTimeoutMs ?? 5000,
      reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 2000),
    },
  });

  let lastErrorLoggedAt = 0;
  // Without a listener node-redis would throw on every connection error; log them, at most one a second.
  client.on('error', (error: unknown) => {
    if (Date.now() - lastErrorLoggedAt < 1000) return;
    lastErrorLoggedAt = Date.now();
    options.logger.warn('redis error', { error });
  });

  const connecting = client.connect();
  connecting.catch(() => {});
  const connectTimeoutMs = options.connectTimeoutMs ?? 5000;
  const connected = await Promise.race([
    connecting.then(() => true),
    new Promise<boolean>((resolve) => setTimeout(resolve, connectTimeoutMs, false).unref()),
  ]);
  if (!connected) options.logger.warn('redis not reachable yet; starting anyway and reporting not ready', { timeoutMs: connectTimeoutMs });

  const key = (name: string) => `${prefix}${name}`;

  return {
    async setIfAbsent(name, value, ttlMs) {
      const reply = await client.set(key(name), value, { condition: 'NX', expiration: { type: 'PX', value: Math.max(1, Math.ceil(ttlMs)) } });
      return reply === 'OK';
    },
    async get(name) {
      return (await client.get(key(name))) ?? undefined;
    },
    async set(name, value, ttlMs) {
      if (ttlMs === undefined) await client.set(key(name), value);
      else await client.set(key(name), value, { expiration: { type: 'PX', value: Math.max(1, Math.ceil(ttlMs)) } });
    },
    async delete(name) {
      await client.del(key(name));
    },
    async increment(name, windowMs) {
      const reply = (await client.eval(incrementScript, { keys: [key(name)], arguments: [String(Math.max(1, Math.ceil(windowMs)))] })) as [number, number];
      return { count: Number(reply[0]), resetInMs: Number(reply[1]) };
    },
    async append(name, value, { maxLength, ttlMs }) {
      await client
        .multi()
        .rPush(key(name), value)
        .lTrim(key(name), -maxLength, -1)
        .pExpire(key(name), Math.max(1, Math.ceil(ttlMs)))
        .exec();
    },
    async list(name) {
      return client.lRange(key(name), 0, -1);
    },
    async ping() {
      if (!client.isReady) return false;
      try {
        return (await client.ping()) === 'PONG';
      } catch {
        return false;
      }
    },
    async close() {
      if (client.isOpen) await client.close();
      else client.destroy();
    },
  };
}
