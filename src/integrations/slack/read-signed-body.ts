import type { Context } from 'hono';
import { AppError } from '../../errors.ts';
import { verifySlackSignature } from './verify-slack-signature.ts';

const explanations = {
  missing_signature: 'The X-Slack-Signature header is missing.',
  missing_timestamp: 'The X-Slack-Request-Timestamp header is missing.',
  malformed_timestamp: 'The X-Slack-Request-Timestamp header is not a Unix time in seconds.',
  stale_timestamp: 'The request timestamp is more than five minutes from now.',
  unknown_version: 'The X-Slack-Signature header does not start with v0=.',
  mismatch: 'The request signature does not match.',
} as const;

/**
 * Reads the body as raw text and verifies Slack's signature over it before anything parses it.
 * Throws `unauthorized` (401) when the signature is missing, wrong or stale, or the body is not UTF-8.
 */
export async function readSignedBody(c: Context, options: { signingSecret: string; now: () => number }): Promise<string> {
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  let rawBody: string;
  try {
    rawBody = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // A signature over bytes we cannot read is not worth checking; refuse it the same way as a bad one.
    throw new AppError('unauthorized', 'The body is not valid UTF-8, so its signature cannot be checked.');
  }
  const check = verifySlackSignature({
    signingSecret: options.signingSecret,
    rawBody,
    timestamp: c.req.header('x-slack-request-timestamp'),
    signature: c.req.header('x-slack-signature'),
    nowMs: options.now(),
  });
  if (!check.valid) throw new AppError('unauthorized', explanations[check.reason]);
  return rawBody;
}
