import type { Server } from 'node:http';
import type { Logger } from '../logger.ts';
import type { Lifecycle } from './lifecycle.ts';

export interface GracefulShutdownOptions {
  server: Server;
  lifecycle: Lifecycle;
  logger: Logger;
  /** The whole shutdown, in-flight requests and `afterDrain` included, ends within this. */
  timeoutMs: number;
  /** Runs once no request is in flight (finish background work, close the store). */
  afterDrain?: (remainingMs: number) => Promise<void>;
}

/**
 * Tracks in-flight requests on the Node server (a request counts until its response, streamed or not,
 * has been written or its socket closed) and returns the shutdown to run on SIGTERM: readiness fails,
 * the listening socket closes so new connections are refused, connections still open are told to
 * close after their current response, and it resolves `clean` once every in-flight request is done,
 * or `forced` at the deadline after cutting what is left.
 */
export function createGracefulShutdown(options: GracefulShutdownOptions) {
  const { server, lifecycle, logger } = options;
  let inFlight = 0;
  let changed: () => void = () => {};

  server.prependListener('request', (_request, response) => {
    inFlight += 1;
    // A keep-alive connection carrying a request during the drain closes after answering it.
    if (lifecycle.draining) response.setHeader('Connection', 'close');
    response.once('close', () => {
      inFlight -= 1;
      changed();
    });
  });

  let running: Promise<'clean' | 'forced'> | undefined;

  async function drain(): Promise<'clean' | 'forced'> {
    const started = Date.now();
    lifecycle.beginDraining();
    logger.info('shutdown started', { inFlight, timeoutMs: options.timeoutMs });
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // Connections that turn idle after close() was called are not closed by it: sweep them.
    const sweeper = setInterval(() => server.closeIdleConnections(), 100);
    let deadlineTimer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'forced'>((resolve) => {
      deadlineTimer = setTimeout(resolve, options.timeoutMs, 'forced');
    });
    const requestsDone = new Promise<void>((resolve) => {
      changed = () => {
        if (inFlight === 0) resolve();
      };
      changed();
    });
    const outcome = await Promise.race([
      (async () => {
        await requestsDone;
        await closed;
        await options.afterDrain?.(Math.max(0, options.timeoutMs - (Date.now() - started)));
        return 'clean' as const;
      })(),
      deadline,
    ]);
    clearInterval(sweeper);
    clearTimeout(deadlineTimer);
    if (outcome === 'forced') {
      logger.error('shutdown deadline reached; closing the remaining connections', { inFlight });
      server.closeAllConnections();
    } else {
      logger.info('shutdown complete', { durationMs: Date.now() - started });
    }
    return outcome;
  }

  return {
    get inFlight() {
      return inFlight;
    },
    /** Idempotent: a second signal waits for the shutdown already under way. */
    shutdown(): Promise<'clean' | 'forced'> {
      running ??= drain();
      return running;
    },
  };
}
