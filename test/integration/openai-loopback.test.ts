import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { DefaultChatTransport, readUIMessageStream } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import type { ChatUIMessage } from '../../src/http/chat-route.ts';
import { createLogger } from '../../src/logger.ts';
import { createServices } from '../../src/services.ts';
import { lastUserText, passageNumberIn, startOpenAILoopbackServer, type OpenAILoopbackServer } from '../support/openai-loopback-server.ts';
import { createTestServices, testConfig } from '../support/test-services.ts';

interface Running {
  url: string;
  server: ServerType;
  logs: Array<Record<string, unknown>>;
}

/** The real app on a real Node server, with the services `npm start` builds from this environment. */
async function startApp(environment: Record<string, string>): Promise<Running> {
  const logs: Array<Record<string, unknown>> = [];
  const config = testConfig(environment);
  const services = environment.OPENAI_BASE_URL
    ? await createServices(config, createLogger('debug', {}, (line) => logs.push(JSON.parse(line))))
    : await createTestServices(environment);
  const app = createApp(services);
  const server = await new Promise<ServerType>((resolve) => {
    const started = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(started));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, logs };
}

const goodAnswer = (request: Parameters<typeof passageNumberIn>[0]) =>
  `Kazakhstan dispatched a geological mission to Nuristan Province [${passageNumberIn(request, 'Nuristan')}]. ` +
  `The author notes the mission collected ore samples for analysis [${passageNumberIn(request, 'ore samples')}].`;

async function ask(base: string, question: string, history: unknown[] = []) {
  const response = await fetch(`${base}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question, history }) });
  return { status: response.status, body: await response.json() };
}

async function expectExactCitations(base: string, citations: Array<{ docId: string; quote: string; start: number; end: number }>) {
  expect(citations.length).toBeGreaterThan(0);
  for (const citation of citations) {
    const source = await (await fetch(`${base}/api/sources/${encodeURIComponent(citation.docId)}`)).json();
    expect(source.text.slice(citation.start, citation.end)).toBe(citation.quote);
  }
}

/** What a `useChat` client does: the default transport posts the messages and the SDK reads the stream into a message. */
async function chatLikeUseChat(base: string, text: string, abortSignal?: AbortSignal) {
  const transport = new DefaultChatTransport<ChatUIMessage>({ api: `${base}/api/chat` });
  const stream = await transport.sendMessages({
    trigger: 'submit-message',
    chatId: 'integration',
    messageId: undefined,
    messages: [{ id: 'u1', role: 'user', parts: [{ type: 'text', text }] }],
    abortSignal,
  });
  const types: string[] = [];
  let message: ChatUIMessage | undefined;
  const recorded = stream.pipeThrough(new TransformStream({ transform: (chunk, controller) => (types.push(chunk.type), controller.enqueue(chunk)) }));
  for await (const state of readUIMessageStream<ChatUIMessage>({ stream: recorded, terminateOnError: true })) message = state;
  const parts = message?.parts ?? [];
  return {
    types,
    text: parts.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join(''),
    sources: parts.filter((part) => part.type === 'source-document'),
    citations: parts.flatMap((part) => (part.type === 'data-citation' ? [part.data] : [])),
    outcome: parts.flatMap((part) => (part.type === 'data-outcome' ? [part.data] : []))[0],
  };
}

describe('generative mode against a loopback OpenAI-compatible server', () => {
  let model: OpenAILoopbackServer;
  let app: Running;

  beforeAll(async () => {
    model = await startOpenAILoopbackServer({ type: 'answer', text: goodAnswer });
    app = await startApp({ OPENAI_BASE_URL: model.baseURL, OPENAI_MODEL: 'loopback-model', LLM_TIMEOUT_MS: '2000', LLM_FIRST_TOKEN_TIMEOUT_MS: '600' });
  });
  afterAll(async () => {
    app?.server.close();
    await model?.close();
  });

  it('answers POST /api/ask with engine llm and exact citations, over streaming Chat Completions', async () => {
    model.behaviour = { type: 'answer', text: goodAnswer };
    const before = model.requests.length;
    const { status, body } = await ask(app.url, 'Where was the geological mission sent?');
    expect(status).toBe(200);
    expect(body.engine).toBe('llm');
    expect(body.outcome).toBe('answered');
    expect(body.answer).toContain('Nuristan Province [1]');
    expect(body.answer).toContain('ore samples');
    await expectExactCitations(app.url, body.citations);
    const request = model.requests[before]!;
    expect(request.path).toBe('/v1/chat/completions');
    expect(request.body).toMatchObject({ model: 'loopback-model', stream: true });
    expect(lastUserText(request.body)).toMatch(/^Passages:\n\[1\] /);
  });

  it('condenses a follow-up with a non-streaming call before answering', async () => {
    model.behaviour = {
      type: 'answer',
      text: (request) => (request.stream ? goodAnswer(request) : 'What did the geological mission in Nuristan Province collect?'),
    };
    const before = model.requests.length;
    const { body } = await ask(app.url, 'What did it collect there?', [
      { role: 'user', content: 'Where did Kazakhstan send a geological mission?' },
      { role: 'assistant', content: 'According to the commentary, Kazakhstan dispatched a geological mission to Nuristan Province [1].' },
    ]);
    const [condense, answer] = model.requests.slice(before);
    expect(condense!.body.stream).toBeFalsy();
    expect(lastUserText(condense!.body)).toContain('What did it collect there?');
    expect(lastUserText(answer!.body)).toContain('Question: What did the geological mission in Nuristan Province collect?');
    expect(body.engine).toBe('llm');
  });

  it.each([500, 429])('falls back to the offline engine with status 200 when the server answers %i', async (statusCode) => {
    model.behaviour = { type: 'status', status: statusCode };
    const before = model.requests.length;
    const { status, body } = await ask(app.url, 'Where was the geological mission sent?');
    expect(status).toBe(200);
    expect(body.engine).toBe('extractive');
    expect(body.answer).toContain('Nuristan');
    await expectExactCitations(app.url, body.citations);
    expect(model.requests.length - before).toBe(1);
    expect(app.logs.some((line) => line.level === 'warn' && /falling back|answering with the extractive engine/.test(String(line.message)))).toBe(true);
  });

  it('falls back to the offline engine with status 200 when the server hangs past the timeout', async () => {
    model.behaviour = { type: 'hang' };
    const started = performance.now();
    const { status, body } = await ask(app.url, 'Where was the geological mission sent?');
    const elapsed = performance.now() - started;
    expect(status).toBe(200);
    expect(body.engine).toBe('extractive');
    expect(body.answer).toContain('Nuristan');
    // The first-token timeout (600 ms) ends it, well before the whole-answer timeout (2 s).
    expect(elapsed).toBeLessThan(1_900);
    await expect.poll(() => model.requests.at(-1)!.wasAborted, { timeout: 1_000 }).toBe(true);
  });

  it('falls back when the server stalls mid-answer, before a whole sentence arrived', async () => {
    model.behaviour = { type: 'stall-after', text: 'Kazakhstan dispatched a geological' };
    const { status, body } = await ask(app.url, 'Where was the geological mission sent?');
    expect(status).toBe(200);
    expect(body.engine).toBe('extractive');
  });

  it('streams POST /api/chat to the AI SDK client: text, sources, citations and finish, engine llm', async () => {
    model.behaviour = { type: 'answer', text: goodAnswer, chunkDelayMs: 2 };
    const result = await chatLikeUseChat(app.url, 'Where was the geological mission sent?');
    expect(result.outcome).toEqual({ outcome: 'answered', engine: 'llm' });
    expect(result.text).toContain('Nuristan Province [1]');
    expect(result.sources.length).toBe(result.citations.length);
    await expectExactCitations(app.url, result.citations);
    expect(result.types[0]).toBe('start');
    expect(result.types.at(-1)).toBe('finish');
  });

  it('streams the offline answer through /api/chat when the model server fails', async () => {
    model.behaviour = { type: 'status', status: 503 };
    const result = await chatLikeUseChat(app.url, 'Where was the geological mission sent?');
    expect(result.outcome).toEqual({ outcome: 'answered', engine: 'extractive' });
    expect(result.text).toContain('Nuristan');
    expect(result.types.at(-1)).toBe('finish');
  });

  it('aborts the upstream model call when the chat client disconnects', async () => {
    model.behaviour = { type: 'hang' };
    const before = model.requests.length;
    const controller = new AbortController();
    const pending = chatLikeUseChat(app.url, 'Where was the geological mission sent?', controller.signal).catch((error: unknown) => error);
    await expect.poll(() => model.requests.length, { timeout: 3_000 }).toBeGreaterThan(before);
    controller.abort();
    await pending;
    const upstream = model.requests[before]!;
    // Well inside the 600 ms first-token timeout, so the client's disconnect is what ended it.
    await Promise.race([upstream.aborted, new Promise((_, reject) => setTimeout(() => reject(new Error('upstream call still open')), 400))]);
    expect(upstream.wasAborted).toBe(true);
  });
});

describe('offline mode through the same wire path', () => {
  let app: Running;
  beforeAll(async () => {
    app = await startApp({});
  });
  afterAll(() => {
    app?.server.close();
  });

  it('streams POST /api/chat to the AI SDK client with engine extractive', async () => {
    const result = await chatLikeUseChat(app.url, 'Where was the geological mission sent?');
    expect(result.outcome).toEqual({ outcome: 'answered', engine: 'extractive' });
    expect(result.text).toContain('Nuristan');
    expect(result.sources.length).toBe(result.citations.length);
    await expectExactCitations(app.url, result.citations);
    expect(result.types.at(-1)).toBe('finish');
  });

  it('keeps the POST /api/ask contract', async () => {
    const { status, body } = await ask(app.url, 'How much are the agreements worth?');
    expect(status).toBe(200);
    expect(body).toMatchObject({ outcome: 'answered', engine: 'extractive' });
    expect(body.answer).toContain('140 million');
    await expectExactCitations(app.url, body.citations);
  });
});
