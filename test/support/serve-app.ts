import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ServedApp {
  origin: string;
  server: Server;
  close(): Promise<void>;
}

/** Serves an app through the real Node adapter on a loopback port of its own, as `npm start` does. */
export async function serveApp(app: { fetch: (request: Request, env?: unknown) => Response | Promise<Response> }): Promise<ServedApp> {
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
  if (!server.listening) await new Promise((resolve) => server.once('listening', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
