import { spawn } from 'node:child_process';
import { Agent, request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';

// `npm run load`: starts the real server (`node src/main.ts`) on a loopback port, drives /api/ask and
// /api/chat with autocannon at a fixed concurrency, bounded by duration and request count, and reports
// requests, errors, timeouts, non-2xx, bodies that were cut or malformed, and latency percentiles.
// Exits 1 when the target (no errors, no timeouts, no non-2xx, no truncated stream) is missed.

const { values } = parseArgs({
  options: {
    connections: { type: 'string', default: '50' },
    duration: { type: 'string', default: '10' },
    amount: { type: 'string', default: '20000' },
    json: { type: 'boolean', default: false },
    'skip-sigterm': { type: 'boolean', default: false },
  },
});
const connections = Number(values.connections);
const durationSeconds = Number(values.duration);
const maxRequests = Number(values.amount);
if (![connections, durationSeconds, maxRequests].every((value) => Number.isInteger(value) && value > 0)) {
  process.stderr.write('--connections, --duration (seconds) and --amount (requests) must be positive integers.\n');
  process.exit(2);
}

const projectRoot = join(import.meta.dirname, '..', '..');
const questions = [
  'Who wrote the commentary?',
  'What agreements did Kazakhstan sign with the Taliban?',
  'When did Serik Zhumangarin visit Kabul?',
  'Why is Kazakhstan interested in Afghanistan?',
  'What did Russia do about the Taliban?',
  'What transit corridor does Kazakhstan want?',
  'What does the IAIS think about this?',
  'What is the capital of France?',
];
const askBodies = questions.map((question) => JSON.stringify({ question }));
const chatBodies = questions.map((question, index) =>
  JSON.stringify({ id: `load-${index}`, messages: [{ id: `m-${index}`, role: 'user', parts: [{ type: 'text', text: question }] }], trigger: 'submit-message' }),
);

interface Server {
  origin: string;
  /** The server's own count of requests it read, from its `shutdown complete` log line (after stop). */
  requestsReceived(): number | undefined;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

async function startServer(): Promise<Server> {
  const child = spawn(process.execPath, [join(projectRoot, 'src', 'main.ts')], {
    cwd: projectRoot,
    // The server reads its own configuration (REDIS_URL included) from this environment.
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      // Info, as in production: one JSON line per request is part of the cost being measured.
      LOG_LEVEL: 'info',
      // The limiter runs (its store round trip is part of every answer) but never trips under load.
      RATE_LIMIT_MAX: '1000000000',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  let log = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text: string) => (log = (log + text).slice(-4000)));
  // PORT=0 lets the OS pick a free port; the server names it in its `listening` log line.
  const origin = await new Promise<string>((resolve, reject) => {
    void exited.then((code) => reject(new Error(`server exited with ${code}:\n${log}`)));
    const poll = setInterval(() => {
      const match = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(log);
      if (match) {
        clearInterval(poll);
        resolve(match[1]!);
      }
    }, 50);
  });
  return {
    origin,
    requestsReceived: () => {
      const match = /"message":"shutdown complete"[^\n]*"requestsReceived":(\d+)/.exec(log);
      return match ? Number(match[1]) : undefined;
    },
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

interface Measurement {
  endpoint: string;
  connections: number;
  durationSeconds: number;
  requests: number;
  requestsPerSecond: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  /** 2xx responses whose body was not a whole answer (ask: JSON with an outcome; chat: a stream ending in `finish` and `[DONE]`). */
  badBodies: number;
  /** How many 2xx bodies were read and checked (all of them, when the count matches the 2xx responses). */
  checkedBodies: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
}

function percentile(sorted: number[], fraction: number): number {
  return round(sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))] ?? Number.NaN);
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

function isWholeAnswer(endpoint: string, body: string): boolean {
  if (endpoint === '/api/ask') {
    try {
      const answer = JSON.parse(body) as { outcome?: unknown };
      return answer.outcome === 'answered' || answer.outcome === 'not_found';
    } catch {
      return false;
    }
  }
  return body.includes('"type":"finish"') && body.trimEnd().endsWith('data: [DONE]');
}

async function measure(origin: string, endpoint: string, bodies: string[]): Promise<Measurement> {
  let next = 0;
  let badBodies = 0;
  let checkedBodies = 0;
  const samples: number[] = [];
  const instance = autocannon({
    url: origin,
    connections,
    // autocannon ignores `duration` when `amount` is set, so the count bound is enforced below
    // (autocannon stops at its next one-second tick after `stop()`).
    duration: durationSeconds,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        path: endpoint,
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => ({ ...request, body: bodies[next++ % bodies.length] }),
        onResponse: (status, body) => {
          if (status < 200 || status >= 300) return;
          checkedBodies += 1;
          if (!isWholeAnswer(endpoint, body)) badBodies += 1;
        },
      },
    ],
  });
  let responses = 0;
  instance.on('response', (_client: unknown, status: number, _bytes: number, responseTime: number) => {
    if (status >= 200 && status < 300) samples.push(responseTime);
    responses += 1;
    if (responses === maxRequests) instance.stop();
  });
  const result = await instance;
  samples.sort((a, b) => a - b);
  return {
    endpoint,
    connections,
    durationSeconds: round(result.duration),
    requests: result.requests.total,
    requestsPerSecond: round(result.requests.total / Math.max(result.duration, 1e-9)),
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    badBodies,
    checkedBodies,
    latencyMs: {
      p50: percentile(samples, 0.5),
      p90: percentile(samples, 0.9),
      p99: percentile(samples, 0.99),
      max: round(samples.at(-1) ?? Number.NaN),
      mean: round(samples.reduce((sum, value) => sum + value, 0) / Math.max(1, samples.length)),
    },
  };
}

interface ShutdownMeasurement {
  endpoint: string;
  connections: number;
  /** Requests sent before SIGTERM whose responses completed after it: in flight, answered during the drain. */
  completedAfterSignal: number;
  badBodies: number;
  /** New connections refused once the listening socket closed: expected. */
  refused: number;
  /** Anything else (reset, timeout) on a request the server had read: lost in flight. The target is zero. */
  lost: number;
  /**
   * Connections reset before any response byte that the server never read a request from (its own
   * count of requests read equals the responses received): connections still in the kernel's accept
   * queue when the listening socket closed. Behind a load balancer, readiness fails first and they do not arise.
   */
  resetBeforeAccept: number;
  requestsSent: number;
  responsesReceived: number;
  requestsReceivedByServer: number | undefined;
  exitCode: number | null;
  shutdownMs: number;
}

/**
 * Streams at full concurrency, sends SIGTERM mid-run, and sorts what happens to every request. Uses
 * node:http with a keep-alive agent rather than autocannon, because autocannon ignores
 * `Connection: close` and keeps writing requests into sockets the server is closing. A reset on a
 * reused keep-alive socket before any response byte is the server closing an idle connection
 * (Node's documented race; the request was never read and is safe to retry): it is retried once on
 * a new connection, which the draining server refuses.
 */
async function measureShutdown(endpoint: string, bodies: string[]): Promise<ShutdownMeasurement> {
  const target = await startServer();
  const warmUpRequests = await warmUp(target.origin);
  const { port } = new URL(target.origin);
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  let signalled = false;
  let stopped = false;
  let completedAfterSignal = 0;
  let badBodies = 0;
  let refused = 0;
  let failures = 0;
  let requestsSent = 0;
  let responsesReceived = 0;

  type Outcome = { kind: 'response'; status: number; body: string } | { kind: 'error'; code: string | undefined; beforeResponse: boolean; reusedSocket: boolean };
  const send = (body: string) =>
    new Promise<Outcome>((resolve) => {
      let responded = false;
      requestsSent += 1;
      const request = httpRequest({ host: '127.0.0.1', port, path: endpoint, method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (response) => {
        responded = true;
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => {
          responsesReceived += 1;
          resolve({ kind: 'response', status: response.statusCode ?? 0, body: text });
        });
        response.on('error', (error: NodeJS.ErrnoException) => resolve({ kind: 'error', code: error.code, beforeResponse: false, reusedSocket: request.reusedSocket }));
      });
      request.on('error', (error: NodeJS.ErrnoException) => resolve({ kind: 'error', code: error.code, beforeResponse: !responded, reusedSocket: request.reusedSocket }));
      request.end(body);
    });

  async function loop(offset: number) {
    for (let index = offset; !stopped; index += connections) {
      const sentAfterSignal = signalled;
      let outcome = await send(bodies[index % bodies.length]!);
      if (outcome.kind === 'error' && outcome.code === 'ECONNRESET' && outcome.beforeResponse && outcome.reusedSocket) {
        outcome = await send(bodies[index % bodies.length]!);
      }
      if (outcome.kind === 'response') {
        if (outcome.status < 200 || outcome.status >= 300 || !isWholeAnswer(endpoint, outcome.body)) badBodies += 1;
        if (signalled && !sentAfterSignal) completedAfterSignal += 1;
      } else if (signalled && outcome.code === 'ECONNREFUSED') {
        refused += 1;
        return;
      } else {
        failures += 1;
        if (signalled) return;
      }
    }
  }

  const loops = Array.from({ length: connections }, (_, offset) => loop(offset));
  await new Promise((resolve) => setTimeout(resolve, 1500));
  signalled = true;
  const signalledAt = performance.now();
  const exitCode = await target.stop();
  const shutdownMs = Math.round(performance.now() - signalledAt);
  stopped = true;
  await Promise.all(loops);
  agent.destroy();
  const readByServer = target.requestsReceived();
  const requestsReceivedByServer = readByServer === undefined ? undefined : readByServer - warmUpRequests;
  // Requests the server read but never answered are the lost ones; other failures never reached it.
  const lost = requestsReceivedByServer === undefined ? failures : Math.min(failures, Math.max(0, requestsReceivedByServer - responsesReceived));
  return {
    endpoint,
    connections,
    completedAfterSignal,
    badBodies,
    refused,
    lost,
    resetBeforeAccept: failures - lost,
    requestsSent,
    responsesReceived,
    requestsReceivedByServer,
    exitCode,
    shutdownMs,
  };
}

/** Answers each question once (index, embedder model, JIT) so what is measured is not the cold start. */
async function warmUp(origin: string): Promise<number> {
  for (const body of askBodies) await fetch(`${origin}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  for (const body of chatBodies) await (await fetch(`${origin}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).text();
  return askBodies.length + chatBodies.length;
}

const server = await startServer();
const measurements: Measurement[] = [];
try {
  await warmUp(server.origin);
  measurements.push(await measure(server.origin, '/api/ask', askBodies));
  measurements.push(await measure(server.origin, '/api/chat', chatBodies));
} finally {
  const exitCode = await server.stop();
  if (exitCode !== 0) process.stderr.write(`server exited with ${exitCode} after SIGTERM\n`);
}

const shutdown = values['skip-sigterm'] ? undefined : await measureShutdown('/api/chat', chatBodies);

if (values.json) {
  process.stdout.write(`${JSON.stringify({ measurements, shutdown }, null, 2)}\n`);
} else {
  process.stdout.write(`Load: ${connections} connections, ${durationSeconds} s per endpoint (or until ~${maxRequests} responses), server on ${server.origin}\n\n`);
  process.stdout.write('| endpoint | requests | req/s | errors | timeouts | non-2xx | bodies checked | cut/bad bodies | p50 ms | p90 ms | p99 ms | max ms |\n');
  process.stdout.write('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n');
  for (const row of measurements) {
    const { p50, p90, p99, max } = row.latencyMs;
    process.stdout.write(`| ${row.endpoint} | ${row.requests} | ${row.requestsPerSecond} | ${row.errors} | ${row.timeouts} | ${row.non2xx} | ${row.checkedBodies} | ${row.badBodies} | ${p50} | ${p90} | ${p99} | ${max} |\n`);
  }
}
if (shutdown && !values.json) {
  process.stdout.write(
    `\nSIGTERM under load (${shutdown.endpoint}, ${shutdown.connections} connections): ${shutdown.completedAfterSignal} in-flight streams completed after the signal, ` +
      `${shutdown.badBodies} cut or failed, ${shutdown.lost} lost, ${shutdown.refused} clients refused a new connection, ` +
      `${shutdown.resetBeforeAccept} connections reset before the server accepted them (server read ${shutdown.requestsReceivedByServer} requests, client got ${shutdown.responsesReceived} responses); ` +
      `exit code ${shutdown.exitCode} after ${shutdown.shutdownMs} ms\n`,
  );
}
const shutdownMissed = shutdown !== undefined && (shutdown.badBodies > 0 || shutdown.lost > 0 || shutdown.exitCode !== 0);
const missed = shutdownMissed || measurements.some((row) => row.errors + row.timeouts + row.non2xx + row.badBodies > 0 || row.checkedBodies < row.requests);
process.exit(missed ? 1 : 0);
