import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { createLogger } from './logger.ts';
import { createServices } from './services.ts';
import { createGracefulShutdown } from './http/graceful-shutdown.ts';
import { describeIntegrations } from './integrations/index.ts';

let config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  throw error;
}
const logger = createLogger(config.logLevel);
const services = await createServices(config, logger);
const app = createApp(services);
for (const { integration, enabled, reason } of describeIntegrations(config)) {
  logger.info(`integration ${enabled ? 'on' : 'off'}`, { integration, reason });
}

const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  logger.info('listening', { url: `http://${info.address === '0.0.0.0' ? '127.0.0.1' : info.address}:${info.port}`, engine: services.engine.name });
}) as Server;

const graceful = createGracefulShutdown({
  server,
  lifecycle: services.lifecycle,
  logger,
  timeoutMs: config.shutdownTimeoutMs,
  delayMs: config.shutdownDelayMs,
  // Finish answers already promised to Slack before closing the store they write to.
  afterDrain: async (remainingMs) => {
    await services.backgroundTasks.drain(remainingMs);
    await services.feedback.close();
    await services.store.close();
  },
});

function shutdown(signal: string) {
  logger.info('shutting down', { signal });
  void graceful.shutdown().then(
    (outcome) => process.exit(outcome === 'clean' ? 0 : 1),
    () => process.exit(1),
  );
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
