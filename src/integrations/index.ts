import { Hono } from 'hono';
import type { Config } from '../config.ts';
import type { AppEnv, Services } from '../http/app-env.ts';
import { createSlackRoute } from './slack/index.ts';
import { createWebhookRoute } from './webhook/webhook-route.ts';
import { limitBody } from '../http/middleware/limit-body.ts';

export { createBackgroundTasks, type BackgroundTasks } from './background-tasks.ts';

/**
 * `/integrations/*`: Slack (events and slash command) and Slack-compatible outgoing webhooks.
 * `now` is the clock used for signature timestamps (injectable for tests).
 */
export function createIntegrationsRoute(services: Services, options: { now?: () => number } = {}) {
  const route = new Hono<AppEnv>();
  route.use(limitBody(services.config.limits.maxBodyBytes));
  route.route('/slack', createSlackRoute(services, { now: options.now ?? Date.now }));
  route.route('/webhook', createWebhookRoute(services));
  return route;
}

/** Which integrations are on and, for those that are off, which variables would turn them on. For the start-up log. */
export function describeIntegrations(config: Config): Array<{ integration: string; enabled: boolean; reason: string }> {
  const { signingSecret, botToken } = config.slack;
  const missingForEvents = [signingSecret ? undefined : 'SLACK_SIGNING_SECRET', botToken ? undefined : 'SLACK_BOT_TOKEN'].filter(Boolean);
  return [
    {
      integration: 'slack-events',
      enabled: missingForEvents.length === 0,
      reason: missingForEvents.length === 0 ? `POST /integrations/slack/events, Web API at ${config.slack.apiUrl}` : `set ${missingForEvents.join(' and ')}`,
    },
    {
      integration: 'slack-command',
      enabled: Boolean(signingSecret),
      reason: signingSecret ? `POST /integrations/slack/commands (${config.slack.commandInChannel ? 'in_channel' : 'ephemeral'} by default)` : 'set SLACK_SIGNING_SECRET',
    },
    {
      integration: 'slack-feedback-buttons',
      enabled: Boolean(signingSecret && config.slack.interactivity),
      reason:
        signingSecret && config.slack.interactivity
          ? 'POST /integrations/slack/interactivity'
          : `set ${[signingSecret ? undefined : 'SLACK_SIGNING_SECRET', config.slack.interactivity ? undefined : 'SLACK_INTERACTIVITY=true'].filter(Boolean).join(' and ')}`,
    },
    {
      integration: 'outgoing-webhook',
      enabled: config.webhook.tokens.length > 0,
      reason: config.webhook.tokens.length > 0 ? `POST /integrations/webhook, ${config.webhook.tokens.length} token(s)` : 'set WEBHOOK_TOKENS',
    },
  ];
}
