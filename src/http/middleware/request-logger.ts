import type { MiddlewareHandler } from 'hono';
import type { Logger } from '../../logger.ts';
import type { AppEnv } from '../app-env.ts';

/**
 * Gives the request a logger carrying its request id (set by hono's requestId middleware before this),
 * so every line written while serving it can be traced, and writes one line when the handler returns:
 * method, path (never the query), status and duration.
 */
export function requestLogger(logger: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const requestLog = logger.child({ requestId: c.get('requestId') });
    c.set('logger', requestLog);
    const started = performance.now();
    await next();
    const fields = { method: c.req.method, path: c.req.path, status: c.res.status, durationMs: Math.round(performance.now() - started) };
    if (c.res.status >= 500) requestLog.error('request', fields);
    else requestLog.info('request', fields);
  };
}
