import { Hono } from 'hono';
import { AppError } from '../errors.ts';
import type { AppEnv, Services } from './app-env.ts';

/**
 * `GET /healthz`: the process is alive and serving (restart it if not).
 * `GET /readyz`: it should get traffic: the index is loaded, the store answers, and it is not shutting
 * down. A failure is a 503 `not_ready` naming every check that failed.
 */
export function createHealthRoute(services: Services) {
  const route = new Hono<AppEnv>();
  route.get('/healthz', (c) => c.json({ status: 'ok' }));
  route.get('/readyz', async (c) => {
    const checks = {
      index: services.index.corpus.chunks.length > 0,
      store: await pingWithin(services, 1000),
      accepting: !services.lifecycle.draining,
    };
    const failed = Object.entries(checks)
      .filter(([, passed]) => !passed)
      .map(([name]) => name);
    if (failed.length > 0) {
      c.header('Cache-Control', 'no-store');
      throw new AppError('not_ready', `Not ready: ${failed.map(describe).join('; ')}.`);
    }
    c.header('Cache-Control', 'no-store');
    return c.json({ status: 'ready', checks });
  });
  return route;
}

async function pingWithin(services: Services, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(resolve, timeoutMs, false);
  });
  try {
    return await Promise.race([services.store.ping().catch(() => false), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

function describe(check: string): string {
  if (check === 'index') return 'the search index is empty';
  if (check === 'store') return 'the store does not answer';
  return 'shutting down';
}
