import { describe, expect, it } from 'vitest';
import { describeIntegrations } from '../../src/integrations/index.ts';
import { testConfig } from '../support/test-services.ts';

describe('describeIntegrations (the start-up log)', () => {
  it('reports every integration off, naming the variables that turn each on, when no secret is set', () => {
    expect(describeIntegrations(testConfig())).toEqual([
      { integration: 'slack-events', enabled: false, reason: 'set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN' },
      { integration: 'slack-command', enabled: false, reason: 'set SLACK_SIGNING_SECRET' },
      { integration: 'slack-feedback-buttons', enabled: false, reason: 'set SLACK_SIGNING_SECRET and SLACK_INTERACTIVITY=true' },
      { integration: 'outgoing-webhook', enabled: false, reason: 'set WEBHOOK_TOKENS' },
    ]);
  });

  it('reports each integration on once its secrets are set, without printing them', () => {
    const config = testConfig({ SLACK_SIGNING_SECRET: 'secret-value', SLACK_BOT_TOKEN: 'xoxb-value', WEBHOOK_TOKENS: 'one, two,' });
    const report = describeIntegrations(config);
    expect(report.map(({ integration, enabled }) => [integration, enabled])).toEqual([
      ['slack-events', true],
      ['slack-command', true],
      ['slack-feedback-buttons', false],
      ['outgoing-webhook', true],
    ]);
    expect(report[2]!.reason).toBe('set SLACK_INTERACTIVITY=true');
    expect(report[3]!.reason).toMatch(/2 token/);
    expect(JSON.stringify(report)).not.toMatch(/secret-value|xoxb-value|one|two/);
  });

  it('parses the Slack and webhook variables', () => {
    const config = testConfig({ SLACK_API_URL: 'http://127.0.0.1:9/api', SLACK_COMMAND_IN_CHANNEL: 'yes', WEBHOOK_TOKENS: ' a ,b,, ' });
    expect(config.slack.apiUrl).toBe('http://127.0.0.1:9/api/');
    expect(config.slack.commandInChannel).toBe(true);
    expect(config.webhook.tokens).toEqual(['a', 'b']);
    expect(testConfig().slack.apiUrl).toBe('https://slack.com/api/');
    expect(() => testConfig({ SLACK_API_URL: 'not a url' })).toThrow(/SLACK_API_URL/);
  });
});
