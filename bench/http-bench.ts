import { runLoad, type LoadResult } from './http-load.ts';
import type { ServerProcess } from './server-process.ts';
import { round } from './statistics.ts';

export interface HttpResult {
  connections: number;
  /** GET /healthz on the same server: the reference every ratio is taken against. */
  reference: LoadResult;
  /** POST /api/ask, each question asked once. */
  distinct: LoadResult;
  /** POST /api/ask cycling through a few questions already asked. */
  repeated: LoadResult;
  ratios: {
    distinctThroughputToReference: number;
    repeatedThroughputToReference: number;
    repeatedP50ToReference: number;
  };
}

export interface MemoryResult {
  afterWarmUpMiB: number;
  questions: number;
  afterQuestionsMiB: number;
  /** Resident MiB after warm-up and after each fifth of the questions. */
  residentSeries: number[];
  growthMiB: number;
  growthAfterFirstFifthMiB: number;
  /** Throughput of the long run, which doubles as a soak test. */
  requestsPerSecond: number;
  non2xx: number;
}

const asBody = (question: string) => JSON.stringify({ question });

export interface HttpBenchOptions {
  server: ServerProcess;
  connections: number;
  distinctQuestions: string[];
  repeatedQuestions: string[];
  durationSeconds: number;
}

/** The reference route, distinct questions and repeated ones, on one running server, one after another. */
export async function benchHttp(options: HttpBenchOptions): Promise<HttpResult> {
  const { server, connections } = options;
  // Warm-up: JIT, connection handling, and every repeated question asked once.
  await runLoad({ url: server.url, path: '/healthz', connections, durationSeconds: 1 });
  await runLoad({ url: server.url, path: '/api/ask', method: 'POST', connections, bodies: options.repeatedQuestions.map(asBody), amount: options.repeatedQuestions.length });

  const reference = await runLoad({ url: server.url, path: '/healthz', connections, durationSeconds: options.durationSeconds });
  const distinct = await runLoad({
    url: server.url,
    path: '/api/ask',
    method: 'POST',
    connections,
    bodies: options.distinctQuestions.map(asBody),
    amount: options.distinctQuestions.length,
  });
  const repeated = await runLoad({
    url: server.url,
    path: '/api/ask',
    method: 'POST',
    connections,
    bodies: options.repeatedQuestions.map(asBody),
    durationSeconds: options.durationSeconds,
  });
  return {
    connections,
    reference,
    distinct,
    repeated,
    ratios: {
      distinctThroughputToReference: round(distinct.requestsPerSecond / reference.requestsPerSecond, 3),
      repeatedThroughputToReference: round(repeated.requestsPerSecond / reference.requestsPerSecond, 3),
      repeatedP50ToReference: round(repeated.latency.p50 / reference.latency.p50, 2),
    },
  };
}

/**
 * Resident memory after warm-up, then after each fifth of many distinct questions: it should level
 * off, not climb. The growth over the last four fifths is the figure that matters (the first fifth
 * still sees the heap settle into its working size).
 */
export async function benchMemory(options: { server: ServerProcess; connections: number; questions: string[] }): Promise<MemoryResult> {
  const { server } = options;
  const afterWarmUpMiB = await server.residentMiB();
  const residentSeries = [afterWarmUpMiB];
  const part = Math.ceil(options.questions.length / 5);
  let requests = 0;
  let seconds = 0;
  let non2xx = 0;
  for (let start = 0; start < options.questions.length; start += part) {
    const slice = options.questions.slice(start, start + part);
    const run = await runLoad({ url: server.url, path: '/api/ask', method: 'POST', connections: options.connections, bodies: slice.map(asBody), amount: slice.length });
    requests += run.requests;
    seconds += run.requests / run.requestsPerSecond;
    non2xx += run.non2xx;
    residentSeries.push(await server.residentMiB());
  }
  const afterQuestionsMiB = residentSeries.at(-1)!;
  return {
    afterWarmUpMiB,
    questions: options.questions.length,
    afterQuestionsMiB,
    residentSeries,
    growthMiB: round(afterQuestionsMiB - afterWarmUpMiB, 1),
    growthAfterFirstFifthMiB: round(afterQuestionsMiB - residentSeries[1]!, 1),
    requestsPerSecond: round(requests / seconds, 1),
    non2xx,
  };
}
