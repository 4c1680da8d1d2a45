import type { Server, ServerResponse } from 'node:http';
import { Server as NetServer, type Socket } from 'node:net';
import type { Logger } from '../logger.ts';
import type { Lifecycle } from './lifecycle.ts';

export interface GracefulShutdownOptions {
  server: Server;
  lifecycle: Lifecycle;
  logger: Logger;
  /** The whole shutdown, in-flight requests and `afterDrain` included, ends within this. */
  timeoutMs: number;
  /**
   * How long to keep accepting connections after readiness fails, so load balancers notice and stop
   * routing here before the listening socket closes (requests served meanwhile get `Connection: close`).
   */
  delayMs?: number;
  /** During the drain, a connection with no request in flight for this long is closed. */
  idleGraceMs?: number;
  /** Runs once no request is in flight (finish background work, close the store). */
  afterDrain?: (remainingMs: number) => Promise<void>;
}

/**
 * Answers with `Connection: close` even when the app sets its own `Connection` header (the AI SDK's
 * stream responses send `keep-alive`, and headers given to writeHead override setHeader).
 */
function forceConnectionClose(response: ServerResponse) {
  const writeHead = response.writeHead;
  response.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    const headersAt = typeof args[1] === 'string' ? 2 : 1;
    const headers = args[headersAt];
    if (Array.isArray(headers)) {
      const pairs: unknown[] = [];
      for (let index = 0; index < headers.length; index += 2) {
        if (String(headers[index]).toLowerCase() !== 'connection') pairs.push(headers[index], headers[index + 1]);
      }
      args[headersAt] = [...pairs, 'Connection', 'close'];
    } else {
      const kept = Object.entries((headers ?? {}) as Record<string, unknown>).filter(([name]) => name.toLowerCase() !== 'connection');
      args[headersAt] = { ...Object.fromEntries(kept), Connection: 'close' };
    }
    return (writeHead as (...parameters: unknown[]) => ServerResponse).apply(this, args);
  } as ServerResponse['writeHead'];
  response.setHeader('Connection', 'close');
}

interface ConnectionState {
  inFlight: number;
  idleSince: number;
}

/**
 * Tracks in-flight requests on the Node server (a request counts until its response, streamed or not,
 * has been written or its socket closed) and returns the shutdown to run on SIGTERM: readiness fails,
 * the listening socket closes so new connections are refused, every request already received is
 * answered (its connection told `Connection: close`), connections left idle are closed after a short
 * grace, and it resolves `clean` once all is done, or `forced` at the deadline after cutting the rest.
 *
 * Idle connections are not closed the instant the drain starts (as `server.close()` would): a freshly
 * accepted connection whose request is still arriving looks idle, and closing it would drop a request
 * the client has already sent.
 */
export function createGracefulShutdown(options: GracefulShutdownOptions) {
  const { server, lifecycle, logger } = options;
  const idleGraceMs = options.idleGraceMs ?? 1000;
  const connections = new Map<Socket, ConnectionState>();
  let inFlight = 0;
  let received = 0;
  let changed: () => void = () => {};

  server.on('connection', (socket: Socket) => {
    connections.set(socket, { inFlight: 0, idleSince: Date.now() });
    socket.once('close', () => connections.delete(socket));
  });
  server.prependListener('request', (request, response) => {
    const connection = connections.get(request.socket);
    inFlight += 1;
    received += 1;
    if (connection) connection.inFlight += 1;
    // A keep-alive connection carrying a request during the drain closes after answering it.
    if (lifecycle.draining) forceConnectionClose(response);
    response.once('close', () => {
      inFlight -= 1;
      if (connection) {
        connection.inFlight -= 1;
        connection.idleSince = Date.now();
      }
      changed();
    });
  });

  function closeIdleConnections() {
    const now = Date.now();
    for (const [socket, connection] of connections) {
      if (connection.inFlight === 0 && now - connection.idleSince >= idleGraceMs) socket.destroy();
    }
  }

  let running: Promise<'clean' | 'forced'> | undefined;

  async function drain(): Promise<'clean' | 'forced'> {
    const started = Date.now();
    lifecycle.beginDraining();
    logger.info('shutdown started', { inFlight, connections: connections.size, timeoutMs: options.timeoutMs, delayMs: options.delayMs ?? 0 });
    if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, Math.min(options.delayMs!, options.timeoutMs)));
    // net.Server's close: stop listening and wait for the connections, without http.Server's instant idle sweep.
    const closed = new Promise<void>((resolve) => NetServer.prototype.close.call(server, () => resolve()));
    const sweeper = setInterval(closeIdleConnections, Math.min(100, idleGraceMs));
    let deadlineTimer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'forced'>((resolve) => {
      deadlineTimer = setTimeout(resolve, Math.max(0, options.timeoutMs - (Date.now() - started)), 'forced');
    });
    const requestsDone = new Promise<void>((resolve) => {
      changed = () => {
        if (inFlight === 0) resolve();
      };
      changed();
    });
    let outcome: 'clean' | 'forced';
    try {
      outcome = await Promise.race([
        (async () => {
          await requestsDone;
          await closed;
          await options.afterDrain?.(Math.max(0, options.timeoutMs - (Date.now() - started)));
          return 'clean' as const;
        })(),
        deadline,
      ]);
    } catch (error) {
      // A failure while closing the store or draining background work still ends the shutdown, as forced.
      logger.error('shutdown step failed', { error });
      outcome = 'forced';
    } finally {
      clearInterval(sweeper);
      clearTimeout(deadlineTimer);
    }
    if (outcome === 'forced') {
      logger.error('shutdown deadline reached; closing the remaining connections', { inFlight });
      for (const socket of connections.keys()) socket.destroy();
    } else {
      // `requestsReceived` (over the process's life) lets a load test check that every request the
      // server read was answered: a client error beyond that count was never accepted at all.
      logger.info('shutdown complete', { durationMs: Date.now() - started, requestsReceived: received });
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
