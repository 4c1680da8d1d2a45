import { createHmac } from 'node:crypto';

/**
 * Signs a request body the way Slack does, written out independently of the code under test so a
 * mistake there cannot hide in both.
 */
export function slackHeaders(signingSecret: string, body: string, timestampSeconds = Math.floor(Date.now() / 1000)) {
  const timestamp = String(timestampSeconds);
  const signature = `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return { 'x-slack-request-timestamp': timestamp, 'x-slack-signature': signature };
}
