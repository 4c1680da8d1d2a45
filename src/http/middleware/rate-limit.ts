import type { MiddlewareHandler } from 'hono';
import type { Config } from '../../config.ts';
import { AppError } from '../../errors.ts';
import type { Store } from '../../store/store.ts';
import type { AppEnv } from '../app-env.ts';
import type { ClientAddressResolver } from './client-address.ts';

export interface RateLimitOptions {
  store: Store;
  limits: Config['rateLimit'];
  clientAddress: ClientAddressResolver;
  /** Endpoints sharing a bucket share a name: one client gets `max` questions per window in all. */
  bucket: string;
}

/**
 * Per-client fixed-window limit kept in the store, so every instance sharing a Redis counts the same
 * hits. Over the limit: 429 `rate_limited` with `Retry-After` in seconds. If the store fails, the
 * request goes through (and is logged): an outage of the counter should not take the answers down.
 */
export function rateLimit(options: RateLimitOptions): MiddlewareHandler<AppEnv> {
  const { max, windowMs } = options.limits;
  return async (c, next) => {
    if (max === 0) return next();
    const client = options.clientAddress(c);
    // In-process calls (app.request in tests and tools) come from no socket, so there is no client to limit.
    if (!client || (options.limits.exemptLoopback && isLoopback(client))) return next();
    let result: { count: number; resetInMs: number };
    try {
      result = await options.store.increment(`ratelimit:${options.bucket}:${client}`, windowMs);
    } catch (error) {
      c.get('logger').warn('rate limit store unavailable; request allowed', { error });
      return next();
    }
    const resetSeconds = Math.max(1, Math.ceil(result.resetInMs / 1000));
    c.header('RateLimit-Limit', String(max));
    c.header('RateLimit-Remaining', String(Math.max(0, max - result.count)));
    c.header('RateLimit-Reset', String(resetSeconds));
    if (result.count > max) {
      c.header('Retry-After', String(resetSeconds));
      c.get('logger').info('rate limited', { bucket: options.bucket, retryAfterSeconds: resetSeconds });
      throw new AppError('rate_limited', `Too many questions: at most ${max} every ${Math.round(windowMs / 1000)} seconds. Try again in ${resetSeconds} seconds.`);
    }
    return next();
  };
}

function isLoopback(address: string): boolean {
  return address === '::1' || /^127\./.test(address);
}
