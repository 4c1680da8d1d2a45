import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Hono } from 'hono';
import { createApp } from '../../../src/app.ts';
import type { AppEnv, Services } from '../../../src/http/app-env.ts';
import { createIntegrationsRoute } from '../../../src/integrations/index.ts';
import { createTestServices } from '../../support/test-services.ts';
import { startSlackStandIn, type SlackStandIn } from '../../support/slack-stand-in.ts';
import { slackHeaders } from '../../support/slack-signing.ts';

const signingSecret = 'test-signing-secret';
let standIn: SlackStandIn;
let services: Services;
let app: ReturnType<typeof createApp>;
let commandCounter = 0;

beforeAll(async () => {
  standIn = await startSlackStandIn({ token: 'xoxb-unused', botUserId: 'UBOT0001', botId: 'B0000001' });
  services = await createTestServices({ SLACK_SIGNING_SECRET: signingSecret });
  app = createApp(services);
});

afterAll(async () => {
  await standIn.close();
  await services.store.close();
});

afterEach(() => vi.restoreAllMocks());

function commandBody(text: string, responseUrl = standIn.responseUrl(`command-${++commandCounter}`)) {
  return new URLSearchParams({
    token: 'legacy',
    team_id: 'T0000001',
    team_domain: 'example',
    channel_id: 'C0000001',
    channel_name: 'general',
    user_id: 'U0000042',
    user_name: 'roadrunner',
    command: '/ask',
    text,
    response_url: responseUrl,
    trigger_id: '1.2.3',
  }).toString();
}

function send(target: { request: (path: string, init: RequestInit) => Response | Promise<Response> }, body: string, headers = slackHeaders(signingSecret, body)) {
  return target.request('/integrations/slack/commands', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body,
  });
}

describe('POST /integrations/slack/commands', () => {
  it('replies at once with an ephemeral "working on it", then delivers the cited answer to response_url', async () => {
    const body = commandBody('Who visited Kabul?');
    const response = await send(app, body);
    expect(response.status).toBe(200);
    const immediate = (await response.json()) as { response_type: string; text: string };
    expect(immediate.response_type).toBe('ephemeral');
    expect(immediate.text).toMatch(/working on it/i);
    expect(standIn.responses.filter((entry) => entry.path === `/response/command-${commandCounter}`)).toHaveLength(0);

    await services.backgroundTasks.idle();
    const delivered = standIn.responses.filter((entry) => entry.path === `/response/command-${commandCounter}`);
    expect(delivered).toHaveLength(1);
    const message = delivered[0]!.body as { response_type: string; text: string; blocks: Array<{ type: string; elements?: Array<{ text: string }> }> };
    expect(message.response_type).toBe('ephemeral');
    expect(message.text).toMatch(/Zhumangarin.*\[1\]/);
    const contexts = message.blocks.filter((block) => block.type === 'context').map((block) => block.elements!.map((element) => element.text).join(' '));
    expect(contexts[0]).toBe('*Question:* Who visited Kabul?');
    expect(contexts.some((text) => /^\[1\] “.*Kabul.*”$/.test(text))).toBe(true);
    expect(contexts.at(-1)).toMatch(/does not take institutional positions/);
  });

  it('shares the answer with the channel when asked with "public"', async () => {
    const answerSpy = vi.spyOn(services.engine, 'answer');
    await send(app, commandBody('public How many agreements did Kazakhstan sign with the Taliban?'));
    await services.backgroundTasks.idle();
    expect(answerSpy.mock.calls[0]![0].question).toBe('How many agreements did Kazakhstan sign with the Taliban?');
    const delivered = standIn.responses.find((entry) => entry.path === `/response/command-${commandCounter}`)!;
    expect(delivered.body.response_type).toBe('in_channel');
    expect(String(delivered.body.text)).toMatch(/twenty/i);
  });

  it('shares with the channel by default when SLACK_COMMAND_IN_CHANNEL is set, unless asked with "private"', async () => {
    const inChannel = createApp({ ...services, config: { ...services.config, slack: { ...services.config.slack, commandInChannel: true } } });
    await send(inChannel, commandBody('Who visited Kabul?'));
    await send(inChannel, commandBody('private Who visited Kabul?'));
    await services.backgroundTasks.idle();
    const visibility = [commandCounter - 1, commandCounter].map(
      (n) => standIn.responses.find((entry) => entry.path === `/response/command-${n}`)!.body.response_type,
    );
    expect(visibility).toEqual(['in_channel', 'ephemeral']);
  });

  it('answers an empty command with usage help and no deferred reply', async () => {
    const answerSpy = vi.spyOn(services.engine, 'answer');
    const before = standIn.responses.length;
    const response = await send(app, commandBody('  '));
    expect(response.status).toBe(200);
    const reply = (await response.json()) as { response_type: string; text: string };
    expect(reply).toMatchObject({ response_type: 'ephemeral' });
    expect(reply.text).toMatch(/\/ask Who visited Kabul\?/);
    await services.backgroundTasks.idle();
    expect(standIn.responses.length).toBe(before);
    expect(answerSpy).not.toHaveBeenCalled();
  });

  it('escapes the echoed question so it cannot mention anyone', async () => {
    // Slack delivers typed `<`, `>` and `&` as entities, and real mentions as <@U…>.
    const response = await send(app, commandBody('&lt;!channel&gt; &amp; <@U0000001|wile> who visited Kabul?'));
    const reply = (await response.json()) as { text: string };
    expect(reply.text).toContain('&lt;!channel&gt; &amp; @wile who visited Kabul?');
    expect(reply.text).not.toMatch(/<!channel>|<@U/);
    await services.backgroundTasks.idle();
    const delivered = standIn.responses.find((entry) => entry.path === `/response/command-${commandCounter}`)!;
    expect(JSON.stringify(delivered.body)).not.toMatch(/<!channel>|<@U0000001>/);
  });

  it('refuses an unsigned or badly signed command, and a signed one without response_url, before the engine', async () => {
    const answerSpy = vi.spyOn(services.engine, 'answer');
    const body = commandBody('Who visited Kabul?');
    expect((await send(app, body, {} as ReturnType<typeof slackHeaders>)).status).toBe(401);
    expect((await send(app, body, slackHeaders('wrong-secret', body))).status).toBe(401);
    expect((await send(app, body, slackHeaders(signingSecret, body, Math.floor(Date.now() / 1000) - 600))).status).toBe(401);
    const withoutUrl = new URLSearchParams([...new URLSearchParams(body)].filter(([key]) => key !== 'response_url')).toString();
    const missing = await send(app, withoutUrl);
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ error: { code: 'invalid_request', field: 'response_url' } });
    await services.backgroundTasks.idle();
    expect(answerSpy).not.toHaveBeenCalled();
  });

  it("accepts Slack's published example request under a clock fixed at its timestamp", async () => {
    const body =
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
    const headers = { 'x-slack-request-timestamp': '1531420618', 'x-slack-signature': 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503' };
    const slackExample = { ...services, config: { ...services.config, slack: { ...services.config.slack, signingSecret: '8f742231b10e8888abcd99yyyzzz85a5' } } };
    const at = (seconds: number) => {
      const fixed = new Hono<AppEnv>();
      fixed.use(async (c, next) => {
        c.set('logger', services.logger);
        await next();
      });
      fixed.route('/integrations', createIntegrationsRoute(slackExample, { now: () => seconds * 1000 }));
      fixed.onError((error) => Response.json({ error: error.message }, { status: (error as { status?: number }).status ?? 500 }));
      return fixed;
    };
    // The example's text is empty, so the command answers with usage help and nothing is sent to hooks.slack.com.
    const accepted = await send(at(1531420618 + 60), body, headers);
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toMatchObject({ response_type: 'ephemeral' });
    expect((await send(at(1531420618 + 301), body, headers)).status).toBe(401);
    expect((await send(at(1531420618), body.replace('roadrunner', 'coyote'), headers)).status).toBe(401);
  });
});
