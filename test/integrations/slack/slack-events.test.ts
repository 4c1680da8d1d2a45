import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../../src/app.ts';
import type { Services } from '../../../src/http/app-env.ts';
import { createTestServices } from '../../support/test-services.ts';
import { startSlackStandIn, type SlackStandIn } from '../../support/slack-stand-in.ts';
import { slackHeaders } from '../../support/slack-signing.ts';

const signingSecret = 'test-signing-secret';
const botToken = 'xoxb-test-token';
const botUserId = 'UBOT0001';
const botId = 'B0000001';
const channel = 'C0000001';
const person = 'U0000042';

let standIn: SlackStandIn;
let services: Services;
let app: ReturnType<typeof createApp>;
let eventCounter = 0;

beforeAll(async () => {
  standIn = await startSlackStandIn({ token: botToken, botUserId, botId });
  services = await createTestServices({ SLACK_SIGNING_SECRET: signingSecret, SLACK_BOT_TOKEN: botToken, SLACK_API_URL: standIn.apiUrl });
  app = createApp(services);
});

afterAll(async () => {
  await standIn.close();
  await services.store.close();
});

afterEach(() => {
  vi.restoreAllMocks();
  standIn.failMethod('conversations.replies', undefined);
});

function envelope(event: Record<string, unknown>, eventId = `Ev${++eventCounter}`) {
  return JSON.stringify({
    token: 'legacy-verification-token',
    team_id: 'T0000001',
    api_app_id: 'A0000001',
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: 'T0000001', user_id: botUserId, is_bot: true }],
    event,
  });
}

function post(body: string, headers: Record<string, string> = slackHeaders(signingSecret, body)) {
  return app.request('/integrations/slack/events', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
}

/** A person writes a message (Slack records it) and Slack delivers the event for it. */
async function personWrites(text: string, options: { threadTs?: string; type?: 'app_mention' | 'message'; channelId?: string } = {}) {
  const channelId = options.channelId ?? channel;
  const message = standIn.addUserMessage({ channel: channelId, user: person, text, ...(options.threadTs ? { thread_ts: options.threadTs } : {}) });
  const event = {
    type: options.type ?? 'app_mention',
    user: person,
    text,
    ts: message.ts,
    channel: channelId,
    event_ts: message.ts,
    ...(options.type === 'message' ? { channel_type: 'im' } : {}),
    ...(options.threadTs ? { thread_ts: options.threadTs } : {}),
  };
  const body = envelope(event);
  const response = await post(body);
  return { message, body, response };
}

function allText(blocks: unknown): string {
  return JSON.stringify(blocks);
}

describe('POST /integrations/slack/events', () => {
  it('answers url_verification with the challenge', async () => {
    const body = JSON.stringify({ token: 'x', challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P', type: 'url_verification' });
    const response = await post(body);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P' });
  });

  it('acknowledges a mention at once, then posts a placeholder in the thread and replaces it with the cited answer', async () => {
    const callsBefore = standIn.calls.length;
    const { message, response } = await personWrites(`<@${botUserId}> Who visited Kabul?`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
    // The answer is still being worked on when Slack gets its acknowledgement.
    expect(services.backgroundTasks.size).toBe(1);
    await services.backgroundTasks.idle();

    const calls = standIn.calls.slice(callsBefore);
    expect(calls.map((call) => call.method)).toEqual(['chat.postMessage', 'chat.update']);
    expect(calls[0]!.authorization).toBe(`Bearer ${botToken}`);
    expect(calls[0]!.params).toMatchObject({ channel, thread_ts: message.ts, parse: 'none' });
    expect(String(calls[0]!.params.text)).toMatch(/looking that up/i);

    const replies = standIn.threadMessages(channel, message.ts);
    expect(replies).toHaveLength(1);
    const reply = replies[0]!;
    expect(calls[1]!.params.ts).toBe(reply.ts);
    expect(reply.text).toMatch(/Zhumangarin/);
    expect(reply.text).toMatch(/\[1\]/);
    const [section, quotes, disclaimer] = reply.blocks as Array<{ type: string; text?: { text: string; verbatim: boolean }; elements?: Array<{ text: string }> }>;
    expect(section!.type).toBe('section');
    expect(section!.text!.verbatim).toBe(true);
    expect(quotes!.type).toBe('context');
    expect(quotes!.elements![0]!.text).toMatch(/^\[1\] “.*Zhumangarin.*”$/);
    expect(disclaimer!.type).toBe('context');
    expect(disclaimer!.elements![0]!.text).toMatch(/does not take institutional positions/);
  });

  it('answers a follow-up in the thread using the earlier messages as history', async () => {
    const first = await personWrites(`<@${botUserId}> Who visited Kabul?`);
    await services.backgroundTasks.idle();
    const answerSpy = vi.spyOn(services.engine, 'answer');
    const followUp = await personWrites(`<@${botUserId}> When did that happen?`, { threadTs: first.message.ts });
    expect(followUp.response.status).toBe(200);
    await services.backgroundTasks.idle();

    expect(answerSpy).toHaveBeenCalledTimes(1);
    const question = answerSpy.mock.calls[0]![0];
    expect(question.question).toBe('When did that happen?');
    expect(question.history).toEqual([
      { role: 'user', content: 'Who visited Kabul?' },
      { role: 'assistant', content: expect.stringMatching(/Zhumangarin/) },
    ]);
    const replies = standIn.threadMessages(channel, first.message.ts).filter((message) => message.user === botUserId);
    expect(replies).toHaveLength(2);
    expect(replies[1]!.text).toMatch(/April 21 to 23/);
  });

  it('falls back to its own memory of the thread when Slack will not return the thread', async () => {
    const first = await personWrites(`<@${botUserId}> Who visited Kabul?`, { channelId: 'C0000003' });
    await services.backgroundTasks.idle();
    standIn.failMethod('conversations.replies', 'missing_scope');
    await personWrites(`<@${botUserId}> When did that happen?`, { threadTs: first.message.ts, channelId: 'C0000003' });
    await services.backgroundTasks.idle();
    const replies = standIn.threadMessages('C0000003', first.message.ts).filter((message) => message.user === botUserId);
    expect(replies).toHaveLength(2);
    expect(replies[1]!.text).toMatch(/April 21 to 23/);
  });

  it('answers a retried delivery of the same event only once', async () => {
    const message = standIn.addUserMessage({ channel, user: person, text: `<@${botUserId}> How many agreements did Kazakhstan sign?` });
    const body = envelope({ type: 'app_mention', user: person, text: message.text, ts: message.ts, channel, event_ts: message.ts });
    const first = await post(body);
    // Slack retries when the acknowledgement is late; the retry can arrive while the first is still being answered.
    const retry = await post(body, { ...slackHeaders(signingSecret, body), 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
    await services.backgroundTasks.idle();
    const lateRetry = await post(body, { ...slackHeaders(signingSecret, body), 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_timeout' });
    await services.backgroundTasks.idle();
    expect([first.status, retry.status, lateRetry.status]).toEqual([200, 200, 200]);
    const replies = standIn.threadMessages(channel, message.ts);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.text).toMatch(/twenty/i);
  });

  it('answers a direct message in its thread, once even when it also arrives as a mention', async () => {
    const { message } = await personWrites('What does Kazakhstan want to become a transit corridor between?', { type: 'message', channelId: 'D0000001' });
    const asMention = envelope({ type: 'app_mention', user: person, text: message.text, ts: message.ts, channel: 'D0000001', event_ts: message.ts });
    expect((await post(asMention)).status).toBe(200);
    await services.backgroundTasks.idle();
    const replies = standIn.threadMessages('D0000001', message.ts);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.text).toMatch(/Indian Ocean/);
  });

  it('waits out a rate limit on posting and still answers, also for a reply broadcast to the channel', async () => {
    standIn.rateLimitOnce('chat.postMessage', '0');
    const message = standIn.addUserMessage({ channel, user: person, text: `<@${botUserId}> Who visited Kabul?` });
    const event = { type: 'app_mention', subtype: 'thread_broadcast', user: person, text: message.text, ts: message.ts, channel };
    expect((await post(envelope(event))).status).toBe(200);
    await services.backgroundTasks.idle();
    const replies = standIn.threadMessages(channel, message.ts);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.text).toMatch(/Zhumangarin/);
  });

  it('never answers bots, itself, edits or events it does not handle', async () => {
    const answerSpy = vi.spyOn(services.engine, 'answer');
    const callsBefore = standIn.calls.length;
    const events = [
      { type: 'message', channel_type: 'im', bot_id: 'B0000999', user: 'UOTHERBOT', text: 'Who visited Kabul?', ts: '1.1', channel: 'D0000002' },
      { type: 'message', channel_type: 'im', subtype: 'bot_message', bot_id: 'B0000999', text: 'Who visited Kabul?', ts: '1.2', channel: 'D0000002' },
      { type: 'message', channel_type: 'im', user: botUserId, text: 'Who visited Kabul?', ts: '1.3', channel: 'D0000002' },
      { type: 'app_mention', user: botUserId, text: `<@${botUserId}> Who visited Kabul?`, ts: '1.4', channel },
      { type: 'app_mention', bot_id: botId, user: botUserId, text: `<@${botUserId}> Who visited Kabul?`, ts: '1.5', channel },
      { type: 'message', channel_type: 'im', subtype: 'message_changed', ts: '1.6', channel: 'D0000002' },
      { type: 'message', channel_type: 'channel', user: person, text: 'Who visited Kabul?', ts: '1.7', channel },
      { type: 'reaction_added', user: person, reaction: 'thumbsup', item: { type: 'message', channel, ts: '1.1' } },
    ];
    for (const event of events) expect((await post(envelope(event))).status).toBe(200);
    expect(services.backgroundTasks.size).toBe(0);
    await services.backgroundTasks.idle();
    expect(standIn.calls.length).toBe(callsBefore);
    expect(answerSpy).not.toHaveBeenCalled();
  });
});

describe('POST /integrations/slack/events refuses bad requests before the engine', () => {
  const body = () =>
    envelope({ type: 'app_mention', user: person, text: `<@${botUserId}> Who visited Kabul?`, ts: '2.1', channel });
  const now = () => Math.floor(Date.now() / 1000);

  const cases: Array<[string, () => Response | Promise<Response>, number]> = [
    ['no signature headers', () => post(body(), {}), 401],
    ['no signature', () => post(body(), { 'x-slack-request-timestamp': String(now()) }), 401],
    ['no timestamp', () => { const b = body(); const { 'x-slack-signature': signature } = slackHeaders(signingSecret, b); return post(b, { 'x-slack-signature': signature }); }, 401],
    ['a wrong secret', () => { const b = body(); return post(b, slackHeaders('another-secret', b)); }, 401],
    ['a stale timestamp', () => { const b = body(); return post(b, slackHeaders(signingSecret, b, now() - 6 * 60)); }, 401],
    ['a future timestamp', () => { const b = body(); return post(b, slackHeaders(signingSecret, b, now() + 6 * 60)); }, 401],
    ['a non-numeric timestamp', () => { const b = body(); return post(b, { ...slackHeaders(signingSecret, b), 'x-slack-request-timestamp': 'soon' }); }, 401],
    ['a wrong version prefix', () => { const b = body(); const headers = slackHeaders(signingSecret, b); return post(b, { ...headers, 'x-slack-signature': headers['x-slack-signature'].replace('v0=', 'v1=') }); }, 401],
    ['a body changed after signing', () => { const b = body(); return post(b.replace('Kabul', 'Astana'), slackHeaders(signingSecret, b)); }, 401],
    ['a signed body that is not JSON', () => post('{"type": "event_callback",'), 400],
    ['a signed envelope without an event_id', () => post(JSON.stringify({ type: 'event_callback', event: { type: 'app_mention' } })), 400],
    ['a signed envelope without a type', () => post(JSON.stringify({ event_id: 'Ev1' })), 400],
  ];

  it.each(cases)('%s', async (_name, send, status) => {
    const answerSpy = vi.spyOn(services.engine, 'answer');
    const callsBefore = standIn.calls.length;
    const response = await send();
    expect(response.status).toBe(status);
    const error = (await response.json()) as { error: { code: string; message: string } };
    expect(error.error.code).toMatch(status === 401 ? /^unauthorized$/ : /^invalid_(json|request)$/);
    expect(error.error.message).toBeTruthy();
    await services.backgroundTasks.idle();
    expect(answerSpy).not.toHaveBeenCalled();
    expect(standIn.calls.length).toBe(callsBefore);
  });
});
