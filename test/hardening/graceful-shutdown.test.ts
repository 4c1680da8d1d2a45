import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request, type ClientRequest, type IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { projectRoot } from '../support/test-services.ts';

interface RunningServer {
  child: ChildProcess;
  port: number;
  logs: Array<Record<string, unknown>>;
  exited: Promise<number | null>;
}

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

/** The real server as `npm start` runs it, on a port the OS picks; resolves once it logs `listening`. */
async function startServer(environment: Record<string, string> = {}): Promise<RunningServer> {
  const child = spawn(join(projectRoot, 'node_modules', '.bin', 'node'), [join(projectRoot, 'src', 'main.ts')], {
    cwd: projectRoot,
    env: {
      PATH: process.env.PATH ?? '',
      PORT: '0',
      HOST: '127.0.0.1',
      CACHE_DIR: join(projectRoot, '.cache'),
      DATA_DIR: join(projectRoot, '.cache', 'test-data'),
      LOG_LEVEL: 'info',
      RATE_LIMIT_MAX: '0',
      SHUTDOWN_TIMEOUT_MS: '15000',
      ...environment,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.push(child);
  const logs: Array<Record<string, unknown>> = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    let buffered = '';
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (text: string) => {
      buffered += text;
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        try {
          const entry = JSON.parse(line) as Record<string, unknown>;
          logs.push(entry);
          if (entry.message === 'listening') resolve(Number(new URL(String(entry.url)).port));
        } catch {
          logs.push({ raw: line });
        }
      }
    });
    void exited.then((code) => reject(new Error(`server exited with ${code} before listening: ${JSON.stringify(logs.slice(-5))}`)));
  });
  return { child, port, logs, exited };
}

interface SlowRequest {
  finish(): void;
  response: Promise<{ status: number; body: string }>;
}

/** A POST whose body arrives in two halves, so it is in flight for as long as the test wants. */
function slowPost(port: number, path: string, body: string): SlowRequest {
  let client: ClientRequest;
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    client = request({ host: '127.0.0.1', port, path, method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (incoming: IncomingMessage) => {
      let text = '';
      incoming.setEncoding('utf8');
      incoming.on('data', (chunk: string) => (text += chunk));
      incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, body: text }));
      incoming.on('error', reject);
    });
    client.on('error', reject);
    client.write(body.slice(0, Math.floor(body.length / 2)));
  });
  return {
    finish: () => client.end(body.slice(Math.floor(body.length / 2))),
    response,
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('SIGTERM', () => {
  it('refuses new connections, finishes every in-flight answer and stream, and exits 0', async () => {
    const server = await startServer();
    const asks = Array.from({ length: 20 }, (_, index) =>
      slowPost(server.port, '/api/ask', JSON.stringify({ question: `Who wrote the commentary? (${index})` })),
    );
    const chat = slowPost(
      server.port,
      '/api/chat',
      JSON.stringify({ messages: [{ id: 'm1', role: 'user', parts: [{ type: 'text', text: 'What agreements did Kazakhstan sign with the Taliban?' }] }] }),
    );
    await sleep(500);

    server.child.kill('SIGTERM');
    await sleep(300);
    const started = server.logs.find((entry) => entry.message === 'shutdown started');
    expect(started?.inFlight).toBe(21);

    // The listening socket is closed: a new client is refused at once.
    await expect(fetch(`http://127.0.0.1:${server.port}/healthz`)).rejects.toThrow();

    for (const pending of [...asks, chat]) pending.finish();
    const answers = await Promise.all(asks.map((pending) => pending.response));
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body)).toMatchObject({ outcome: expect.stringMatching(/^(answered|not_found)$/) });
    }
    const streamed = await chat.response;
    expect(streamed.status).toBe(200);
    // A whole stream: it finishes and ends with the protocol's terminator, nothing cut.
    expect(streamed.body).toContain('"type":"finish"');
    expect(streamed.body.trimEnd().endsWith('data: [DONE]')).toBe(true);

    expect(await server.exited).toBe(0);
    expect(server.logs.some((entry) => entry.message === 'shutdown complete')).toBe(true);
  });

  it('closes keep-alive connections during the drain even for responses that ask for keep-alive (chat streams)', async () => {
    const server = await startServer();
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const body = JSON.stringify({ messages: [{ id: 'm1', role: 'user', parts: [{ type: 'text', text: 'Who wrote the commentary?' }] }] });
    const outcomes: string[] = [];
    let signalledAt = 0;
    // One client streaming question after question on one kept-alive connection, as a busy widget would.
    const client = (async () => {
      for (const deadline = Date.now() + 4000; Date.now() < deadline; ) {
        const outcome = await new Promise<string>((resolve) => {
          const pending = request({ host: '127.0.0.1', port: server.port, path: '/api/chat', method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (incoming) => {
            let text = '';
            incoming.setEncoding('utf8');
            incoming.on('data', (chunk: string) => (text += chunk));
            incoming.on('end', () => resolve(text.trimEnd().endsWith('data: [DONE]') ? `whole:${incoming.headers.connection}` : 'cut'));
          });
          pending.on('error', (error: NodeJS.ErrnoException) => resolve(`error:${error.code}`));
          pending.end(body);
        });
        outcomes.push(outcome);
        if (outcome.startsWith('error')) return;
      }
    })();
    await sleep(600);
    signalledAt = Date.now();
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    const shutdownMs = Date.now() - signalledAt;
    await client;
    agent.destroy();
    // The connection is told to close instead of being served until the client gives up.
    expect(shutdownMs).toBeLessThan(2500);
    expect(outcomes.filter((outcome) => outcome === 'cut')).toEqual([]);
    expect(outcomes.at(-1)).toBe('error:ECONNREFUSED');
    expect(outcomes.at(-2)).toBe('whole:close');
  });

  it('with SHUTDOWN_DELAY_MS, keeps answering (readiness failing, Connection: close) until the delay ends, then refuses', async () => {
    const server = await startServer({ SHUTDOWN_DELAY_MS: '1500' });
    const origin = `http://127.0.0.1:${server.port}`;
    server.child.kill('SIGTERM');
    await sleep(300);
    const readiness = await fetch(`${origin}/readyz`);
    expect(readiness.status).toBe(503);
    expect((await readiness.json()).error.message).toContain('shutting down');
    const answer = await fetch(`${origin}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: 'Who wrote the commentary?' }) });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('connection')).toBe('close');
    expect(await server.exited).toBe(0);
    await expect(fetch(`${origin}/healthz`)).rejects.toThrow();
  });

  it('exits 0 promptly when nothing is in flight', async () => {
    const server = await startServer();
    const response = await fetch(`http://127.0.0.1:${server.port}/readyz`);
    expect(response.status).toBe(200);
    const started = Date.now();
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('gives up at SHUTDOWN_TIMEOUT_MS on a request that never finishes, and says so with a non-zero exit', async () => {
    const server = await startServer({ SHUTDOWN_TIMEOUT_MS: '800' });
    const stuck = slowPost(server.port, '/api/ask', JSON.stringify({ question: 'Who wrote the commentary?' }));
    stuck.response.catch(() => {});
    await sleep(400);
    const started = Date.now();
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(1);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(server.logs.some((entry) => entry.message === 'shutdown deadline reached; closing the remaining connections')).toBe(true);
  });
});
