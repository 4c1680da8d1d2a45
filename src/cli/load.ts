import { spawn } from 'node:child_process';
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

const server = await startServer();
const measurements: Measurement[] = [];
try {
  // Warm up (index, embedder, JIT) so the first measured second is not the cold start.
  for (const body of askBodies) await fetch(`${server.origin}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  measurements.push(await measure(server.origin, '/api/ask', askBodies));
  measurements.push(await measure(server.origin, '/api/chat', chatBodies));
} finally {
  const exitCode = await server.stop();
  if (exitCode !== 0) process.stderr.write(`server exited with ${exitCode} after SIGTERM\n`);
}

if (values.json) {
  process.stdout.write(`${JSON.stringify(measurements, null, 2)}\n`);
} else {
  process.stdout.write(`Load: ${connections} connections, ${durationSeconds} s per endpoint (or until ~${maxRequests} responses), server on ${server.origin}\n\n`);
  process.stdout.write('| endpoint | requests | req/s | errors | timeouts | non-2xx | bodies checked | cut/bad bodies | p50 ms | p90 ms | p99 ms | max ms |\n');
  process.stdout.write('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n');
  for (const row of measurements) {
    const { p50, p90, p99, max } = row.latencyMs;
    process.stdout.write(`| ${row.endpoint} | ${row.requests} | ${row.requestsPerSecond} | ${row.errors} | ${row.timeouts} | ${row.non2xx} | ${row.checkedBodies} | ${row.badBodies} | ${p50} | ${p90} | ${p99} | ${max} |\n`);
  }
}
const missed = measurements.some((row) => row.errors + row.timeouts + row.non2xx + row.badBodies > 0 || row.checkedBodies < row.requests);
process.exit(missed ? 1 : 0);
