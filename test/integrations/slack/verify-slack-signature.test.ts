import { describe, expect, it } from 'vitest';
import { computeSlackSignature, verifySlackSignature } from '../../../src/integrations/slack/verify-slack-signature.ts';

// Slack's published example (api.slack.com/authentication/verifying-requests-from-slack).
const secret = '8f742231b10e8888abcd99yyyzzz85a5';
const timestamp = '1531420618';
const body =
  'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
const signature = 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503';
const atTheTime = Number(timestamp) * 1000;

function check(overrides: Partial<Parameters<typeof verifySlackSignature>[0]> = {}) {
  return verifySlackSignature({ signingSecret: secret, rawBody: body, timestamp, signature, nowMs: atTheTime, ...overrides });
}

describe('verifySlackSignature', () => {
  it('computes the signature Slack published for its example', () => {
    expect(computeSlackSignature(secret, timestamp, body)).toBe(signature);
  });

  it('accepts the published example under a clock set to its timestamp, and up to five minutes either side', () => {
    expect(check()).toEqual({ valid: true });
    expect(check({ nowMs: atTheTime + 300_000 })).toEqual({ valid: true });
    expect(check({ nowMs: atTheTime - 300_000 })).toEqual({ valid: true });
  });

  it('refuses a body re-serialised from the same fields', () => {
    // What a body parser hands on: the same fields, as JSON or in another order.
    const fields = [...new URLSearchParams(body)];
    const asJson = JSON.stringify(Object.fromEntries(fields));
    const reordered = new URLSearchParams(fields.toSorted(([a], [b]) => a.localeCompare(b))).toString();
    expect(reordered).not.toBe(body);
    expect(check({ rawBody: asJson })).toEqual({ valid: false, reason: 'mismatch' });
    expect(check({ rawBody: reordered })).toEqual({ valid: false, reason: 'mismatch' });
    expect(check({ rawBody: `${body}&extra=1` })).toEqual({ valid: false, reason: 'mismatch' });
  });

  it('refuses a changed timestamp even inside the window', () => {
    expect(check({ timestamp: String(Number(timestamp) + 1) })).toEqual({ valid: false, reason: 'mismatch' });
  });

  it('refuses a stale or future timestamp', () => {
    expect(check({ nowMs: atTheTime + 301_000 })).toEqual({ valid: false, reason: 'stale_timestamp' });
    expect(check({ nowMs: atTheTime - 301_000 })).toEqual({ valid: false, reason: 'stale_timestamp' });
    const future = String(Number(timestamp) + 3600);
    expect(check({ timestamp: future, signature: computeSlackSignature(secret, future, body) })).toEqual({ valid: false, reason: 'stale_timestamp' });
  });

  it('refuses missing headers, a non-numeric timestamp and a wrong version prefix', () => {
    expect(check({ signature: undefined })).toEqual({ valid: false, reason: 'missing_signature' });
    expect(check({ timestamp: undefined })).toEqual({ valid: false, reason: 'missing_timestamp' });
    expect(check({ timestamp: '1531420618.5' })).toEqual({ valid: false, reason: 'malformed_timestamp' });
    expect(check({ timestamp: 'yesterday' })).toEqual({ valid: false, reason: 'malformed_timestamp' });
    expect(check({ signature: signature.replace('v0=', 'v1=') })).toEqual({ valid: false, reason: 'unknown_version' });
    expect(check({ signature: signature.slice(3) })).toEqual({ valid: false, reason: 'unknown_version' });
  });

  it('refuses a signature made with another secret or truncated', () => {
    expect(check({ signature: computeSlackSignature('another secret', timestamp, body) })).toEqual({ valid: false, reason: 'mismatch' });
    expect(check({ signature: signature.slice(0, -2) })).toEqual({ valid: false, reason: 'mismatch' });
  });
});
