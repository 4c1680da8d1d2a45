import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChatCompletionRequest {
  model: string;
  stream?: boolean;
  messages: Array<{ role: string; content: string | Array<{ type: string; text?: string }> }>;
  [key: string]: unknown;
}

export type Behaviour =
  /** Streams (or, for a non-streaming call, returns) the text the function writes for the request. */
  | { type: 'answer'; text: (request: ChatCompletionRequest) => string; chunkDelayMs?: number }
  /** Answers with this HTTP status and an OpenAI-style error body. */
  | { type: 'status'; status: number }
  /** Accepts the request and sends nothing more until the client goes away. */
  | { type: 'hang' }
  /** Sends a first streamed delta, then nothing more. */
  | { type: 'stall-after'; text: string };

export interface RecordedRequest {
  path: string;
  body: ChatCompletionRequest;
  /** Resolves when the client closes the connection before the response was finished. */
  aborted: Promise<void>;
  wasAborted: boolean;
}

export interface OpenAILoopbackServer {
  /** Base URL to use as OPENAI_BASE_URL, ending in `/v1`. */
  baseURL: string;
  behaviour: Behaviour;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/** The text of the last user message of a request. */
export function lastUserText(request: ChatCompletionRequest): string {
  const message = request.messages.findLast((candidate) => candidate.role === 'user');
  if (!message) return '';
  return typeof message.content === 'string' ? message.content : message.content.map((part) => part.text ?? '').join('');
}

/** The `[n]` a request's prompt gave to the passage containing `phrase`, or -1. */
export function passageNumberIn(request: ChatCompletionRequest, phrase: string): number {
  for (const line of lastUserText(request).split('\n')) {
    const match = /^\[(\d+)\] (.*)$/.exec(line);
    if (match && match[2]!.includes(phrase)) return Number(match[1]);
  }
  return -1;
}

const created = 1_700_000_000;

function chunk(model: string, delta: Record<string, unknown>, finishReason: string | null = null) {
  return `data: ${JSON.stringify({ id: 'chatcmpl-loopback', object: 'chat.completion.chunk', created, model, choices: [{ index: 0, delta, finish_reason: finishReason }] })}\n\n`;
}

async function readBody(request: IncomingMessage): Promise<ChatCompletionRequest> {
  const parts: Buffer[] = [];
  for await (const part of request) parts.push(part as Buffer);
  return JSON.parse(Buffer.concat(parts).toString('utf8')) as ChatCompletionRequest;
}

/**
 * A loopback HTTP server that speaks the OpenAI Chat Completions API (`POST /v1/chat/completions`,
 * streaming server-sent events or one JSON body), so the real `@ai-sdk/openai` provider can be
 * pointed at it. Its behaviour can be changed between requests.
 */
export async function startOpenAILoopbackServer(initial: Behaviour): Promise<OpenAILoopbackServer> {
  const requests: RecordedRequest[] = [];
  const state: { behaviour: Behaviour } = { behaviour: initial };

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const body = await readBody(request);
    let resolveAborted!: () => void;
    const recorded: RecordedRequest = { path: request.url ?? '', body, wasAborted: false, aborted: new Promise((resolve) => (resolveAborted = resolve)) };
    response.on('close', () => {
      if (!response.writableFinished) {
        recorded.wasAborted = true;
        resolveAborted();
      }
    });
    requests.push(recorded);
    if (request.method !== 'POST' || !request.url?.endsWith('/chat/completions')) {
      response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: `No route ${request.url}` } }));
      return;
    }
    const behaviour = state.behaviour;
    const model = body.model;
    switch (behaviour.type) {
      case 'status': {
        response.writeHead(behaviour.status, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: { message: 'The server had an error while processing your request.', type: 'server_error', code: null } }));
        return;
      }
      case 'hang': {
        response.writeHead(200, { 'content-type': body.stream ? 'text/event-stream' : 'application/json' });
        response.flushHeaders();
        return;
      }
      case 'stall-after': {
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.write(chunk(model, { role: 'assistant', content: behaviour.text }));
        return;
      }
      case 'answer': {
        const text = behaviour.text(body);
        if (!body.stream) {
          response.writeHead(200, { 'content-type': 'application/json' });
          response.end(
            JSON.stringify({
              id: 'chatcmpl-loopback',
              object: 'chat.completion',
              created,
              model,
              choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
              usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
            }),
          );
          return;
        }
        response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        response.write(chunk(model, { role: 'assistant', content: '' }));
        for (const delta of text.match(/.{1,9}/gs) ?? []) {
          if (response.destroyed) return;
          response.write(chunk(model, { content: delta }));
          if (behaviour.chunkDelayMs) await new Promise((resolve) => setTimeout(resolve, behaviour.chunkDelayMs));
        }
        response.write(chunk(model, {}, 'stop'));
        response.write(`data: ${JSON.stringify({ id: 'chatcmpl-loopback', object: 'chat.completion.chunk', created, model, choices: [], usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 } })}\n\n`);
        response.end('data: [DONE]\n\n');
      }
    }
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      response.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    get behaviour() {
      return state.behaviour;
    },
    set behaviour(next: Behaviour) {
      state.behaviour = next;
    },
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
