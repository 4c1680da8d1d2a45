import { startServer } from './server-process.ts';
import { join } from 'node:path';
import { projectRoot } from './server-process.ts';
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
  const timing: ChatTiming = { headersMs, firstByteMs: Number.NaN, firstTextMs: undefined, finishMs: undefined };
  const decoder = new TextDecoder();
  let buffered = '';
  for await (const bytes of response.body) {
    const now = performance.now() - started;
    if (Number.isNaN(timing.firstByteMs)) timing.firstByteMs = now;
    buffered += decoder.decode(bytes, { stream: true });
    if (timing.firstTextMs === undefined && buffered.includes('"type":"text-delta"')) timing.firstTextMs = now;
    if (timing.finishMs === undefined && buffered.includes('"type":"finish"')) timing.finishMs = now;
  }
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

/** `/api/chat` on the offline engine, one question at a time: first byte, first text, finish frame. */
export async function benchChat(options: { questions: string[] }): Promise<ChatResult | Skipped> {
  const server = await startServer({ environment: { CACHE_DIR: join(projectRoot, '.cache'), DATA_DIR: join(projectRoot, '.cache', 'bench-data'), LOG_LEVEL: 'warn' } });
  try {
    if (!(await chatMounted(server.url))) return { skipped: '/api/chat is not mounted in this build' };
    for (const question of options.questions.slice(0, 5)) await timeChat(server.url, `${question} (warm-up)`);
    const timings: ChatTiming[] = [];
    for (const question of options.questions) timings.push(await timeChat(server.url, question));
    return summarizeTimings(timings);
  } finally {
    await server.stop();
  }
}

export async function benchGenerativeOverhead(_options: { questions: string[] }): Promise<unknown> {
  return { skipped: 'the generative engine is not wired to /api/chat in this build' };
}
