import { randomUUID } from 'node:crypto';

/**
 * The Redis the tests share: `TEST_REDIS_URL` (or `REDIS_URL`), started by `.ci/run` in CI.
 * Undefined locally when neither is set, so Redis tests skip with a message instead of failing;
 * in CI (`CI=true`) a missing Redis is an error, never a silent skip.
 */
export function testRedisUrl(): string | undefined {
  const url = process.env.TEST_REDIS_URL || process.env.REDIS_URL;
  if (!url && process.env.CI) throw new Error('TEST_REDIS_URL is not set in CI: .ci/run must start redis-server and export it.');
  if (!url) console.warn('Skipping Redis tests: set TEST_REDIS_URL=redis://127.0.0.1:6379 to run them against a real redis-server.');
  return url;
}

/** A fresh key prefix per test, so parallel test files never see each other's keys. */
export function uniqueKeyPrefix(label: string): string {
  return `test:${label}:${randomUUID()}:`;
}
