import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import type { Services } from '../../src/http/app-env.ts';
import { createLogger } from '../../src/logger.ts';
import { createRedisStore } from '../../src/store/redis-store.ts';
import { createTestServices } from '../support/test-services.ts';
import { serveApp } from '../support/serve-app.ts';
import { testRedisUrl, uniqueKeyPrefix } from '../support/test-redis.ts';

const redisUrl = testRedisUrl();
let services: Services;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  services = await createTestServices({ WIDGET_ORIGINS: 'https://news.example, https://blog.example' });
  app = createApp(services);
});

describe('health', () => {
  it('/healthz says the process is alive', async () => {
    const response = await app.request('/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('/readyz is ready with the index loaded and the store answering', async () => {
    const response = await app.request('/readyz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready', checks: { index: true, store: true, accepting: true } });
  });

  it('/readyz fails with 503 JSON once draining begins, while /healthz stays up', async () => {
    const draining = await createTestServices();
    const drainingApp = createApp(draining);
    draining.lifecycle.beginDraining();
    const response = await drainingApp.request('/readyz');
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ error: { code: 'not_ready', message: 'Not ready: shutting down.' } });
    expect((await drainingApp.request('/healthz')).status).toBe(200);
  });

  it.skipIf(!redisUrl)('/readyz fails when the Redis store is unreachable, and questions are still answered', async () => {
    const unreachable = await createTestServices({ RATE_LIMIT_MAX: '5' });
    await unreachable.store.close();
    // Nothing listens on loopback port 1: this is a Redis that is down.
    unreachable.store = await createRedisStore({ url: 'redis://127.0.0.1:1', logger: createLogger('silent'), connectTimeoutMs: 200, commandTimeoutMs: 200 });
    const unreachableApp = createApp(unreachable);
    const response = await unreachableApp.request('/readyz');
    expect(response.status).toBe(503);
    expect((await response.json()).error.message).toContain('the store does not answer');
    // Through a real socket, so the rate limiter does consult the (dead) store and lets the question through.
    const served = await serveApp(unreachableApp);
    const answer = await fetch(`${served.origin}/api/ask`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ question: 'Who wrote the commentary?' }),
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('ratelimit-limit')).toBeNull();
    await served.close();
    await unreachable.store.close();
  });

  it.skipIf(!redisUrl)('/readyz is ready on a reachable Redis', async () => {
    const shared = await createTestServices({ REDIS_URL: redisUrl!, REDIS_KEY_PREFIX: uniqueKeyPrefix('ready') });
    expect((await createApp(shared).request('/readyz')).status).toBe(200);
    await shared.store.close();
  });
});

describe('security headers', () => {
  it('pages get a content security policy that keeps scripts and images on this origin', async () => {
    const response = await app.request('/healthz');
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("default-src 'self'");
    expect(policy).toMatch(/img-src 'self' data:/);
    expect(policy).toContain("object-src 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(response.headers.get('cross-origin-resource-policy')).toBe('same-origin');
  });

  it('every response carries a request id, and an incoming one is kept', async () => {
    expect((await app.request('/healthz')).headers.get('x-request-id')).toMatch(/^[\w-]{8,}$/);
    expect((await app.request('/healthz', { headers: { 'x-request-id': 'trace-abc-123' } })).headers.get('x-request-id')).toBe('trace-abc-123');
  });

  it('the widget script can be loaded by a <script> on another origin', async () => {
    const response = await app.request('/widget.js');
    expect(response.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
  });
});

describe('CORS on /api/*', () => {
  it('allows a listed origin, including the preflight for a JSON POST', async () => {
    const preflight = await app.request('/api/ask', {
      method: 'OPTIONS',
      headers: { origin: 'https://news.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://news.example');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('content-type');
    const response = await app.request('/api/sources', { headers: { origin: 'https://blog.example' } });
    expect(response.headers.get('access-control-allow-origin')).toBe('https://blog.example');
    expect(response.headers.get('access-control-expose-headers')).toContain('Retry-After');
  });

  it('gives an unlisted origin no CORS grant', async () => {
    const response = await app.request('/api/sources', { headers: { origin: 'https://evil.example' } });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await app.request('/api/ask', { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('WIDGET_ORIGINS=* allows any origin', async () => {
    const open = createApp(await createTestServices({ WIDGET_ORIGINS: '*' }));
    const response = await open.request('/api/sources', { headers: { origin: 'https://anyone.example' } });
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });
});

afterAll(async () => {
  await services?.store.close();
});
