import { join } from 'node:path';
import { startFakeModelServer } from './fake-model-server.ts';
import { projectRoot, startServer } from './server-process.ts';
import { summarize, type Summary } from './statistics.ts';

export interface ChatTiming {
  /** Response headers received. */
  headersMs: number;
  /** First byte of the body. */
  firstByteMs: number;
  /** First `text-delta` frame. */
  firstTextMs: number | undefined;
  /** The `finish` frame. */
  finishMs: number | undefined;
  /** Which engine answered, from the `data-outcome` frame. */
  engine: string | undefined;
  /** performance.now() when the request was sent. */
  sentAt: number;
}

export interface ChatResult {
  questions: number;
  firstByte: Summary;
  firstText: Summary;
  finish: Summary;
}

export type Skipped = { skipped: string };

/** The body `/api/chat` takes: AI SDK UI messages. */
export function chatBody(question: string): string {
  return JSON.stringify({ messages: [{ id: 'm1', role: 'user', parts: [{ type: 'text', text: question }] }] });
}

/** Posts one chat question and times the UI message stream's frames as they arrive. */
export async function timeChat(url: string, question: string): Promise<ChatTiming> {
  const started = performance.now();
  const response = await fetch(`${url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: chatBody(question) });
  const headersMs = performance.now() - started;
  if (response.status !== 200 || !response.body) throw new Error(`/api/chat answered ${response.status}: ${await response.text()}`);
  const timing: ChatTiming = { headersMs, firstByteMs: Number.NaN, firstTextMs: undefined, finishMs: undefined, engine: undefined, sentAt: started };
  const decoder = new TextDecoder();
  let buffered = '';
  for await (const bytes of response.body) {
    const now = performance.now() - started;
    if (Number.isNaN(timing.firstByteMs)) timing.firstByteMs = now;
    buffered += decoder.decode(bytes, { stream: true });
    if (timing.firstTextMs === undefined && buffered.includes('"type":"text-delta"')) timing.firstTextMs = now;
    if (timing.finishMs === undefined && buffered.includes('"type":"finish"')) timing.finishMs = now;
  }
  timing.engine = /"engine":"(\w+)"/.exec(buffered)?.[1];
  return timing;
}

function summarizeTimings(timings: ChatTiming[]): ChatResult {
  return {
    questions: timings.length,
    firstByte: summarize(timings.map((timing) => timing.firstByteMs)),
    firstText: summarize(timings.flatMap((timing) => (timing.firstTextMs === undefined ? [] : [timing.firstTextMs]))),
    finish: summarize(timings.flatMap((timing) => (timing.finishMs === undefined ? [] : [timing.finishMs]))),
  };
}

async function chatMounted(url: string): Promise<boolean> {
  const response = await fetch(`${url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: chatBody('Who wrote the commentary?') });
  await response.arrayBuffer();
  return response.status !== 404;
}

/** `/api/chat` on the offline engine (a running server), one question at a time: first byte, first text, finish frame. */
export async function benchChat(options: { url: string; questions: string[] }): Promise<ChatResult | Skipped> {
  if (!(await chatMounted(options.url))) return { skipped: '/api/chat is not mounted in this build' };
  for (const question of options.questions.slice(0, 3)) await timeChat(options.url, `${question} (warm-up)`);
  const timings: ChatTiming[] = [];
  for (const question of options.questions) timings.push(await timeChat(options.url, question));
  return summarizeTimings(timings);
}

export interface GenerativeResult {
  questions: number;
  /** The stand-in model's delay before its first token. */
  delayMs: number;
  /** How many answers came from the generative engine (the rest fell back to the offline one). */
  llmAnswers: number;
  /** First text frame through /api/chat minus the model's delay: everything the path adds. */
  overhead: Summary;
  /** Of which: request sent to model request received (parsing, retrieval with query embedding). */
  beforeModel: Summary;
  /** Of which: model's first token to the first text frame at the client (streaming, verification). */
  afterModel: Summary;
}

/**
 * The generative path's own cost: /api/chat against a loopback OpenAI-compatible model that
 * sends its first token after a fixed delay, one question at a time.
 */
export async function benchGenerativeOverhead(options: { questions: string[]; delayMs?: number; nodeFlags?: string[] }): Promise<GenerativeResult | Skipped> {
  const delayMs = options.delayMs ?? 200;
  const model = await startFakeModelServer({ delayMs });
  const server = await startServer({
    environment: {
      CACHE_DIR: join(projectRoot, '.cache'),
      DATA_DIR: join(projectRoot, '.cache', 'bench-data'),
      LOG_LEVEL: 'warn',
      OPENAI_BASE_URL: model.baseURL,
      OPENAI_MODEL: 'bench-model',
    },
    nodeFlags: options.nodeFlags,
  });
  try {
    if (!(await chatMounted(server.url))) return { skipped: '/api/chat is not mounted in this build' };
    for (const question of options.questions.slice(0, 3)) await timeChat(server.url, `${question} (warm-up)`);
    const overhead: number[] = [];
    const beforeModel: number[] = [];
    const afterModel: number[] = [];
    let llmAnswers = 0;
    for (const question of options.questions) {
      const arrivalsBefore = model.arrivals.length;
      const timing = await timeChat(server.url, question);
      const arrival = model.arrivals[arrivalsBefore];
      if (timing.engine === 'llm') llmAnswers++;
      if (arrival === undefined || timing.firstTextMs === undefined || timing.engine !== 'llm') continue;
      overhead.push(timing.firstTextMs - delayMs);
      beforeModel.push(arrival - timing.sentAt);
      afterModel.push(timing.firstTextMs - (arrival - timing.sentAt) - delayMs);
    }
    return {
      questions: options.questions.length,
      delayMs,
      llmAnswers,
      overhead: summarize(overhead),
      beforeModel: summarize(beforeModel),
      afterModel: summarize(afterModel),
    };
  } finally {
    await server.stop();
    await model.close();
  }
}
