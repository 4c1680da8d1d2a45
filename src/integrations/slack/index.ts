import { Hono } from 'hono';
import { AppError } from '../../errors.ts';
import type { AppEnv, Services } from '../../http/app-env.ts';
import { createSlackCommandsRoute } from './slack-commands-route.ts';
import { createSlackEventsRoute } from './slack-events-route.ts';
import { createSlackInteractivityRoute } from './slack-interactivity-route.ts';
import { createSlackWebApi } from './slack-web-api.ts';

/** `/integrations/slack/*`: each surface answers only when its secrets are configured, and says which are missing otherwise. */
export function createSlackRoute(services: Services, options: { now: () => number }) {
  const route = new Hono<AppEnv>();
  const { signingSecret, botToken, apiUrl, commandInChannel, interactivity } = services.config.slack;

  if (signingSecret && botToken) {
    const slack = createSlackWebApi({ token: botToken, baseUrl: apiUrl });
    route.route('/events', createSlackEventsRoute(services, { signingSecret, slack, now: options.now }));
  } else {
    route.all('/events', () => {
      throw new AppError('not_found', 'The Slack events integration is off: set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN.');
    });
  }

  if (signingSecret) {
    route.route('/commands', createSlackCommandsRoute(services, { signingSecret, now: options.now, inChannel: commandInChannel }));
  } else {
    route.all('/commands', () => {
      throw new AppError('not_found', 'The Slack slash command is off: set SLACK_SIGNING_SECRET.');
    });
  }

  if (signingSecret && interactivity) {
    route.route('/interactivity', createSlackInteractivityRoute(services, { signingSecret, now: options.now }));
  } else {
    route.all('/interactivity', () => {
      throw new AppError('not_found', 'Slack feedback buttons are off: set SLACK_SIGNING_SECRET and SLACK_INTERACTIVITY=true.');
    });
  }
  return route;
}
