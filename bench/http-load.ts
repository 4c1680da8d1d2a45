import autocannon from 'autocannon';
import { round, summarize, type Summary } from './statistics.ts';

export interface LoadOptions {
  url: string;
  path: string;
  method?: 'GET' | 'POST';
  connections: number;
  /** Request bodies, sent in turn (each once when `amount` equals their count). */
  bodies?: string[];
  amount?: number;
  durationSeconds?: number;
}

export interface LoadResult {
  path: string;
  connections: number;
  requests: number;
  requestsPerSecond: number;
  /** Client-side latency on loopback, from sub-millisecond samples of every 2xx response. */
  latency: Summary;
  non2xx: number;
  errors: number;
}

/**
 * Drives a route with autocannon at a fixed concurrency. Latency comes from autocannon's
 * per-response event (fractional milliseconds) rather than its histogram, which rounds to whole ones.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const bodies = options.bodies;
  let next = 0;
  const instance = autocannon({
    url: options.url,
    connections: options.connections,
    ...(options.amount ? { amount: options.amount } : { duration: options.durationSeconds ?? 5 }),
    timeout: 30,
    requests: [
      {
        method: options.method ?? 'GET',
        path: options.path,
        headers: bodies ? { 'content-type': 'application/json' } : {},
        ...(bodies ? { setupRequest: (request) => ({ ...request, body: bodies[next++ % bodies.length] }) } : {}),
      },
    ],
  });
  const samples: number[] = [];
  instance.on('response', (_client: unknown, status: number, _bytes: number, responseTime: number) => {
    if (status >= 200 && status < 300) samples.push(responseTime);
  });
  const result = await instance;
  return {
    path: options.path,
    connections: options.connections,
    requests: result.requests.total,
    requestsPerSecond: round(result.requests.total / Math.max(result.duration, 1e-9), 1),
    latency: summarize(samples),
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}
