import { Hono } from 'hono';
import type { AppEnv, Services } from '../../http/app-env.ts';
import { answerInThread } from './answer-in-thread.ts';
import { parseJsonBody } from './parse-json-body.ts';
import { readSignedBody } from './read-signed-body.ts';
import { envelopeTypeSchema, eventCallbackSchema, urlVerificationSchema, type EventCallback } from './slack-event-schema.ts';
import { slackTextToPlain } from './slack-text.ts';
import type { SlackWebApi } from './slack-web-api.ts';

// A reply also sent to the channel, or a question with a file attached, is still a person asking.
const answerableSubtypes = new Set(['thread_broadcast', 'file_share']);

// Slack retries a delivery up to three times over about an hour; remember each event for longer than that.
const deliveryMemoryMs = 2 * 60 * 60 * 1000;

/**
 * `POST /integrations/slack/events`: Slack's Events API. The signature is checked before anything else;
 * the request is acknowledged at once and the answer is posted in the thread afterwards.
 */
export function createSlackEventsRoute(services: Services, options: { signingSecret: string; slack: SlackWebApi; now: () => number }) {
  const route = new Hono<AppEnv>();
  route.post('/', async (c) => {
    const rawBody = await readSignedBody(c, options);
    const { type } = parseJsonBody(rawBody, envelopeTypeSchema);
    if (type === 'url_verification') {
      const { challenge } = parseJsonBody(rawBody, urlVerificationSchema);
      return c.json({ challenge });
    }
    if (type !== 'event_callback') return c.body(null, 200);

    const envelope = parseJsonBody(rawBody, eventCallbackSchema);
    const logger = c.get('logger').child({ integration: 'slack', eventId: envelope.event_id, retry: c.req.header('x-slack-retry-num') });
    const question = questionFrom(envelope);
    if (!question) {
      logger.debug('slack event ignored', { eventType: envelope.event.type, subtype: envelope.event.subtype });
      return c.body(null, 200);
    }
    // A retried delivery carries the same event_id; a mention in a direct message can arrive as two events
    // (app_mention and message.im) for the same message. Either way, only the first one is answered.
    const firstDelivery = await services.store.setIfAbsent(`slack:event:${envelope.event_id}`, '1', deliveryMemoryMs);
    const firstForMessage = firstDelivery && (await services.store.setIfAbsent(`slack:message:${question.channel}:${question.ts}`, envelope.event_id, deliveryMemoryMs));
    if (!firstForMessage) {
      logger.info('slack duplicate delivery ignored');
      return c.body(null, 200);
    }
    services.backgroundTasks.run('slack-event', () => answerInThread(services, options.slack, question));
    return c.body(null, 200);
  });
  return route;
}

/** The question a person asked the bot in this event, or undefined for anything the bot must not answer. */
function questionFrom(envelope: EventCallback) {
  const { event } = envelope;
  const botUserId = envelope.authorizations?.find((authorization) => authorization.user_id)?.user_id;
  const isMention = event.type === 'app_mention';
  const isDirectMessage = event.type === 'message' && event.channel_type === 'im';
  if (!isMention && !isDirectMessage) return undefined;
  // Bots (this one included) and edits, joins and other system messages never get an answer: no loops.
  if (event.bot_id || (event.subtype && !answerableSubtypes.has(event.subtype)) || !event.user || event.user === botUserId) return undefined;
  if (!event.channel || !event.ts) return undefined;
  return {
    teamId: envelope.team_id ?? 'unknown',
    channel: event.channel,
    ts: event.ts,
    threadTs: event.thread_ts,
    question: slackTextToPlain(event.text ?? '', botUserId),
    botUserId,
  };
}
