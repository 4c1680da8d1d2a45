import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const projectRoot = join(import.meta.dirname, '..');

export interface ServerProcess {
  url: string;
  pid: number;
  /** Milliseconds from spawn to the first 200 from `POST /api/ask`. */
  readyMs: number;
  /** Resident set size of the server process, in MiB. */
  residentMiB(): Promise<number>;
  stop(): Promise<void>;
}

export interface StartServerOptions {
  environment?: Record<string, string>;
  /** Extra Node flags, e.g. `--cpu-prof`. */
  nodeFlags?: string[];
  timeoutMs?: number;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

const readyQuestion = JSON.stringify({ question: 'Who wrote the commentary?' });

/**
 * Starts the real server (`node src/main.ts`, as `npm start` does) on a loopback port and waits
 * for the first 200 from `POST /api/ask`, which is the moment a user could be answered.
 */
export async function startServer(options: StartServerOptions = {}): Promise<ServerProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, [...(options.nodeFlags ?? []), join(projectRoot, 'src', 'main.ts')], {
    cwd: projectRoot,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      // The limiter still runs (its cost is part of every answer) but never trips under load.
      RATE_LIMIT_MAX: '1000000000',
      ...options.environment,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderrTail = '';
  child.stderr!.on('data', (data: Buffer) => {
    stderrTail = (stderrTail + data.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let alive = true;
  void exited.then(() => (alive = false));

  const deadline = started + (options.timeoutMs ?? 60_000);
  let readyMs: number | undefined;
  while (readyMs === undefined) {
    if (!alive) throw new Error(`The server exited before answering:\n${stderrTail}`);
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The server did not answer within ${options.timeoutMs ?? 60_000} ms:\n${stderrTail}`);
    }
    try {
      const response = await fetch(`${url}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: readyQuestion });
      await response.arrayBuffer();
      if (response.status === 200) readyMs = performance.now() - started;
    } catch {
      // Not listening yet.
    }
    if (readyMs === undefined) await new Promise((resolve) => setTimeout(resolve, 10));
  }

  return {
    url,
    pid: child.pid!,
    readyMs,
    async residentMiB() {
      const status = await readFile(`/proc/${child.pid}/status`, 'utf8');
      const kilobytes = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
      return Math.round((kilobytes / 1024) * 10) / 10;
    },
    async stop() {
      if (!alive) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
