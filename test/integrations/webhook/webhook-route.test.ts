import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../../src/app.ts';
import type { Services } from '../../../src/http/app-env.ts';
import { stripTriggerWord } from '../../../src/integrations/webhook/webhook-route.ts';
import { createTestServices } from '../../support/test-services.ts';

let services: Services;
let server: ServerType;
let origin: string;

beforeAll(async () => {
  services = await createTestServices({ WEBHOOK_TOKENS: 'mattermost-token-1, rocketchat-token-2' });
  server = serve({ fetch: createApp(services).fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await services.store.close();
});

afterEach(() => vi.restoreAllMocks());

/** What Mattermost sends for an outgoing webhook (form-encoded). */
function mattermostForm(fields: Record<string, string>) {
  return new URLSearchParams({
    channel_id: 'hawos4dqtby53pd64o4a4cmeoo',
    channel_name: 'town-square',
    team_domain: 'someteam',
    team_id: 'kwoknj9nwpypzgzy78wkw516qe',
    post_id: 'axdygg1957njfe5pu38saikdho',
    timestamp: '1445532266',
    user_id: 'rnina9994bde8mua79zqcg5hmo',
    user_name: 'somename',
    ...fields,
  }).toString();
}

function postForm(body: string) {
  return fetch(`${origin}/integrations/webhook`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
}

describe('POST /integrations/webhook (Mattermost, Rocket.Chat, Slack legacy)', () => {
  it('answers a Mattermost outgoing webhook with the cited answer as a threaded comment, trigger word stripped', async () => {
    const answerSpy = vi.spyOn(services.engine, 'answer');
    const response = await postForm(mattermostForm({ token: 'mattermost-token-1', trigger_word: '#ask', text: '#ask Who visited Kabul?' }));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    const reply = (await response.json()) as { text: string; response_type: string };
    expect(reply.response_type).toBe('comment');
    expect(answerSpy.mock.calls[0]![0]).toMatchObject({ question: 'Who visited Kabul?', history: [] });
    const [answerLine, ...rest] = reply.text.split('\n');
    expect(answerLine).toMatch(/Zhumangarin.*\[1\]/);
    expect(rest).toContain('> [1] “the official visit of Deputy Prime Minister Serik Zhumangarin to Kabul from April 21 to 23 marks a significant recalibration of Astana’s regional diplomacy.”');
    expect(rest.at(-1)).toMatch(/^_.*does not take institutional positions.*_$/);
  });

  it('accepts a Rocket.Chat-style JSON webhook with any configured token', async () => {
    const response = await fetch(`${origin}/integrations/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: 'rocketchat-token-2', bot: false, trigger_word: 'askbot', text: 'askbot: How many agreements did Kazakhstan sign with the Taliban?', user_name: 'rocket.cat' }),
    });
    expect(response.status).toBe(200);
    const reply = (await response.json()) as { text: string; response_type: string };
    expect(reply.response_type).toBe('comment');
    expect(reply.text).toMatch(/twenty/i);
  });

  it('refuses a wrong, missing or near-miss token with 401 before the engine', async () => {
    const answerSpy = vi.spyOn(services.engine, 'answer');
    for (const token of ['mattermost-token-2', 'mattermost-token-1 ', 'mattermost-token', 'MATTERMOST-TOKEN-1', '']) {
      const response = await postForm(mattermostForm({ token, trigger_word: '#ask', text: '#ask Who visited Kabul?' }));
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: { code: 'unauthorized', message: 'The webhook token is missing or wrong.' } });
    }
    const withoutToken = await postForm(mattermostForm({ trigger_word: '#ask', text: '#ask Who visited Kabul?' }));
    expect(withoutToken.status).toBe(401);
    expect(answerSpy).not.toHaveBeenCalled();
  });

  it('answers the bare trigger word with usage help, and ignores messages from bots', async () => {
    const answerSpy = vi.spyOn(services.engine, 'answer');
    const bare = await postForm(mattermostForm({ token: 'mattermost-token-1', trigger_word: '#ask', text: '#ask' }));
    expect(await bare.json()).toMatchObject({ response_type: 'comment', text: expect.stringMatching(/ask Who visited Kabul\?/) });
    const fromBot = await fetch(`${origin}/integrations/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: 'rocketchat-token-2', bot: { i: 'bot-id' }, text: 'askbot Who visited Kabul?', trigger_word: 'askbot' }),
    });
    expect(await fromBot.json()).toEqual({});
    expect(answerSpy).not.toHaveBeenCalled();
  });

  it('refuses other content types and unreadable JSON with a 4xx naming the problem', async () => {
    const plain = await fetch(`${origin}/integrations/webhook`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'token=x' });
    expect(plain.status).toBe(415);
    const broken = await fetch(`${origin}/integrations/webhook`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"token":' });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ error: { code: 'invalid_json' } });
  });

  it('is off, and says which variable turns it on, without WEBHOOK_TOKENS', async () => {
    const off = createApp({ ...services, config: { ...services.config, webhook: { tokens: [] } } });
    const response = await off.request('/integrations/webhook', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: mattermostForm({ token: '', text: 'Who visited Kabul?' }),
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { message: expect.stringMatching(/WEBHOOK_TOKENS/) } });
  });
});

describe('stripTriggerWord', () => {
  it('drops the trigger word and a following colon or comma, case-insensitively', () => {
    expect(stripTriggerWord('#ask Who visited Kabul?', '#ask')).toBe('Who visited Kabul?');
    expect(stripTriggerWord('  AskBot:  Who visited Kabul?', 'askbot')).toBe('Who visited Kabul?');
    expect(stripTriggerWord('askbot, who?', 'askbot')).toBe('who?');
    expect(stripTriggerWord('Who visited Kabul?', undefined)).toBe('Who visited Kabul?');
    expect(stripTriggerWord('Who visited Kabul?', 'askbot')).toBe('Who visited Kabul?');
  });
});
