import { createHmac } from 'node:crypto';
import { constantTimeEqual } from '../constant-time-equal.ts';

/** Slack refuses replays older than five minutes; we also refuse timestamps that far in the future. */
export const signatureWindowSeconds = 5 * 60;

export type SignatureCheck =
  | { valid: true }
  | { valid: false; reason: 'missing_signature' | 'missing_timestamp' | 'malformed_timestamp' | 'stale_timestamp' | 'unknown_version' | 'mismatch' };

/** `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{raw body}`, as Slack computes it. */
export function computeSlackSignature(signingSecret: string, timestamp: string, rawBody: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${rawBody}`, 'utf8').digest('hex')}`;
}

/**
 * Checks `X-Slack-Signature` against the raw body exactly as received (never a re-serialised copy),
 * with the clock injected so the check is testable against Slack's published example.
 */
export function verifySlackSignature(options: {
  signingSecret: string;
  rawBody: string;
  timestamp: string | undefined;
  signature: string | undefined;
  nowMs: number;
}): SignatureCheck {
  const { signingSecret, rawBody, timestamp, signature, nowMs } = options;
  if (!signature) return { valid: false, reason: 'missing_signature' };
  if (!timestamp) return { valid: false, reason: 'missing_timestamp' };
  if (!/^\d{1,12}$/.test(timestamp)) return { valid: false, reason: 'malformed_timestamp' };
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > signatureWindowSeconds) return { valid: false, reason: 'stale_timestamp' };
  if (!signature.startsWith('v0=')) return { valid: false, reason: 'unknown_version' };
  const expected = computeSlackSignature(signingSecret, timestamp, rawBody);
  return constantTimeEqual(signature, expected) ? { valid: true } : { valid: false, reason: 'mismatch' };
}
