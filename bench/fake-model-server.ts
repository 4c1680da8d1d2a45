import { createServer, type IncomingMessage } from 'node:http';

export interface FakeModelServer {
  /** The OpenAI-compatible base URL, for OPENAI_BASE_URL. */
  baseURL: string;
  /** performance.now() at which each streaming chat completion request arrived. */
  arrivals: number[];
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of request) parts.push(part as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

/**
 * A loopback stand-in for an OpenAI-compatible model (Chat Completions, streamed as SSE) whose
 * first token comes `delayMs` after the request. It answers with the first sentence of passage
 * [1] of the prompt, cited, so the engine's verification accepts it: the figure is the engine's
 * own overhead on a model that behaves.
 */
export async function startFakeModelServer(options: { delayMs: number }): Promise<FakeModelServer> {
  const arrivals: number[] = [];
  const server = createServer(async (request, response) => {
    const arrived = performance.now();
    const body = JSON.parse(await readBody(request)) as { stream?: boolean; messages?: Array<{ role: string; content: unknown }> };
    const prompt = (body.messages ?? [])
      .filter((message) => message.role === 'user')
      .map((message) => (typeof message.content === 'string' ? message.content : JSON.stringify(message.content)))
      .join('\n');
    const passage = /^\[1\] (.+)$/m.exec(prompt)?.[1] ?? '';
    const sentence = /^.+?[.!?](?=\s|$)/.exec(passage)?.[0] ?? passage;
    const answer = `${sentence.replace(/[.!?]$/, '')} [1].`;
    const chunk = (delta: Record<string, unknown>, finishReason: string | null = null) =>
      `data: ${JSON.stringify({ id: 'bench', object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model: 'bench-model', choices: [{ index: 0, delta, finish_reason: finishReason }] })}\n\n`;
    if (!body.stream) {
      await new Promise((resolve) => setTimeout(resolve, options.delayMs));
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ id: 'bench', object: 'chat.completion', created: 0, model: 'bench-model', choices: [{ index: 0, message: { role: 'assistant', content: answer }, finish_reason: 'stop' }] }));
      return;
    }
    arrivals.push(arrived);
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    response.flushHeaders();
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, options.delayMs - (performance.now() - arrived))));
    response.write(chunk({ role: 'assistant', content: answer }));
    response.write(chunk({}, 'stop'));
    response.end('data: [DONE]\n\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    arrivals,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
