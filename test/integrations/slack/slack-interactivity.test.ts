import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../../src/app.ts';
import type { Services } from '../../../src/http/app-env.ts';
import { createTestServices } from '../../support/test-services.ts';
import { startSlackStandIn, type SlackStandIn } from '../../support/slack-stand-in.ts';
import { slackHeaders } from '../../support/slack-signing.ts';

const signingSecret = 'test-signing-secret';
const botToken = 'xoxb-test-token';
const botUserId = 'UBOT0001';
let standIn: SlackStandIn;
let services: Services;
let app: ReturnType<typeof createApp>;
let directory: string;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'slack-feedback-'));
  standIn = await startSlackStandIn({ token: botToken, botUserId, botId: 'B0000001' });
  services = await createTestServices({
    SLACK_SIGNING_SECRET: signingSecret,
    SLACK_BOT_TOKEN: botToken,
    SLACK_API_URL: standIn.apiUrl,
    SLACK_INTERACTIVITY: 'true',
    FEEDBACK_DB: join(directory, 'feedback.sqlite'),
  });
  app = createApp(services);
});

afterAll(async () => {
  await standIn.close();
  await services.feedback.close();
  await services.store.close();
  await rm(directory, { recursive: true, force: true });
});

function signedPost(path: string, body: string, contentType: string) {
  return app.request(path, { method: 'POST', headers: { 'content-type': contentType, ...slackHeaders(signingSecret, body) }, body });
}

function click(actionId: string, answerId: string, user: string, responseName: string) {
  const payload = JSON.stringify({
    type: 'block_actions',
    user: { id: user, username: 'someone' },
    actions: [{ action_id: actionId, block_id: 'feedback', value: answerId, type: 'button' }],
    response_url: standIn.responseUrl(responseName),
  });
  return signedPost('/integrations/slack/interactivity', new URLSearchParams({ payload }).toString(), 'application/x-www-form-urlencoded');
}

describe('Slack feedback buttons', () => {
  it('puts thumbs up/down under the answer and records a vote in the feedback store, once per person', async () => {
    const message = standIn.addUserMessage({ channel: 'C0000001', user: 'U0000042', text: `<@${botUserId}> Who visited Kabul?` });
    const event = { type: 'app_mention', user: 'U0000042', text: message.text, ts: message.ts, channel: 'C0000001' };
    const body = JSON.stringify({ type: 'event_callback', event_id: 'EvFeedback1', team_id: 'T1', authorizations: [{ user_id: botUserId }], event });
    expect((await signedPost('/integrations/slack/events', body, 'application/json')).status).toBe(200);
    await services.backgroundTasks.idle();

    const reply = standIn.threadMessages('C0000001', message.ts)[0]!;
    const actions = (reply.blocks as Array<{ type: string; elements?: Array<{ action_id: string; value: string }> }>).find((block) => block.type === 'actions')!;
    expect(actions.elements!.map((element) => element.action_id)).toEqual(['feedback_up', 'feedback_down']);
    const answerId = actions.elements![1]!.value;

    expect((await click('feedback_down', answerId, 'U0000042', 'vote-1')).status).toBe(200);
    await services.backgroundTasks.idle();
    expect((await click('feedback_up', answerId, 'U0000042', 'vote-2')).status).toBe(200);
    await services.backgroundTasks.idle();

    const feedback = await services.feedback.listFeedback();
    expect(feedback).toHaveLength(1);
    expect(feedback[0]).toMatchObject({ verdict: 'down', question: 'Who visited Kabul?', outcome: 'answered', answer: expect.stringMatching(/Zhumangarin/) });
    expect(feedback[0]!.citations[0]!.quote).toMatch(/Zhumangarin/);
    const notices = standIn.responses.filter((entry) => entry.path.startsWith('/response/vote-')).map((entry) => String(entry.body.text));
    expect(notices).toEqual(['Thanks for the feedback.', 'You have already rated this answer.']);
  });

  it('says so when the answer a button refers to is unknown, and refuses unsigned clicks', async () => {
    await click('feedback_up', 'no-such-answer', 'U0000042', 'vote-3');
    await services.backgroundTasks.idle();
    expect(standIn.responses.find((entry) => entry.path === '/response/vote-3')!.body.text).toBe('That answer is too old to rate now.');
    const unsigned = await app.request('/integrations/slack/interactivity', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ payload: '{}' }).toString(),
    });
    expect(unsigned.status).toBe(401);
    expect(await services.feedback.listFeedback()).toHaveLength(1);
  });
});
