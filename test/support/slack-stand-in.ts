import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StandInMessage {
  ts: string;
  channel: string;
  thread_ts?: string;
  text: string;
  user?: string;
  bot_id?: string;
  blocks?: unknown[];
}

export interface RecordedCall {
  method: string;
  contentType: string;
  authorization: string | undefined;
  params: Record<string, unknown>;
}

/**
 * A loopback stand-in for Slack: the Web API methods the bot uses (`/api/chat.postMessage`,
 * `/api/chat.update`, `/api/conversations.replies`) over a message log, and `response_url`s
 * (`/response/<name>`) that record what they receive. A real node:http server on 127.0.0.1, port 0.
 */
export async function startSlackStandIn(options: { token: string; botUserId: string; botId: string }) {
  const messages: StandInMessage[] = [];
  const calls: RecordedCall[] = [];
  const responses: Array<{ path: string; body: Record<string, unknown> }> = [];
  const failures = new Map<string, string>();
  const rateLimited = new Map<string, string>();
  let clock = 1_700_000_000;

  const nextTs = () => `${++clock}.000100`;

  const server = createServer(async (request, response) => {
    const body = await readBody(request);
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const contentType = request.headers['content-type'] ?? '';
    const reply = (status: number, value: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(value));
    };

    if (url.pathname.startsWith('/response/')) {
      responses.push({ path: url.pathname, body: JSON.parse(body) });
      return reply(200, { ok: true });
    }
    const method = url.pathname.replace(/^\/api\//, '');
    const params: Record<string, unknown> = contentType.startsWith('application/json')
      ? JSON.parse(body)
      : Object.fromEntries(new URLSearchParams(body));
    calls.push({ method, contentType, authorization: request.headers.authorization, params });
    if (request.headers.authorization !== `Bearer ${options.token}`) return reply(200, { ok: false, error: 'invalid_auth' });
    const retryAfter = rateLimited.get(method);
    if (retryAfter !== undefined) {
      rateLimited.delete(method);
      response.writeHead(429, { 'content-type': 'application/json', 'retry-after': retryAfter });
      return response.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
    }
    const failure = failures.get(method);
    if (failure) return reply(200, { ok: false, error: failure });

    if (method === 'chat.postMessage') {
      const message: StandInMessage = {
        ts: nextTs(),
        channel: String(params.channel),
        ...(params.thread_ts ? { thread_ts: String(params.thread_ts) } : {}),
        text: String(params.text ?? ''),
        user: options.botUserId,
        bot_id: options.botId,
        blocks: params.blocks as unknown[],
      };
      messages.push(message);
      return reply(200, { ok: true, channel: message.channel, ts: message.ts, message });
    }
    if (method === 'chat.update') {
      const message = messages.find((candidate) => candidate.channel === params.channel && candidate.ts === params.ts);
      if (!message) return reply(200, { ok: false, error: 'message_not_found' });
      message.text = String(params.text ?? '');
      message.blocks = params.blocks as unknown[];
      return reply(200, { ok: true, channel: message.channel, ts: message.ts });
    }
    if (method === 'conversations.replies') {
      const thread = messages.filter((message) => message.channel === params.channel && (message.ts === params.ts || message.thread_ts === params.ts));
      return reply(200, { ok: true, messages: thread });
    }
    return reply(200, { ok: false, error: 'unknown_method' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  return {
    apiUrl: `${origin}/api/`,
    responseUrl: (name: string) => `${origin}/response/${name}`,
    messages,
    calls,
    responses,
    /** Makes a Web API method answer `{ ok: false, error }` from now on; `undefined` restores it. */
    failMethod(method: string, error: string | undefined) {
      if (error) failures.set(method, error);
      else failures.delete(method);
    },
    /** Makes the next call of a Web API method answer 429 with `Retry-After`. */
    rateLimitOnce(method: string, retryAfterSeconds: string) {
      rateLimited.set(method, retryAfterSeconds);
    },
    /** Records a message a person wrote, as Slack would before delivering its event; returns its ts. */
    addUserMessage(message: { channel: string; user: string; text: string; thread_ts?: string }): StandInMessage {
      const stored = { ts: nextTs(), ...message };
      messages.push(stored);
      return stored;
    },
    threadMessages(channel: string, threadTs: string) {
      return messages.filter((message) => message.channel === channel && message.thread_ts === threadTs);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type SlackStandIn = Awaited<ReturnType<typeof startSlackStandIn>>;

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
