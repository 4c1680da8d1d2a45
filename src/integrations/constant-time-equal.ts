import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Compares two secrets in constant time. Both sides are hashed first so that neither the
 * content nor the length of the expected value leaks through timing.
 */
export function constantTimeEqual(received: string, expected: string): boolean {
  const receivedDigest = createHash('sha256').update(received, 'utf8').digest();
  const expectedDigest = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(receivedDigest, expectedDigest);
}

/** Whether `received` equals any of `accepted`, checking every one so the time taken does not say which matched. */
export function matchesAnyToken(received: string, accepted: readonly string[]): boolean {
  let matched = false;
  for (const token of accepted) matched = constantTimeEqual(received, token) || matched;
  return matched;
}
