import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import type { Services } from '../../src/http/app-env.ts';
import { slackHeaders } from '../support/slack-signing.ts';
import { startSlackStandIn, type SlackStandIn } from '../support/slack-stand-in.ts';
import { testRedisUrl, uniqueKeyPrefix } from '../support/test-redis.ts';
import { createTestServices } from '../support/test-services.ts';

// Two instances behind a load balancer, sharing one real Redis: a Slack retry that lands on the other
// instance must still be recognised as a duplicate, and thread memory written by one is read by the other.

const redisUrl = testRedisUrl();
const signingSecret = 'two-instance-secret';
const botToken = 'xoxb-two-instances';
const botUserId = 'UBOT0002';
const channel = 'C0000077';
const person = 'U0000077';

let standIn: SlackStandIn;
const instances: Array<{ services: Services; app: ReturnType<typeof createApp> }> = [];

beforeAll(async () => {
  if (!redisUrl) return;
  standIn = await startSlackStandIn({ token: botToken, botUserId, botId: 'B0000077' });
  const environment = {
    SLACK_SIGNING_SECRET: signingSecret,
    SLACK_BOT_TOKEN: botToken,
    SLACK_API_URL: standIn.apiUrl,
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: uniqueKeyPrefix('slack-two-instances'),
  };
  for (let index = 0; index < 2; index += 1) {
    const services = await createTestServices(environment);
    instances.push({ services, app: createApp(services) });
  }
});

afterAll(async () => {
  for (const { services } of instances) await services.store.close();
  await standIn?.close();
});

function deliver(instance: number, body: string, retry?: number) {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...slackHeaders(signingSecret, body) };
  if (retry) Object.assign(headers, { 'x-slack-retry-num': String(retry), 'x-slack-retry-reason': 'http_timeout' });
  return instances[instance]!.app.request('/integrations/slack/events', { method: 'POST', headers, body });
}

describe.skipIf(!redisUrl)('two instances on one Redis', () => {
  it('answer a Slack event once even when its retries reach the other instance', async () => {
    const message = standIn.addUserMessage({ channel, user: person, text: `<@${botUserId}> How many agreements did Kazakhstan sign?` });
    const body = JSON.stringify({
      type: 'event_callback',
      team_id: 'T0000077',
      api_app_id: 'A0000077',
      event_id: `EvTwoInstances${Date.now()}`,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ team_id: 'T0000077', user_id: botUserId, is_bot: true }],
      event: { type: 'app_mention', user: person, text: message.text, ts: message.ts, channel, event_ts: message.ts },
    });
    const statuses = [(await deliver(0, body)).status, (await deliver(1, body, 1)).status, (await deliver(0, body, 2)).status, (await deliver(1, body, 3)).status];
    await Promise.all(instances.map(({ services }) => services.backgroundTasks.idle()));
    expect(statuses).toEqual([200, 200, 200, 200]);
    const replies = standIn.threadMessages(channel, message.ts);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.text).toMatch(/twenty/i);
  });
});
