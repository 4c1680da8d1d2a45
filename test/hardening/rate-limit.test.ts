import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { serveApp, type ServedApp } from '../support/serve-app.ts';
import { testRedisUrl, uniqueKeyPrefix } from '../support/test-redis.ts';
import { createTestServices } from '../support/test-services.ts';
import type { Services } from '../../src/http/app-env.ts';

const redisUrl = testRedisUrl();
const question = JSON.stringify({ question: 'Who wrote the commentary?' });
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(environment: Record<string, string>): Promise<{ served: ServedApp; services: Services }> {
  const services = await createTestServices(environment);
  const served = await serveApp(createApp(services));
  cleanups.push(async () => {
    await served.close();
    await services.store.close();
  });
  return { served, services };
}

function ask(origin: string, headers: Record<string, string> = {}) {
  return fetch(`${origin}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: question });
}

describe('rate limit on the question endpoints', () => {
  it('answers 429 JSON with Retry-After once a client is over the limit, and counts /api/ask and /api/chat together', async () => {
    const { served } = await start({ RATE_LIMIT_MAX: '3', RATE_LIMIT_WINDOW_MS: '60000' });
    const first = await ask(served.origin);
    expect(first.status).toBe(200);
    expect(first.headers.get('ratelimit-limit')).toBe('3');
    expect(first.headers.get('ratelimit-remaining')).toBe('2');
    expect((await ask(served.origin)).status).toBe(200);
    // The chat endpoint draws on the same bucket (whatever it answers, the hit is counted).
    await fetch(`${served.origin}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    const limited = await ask(served.origin);
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const body = await limited.json();
    expect(body.error.code).toBe('rate_limited');
    expect(body.error.message).toMatch(/at most 3 every 60 seconds/);
    // Other endpoints are not limited.
    expect((await fetch(`${served.origin}/api/sources`)).status).toBe(200);
  });

  it('opens a new window once the old one expires', async () => {
    const { served } = await start({ RATE_LIMIT_MAX: '1', RATE_LIMIT_WINDOW_MS: '300' });
    expect((await ask(served.origin)).status).toBe(200);
    expect((await ask(served.origin)).status).toBe(429);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await ask(served.origin)).status).toBe(200);
  });

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy, so a client cannot pick a fresh key', async () => {
    const { served } = await start({ RATE_LIMIT_MAX: '2' });
    const statuses = [];
    for (let attempt = 0; attempt < 4; attempt += 1) {
      statuses.push((await ask(served.origin, { 'x-forwarded-for': `203.0.113.${attempt}` })).status);
    }
    expect(statuses).toEqual([200, 200, 429, 429]);
  });

  it('behind a trusted proxy, keys on the address the proxy appended, not on what the client wrote before it', async () => {
    const { served } = await start({ RATE_LIMIT_MAX: '2', TRUSTED_PROXIES: '127.0.0.1' });
    // One client trying to spoof: it writes a different address each time, the proxy appends its real one.
    const spoofing = [];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      spoofing.push((await ask(served.origin, { 'x-forwarded-for': `198.51.100.${attempt}, 203.0.113.7` })).status);
    }
    expect(spoofing).toEqual([200, 200, 429]);
    // A different client behind the same proxy has a bucket of its own.
    expect((await ask(served.origin, { 'x-forwarded-for': '203.0.113.8' })).status).toBe(200);
  });

  it('with TRUST_PROXY, believes one hop: the last X-Forwarded-For entry', async () => {
    const { served } = await start({ RATE_LIMIT_MAX: '1', TRUST_PROXY: 'true' });
    expect((await ask(served.origin, { 'x-forwarded-for': '1.1.1.1, 203.0.113.20' })).status).toBe(200);
    expect((await ask(served.origin, { 'x-forwarded-for': '2.2.2.2, 203.0.113.20' })).status).toBe(429);
    expect((await ask(served.origin, { 'x-forwarded-for': '203.0.113.21' })).status).toBe(200);
  });

  it('leaves the machine itself (loopback) unlimited when RATE_LIMIT_EXEMPT_LOOPBACK is on, as it is by default', async () => {
    const { served } = await start({ RATE_LIMIT_MAX: '1', RATE_LIMIT_EXEMPT_LOOPBACK: 'true' });
    const statuses = [];
    for (let index = 0; index < 4; index++) statuses.push((await ask(served.origin)).status);
    expect(statuses).toEqual([200, 200, 200, 200]);
    // A forwarded address is only believed from a trusted proxy, so it cannot end the exemption either way.
    expect((await ask(served.origin, { 'x-forwarded-for': '203.0.113.9' })).status).toBe(200);
  });

  it('limits feedback in a bucket of its own', async () => {
    const { served } = await start({ RATE_LIMIT_MAX: '1' });
    const feedback = () =>
      fetch(`${served.origin}/api/feedback`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ question: 'Who wrote it?', answer: 'Saidov [1].', citations: [], verdict: 'up' }),
      });
    expect((await feedback()).status).toBeLessThan(300);
    const limited = await feedback();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    // Questions are counted apart from feedback.
    expect((await ask(served.origin)).status).toBe(200);
  });

  it('RATE_LIMIT_MAX=0 turns the limit off', async () => {
    const { served } = await start({ RATE_LIMIT_MAX: '0' });
    const statuses = await Promise.all(Array.from({ length: 5 }, () => ask(served.origin).then((response) => response.status)));
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
  });
});

describe.skipIf(!redisUrl)('two instances sharing one Redis', () => {
  it('share one rate limit: hits on either instance count against the same client', async () => {
    const environment = { REDIS_URL: redisUrl!, REDIS_KEY_PREFIX: uniqueKeyPrefix('two-instances'), RATE_LIMIT_MAX: '4' };
    const first = await start(environment);
    const second = await start(environment);
    const statuses = [];
    for (const origin of [first.served.origin, second.served.origin, first.served.origin, second.served.origin, first.served.origin, second.served.origin]) {
      statuses.push((await ask(origin)).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
  });

  it('de-duplicate through store.setIfAbsent: one delivery wins across instances', async () => {
    const environment = { REDIS_URL: redisUrl!, REDIS_KEY_PREFIX: uniqueKeyPrefix('dedupe') };
    const first = await start(environment);
    const second = await start(environment);
    const wins = await Promise.all(
      Array.from({ length: 10 }, (_, index) => (index % 2 ? first : second).services.store.setIfAbsent('slack:event:Ev123', String(index), 60_000)),
    );
    expect(wins.filter(Boolean)).toHaveLength(1);
    expect(await first.services.store.get('slack:event:Ev123')).toBe(await second.services.store.get('slack:event:Ev123'));
  });

  it('without Redis, two instances do not share: each keeps its own count (why REDIS_URL matters)', async () => {
    const first = await start({ RATE_LIMIT_MAX: '1' });
    const second = await start({ RATE_LIMIT_MAX: '1' });
    expect((await ask(first.served.origin)).status).toBe(200);
    expect((await ask(second.served.origin)).status).toBe(200);
  });
});
