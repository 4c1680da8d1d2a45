import { Hono } from 'hono';
import { AppError } from '../../errors.ts';
import type { AppEnv, Services } from '../../http/app-env.ts';
import { matchesAnyToken } from '../constant-time-equal.ts';
import { formatWebhookAnswer } from './format-webhook-answer.ts';
import { readWebhookBody } from './read-webhook-body.ts';

const usage = 'Ask a question about the commentary after the trigger word, for example: “ask Who visited Kabul?”';

/**
 * `POST /integrations/webhook`: Slack-compatible outgoing webhooks (Slack legacy, Mattermost, Rocket.Chat).
 * The token is checked in constant time against WEBHOOK_TOKENS; the reply is the synchronous
 * `{ text, response_type: "comment" }` those tools post back (in the thread where they support it).
 */
export function createWebhookRoute(services: Services) {
  const route = new Hono<AppEnv>();
  const { tokens } = services.config.webhook;
  route.post('/', async (c) => {
    if (tokens.length === 0) throw new AppError('not_found', 'The outgoing webhook integration is off: set WEBHOOK_TOKENS.');
    const payload = await readWebhookBody(c);
    if (!payload.token || !matchesAnyToken(payload.token, tokens)) throw new AppError('unauthorized', 'The webhook token is missing or wrong.');
    // Rocket.Chat marks messages from bots; answering them could start a loop between two bots.
    if (payload.bot !== undefined && payload.bot !== false && payload.bot !== null && payload.bot !== 'false') return c.json({});

    const question = stripTriggerWord(payload.text, payload.trigger_word);
    if (!question) return c.json({ text: usage, response_type: 'comment' });
    const { maxQuestionChars } = services.config.limits;
    if (question.length > maxQuestionChars) {
      return c.json({ text: `That question is longer than ${maxQuestionChars} characters; please shorten it.`, response_type: 'comment' });
    }
    const answer = await services.engine.answer({ question, history: [], signal: c.req.raw.signal });
    c.get('logger').info('webhook answered', { integration: 'webhook', outcome: answer.outcome, engine: answer.engine });
    return c.json({ text: formatWebhookAnswer(answer), response_type: 'comment' });
  });
  return route;
}

/** Drops the word that triggered the webhook (and a following colon or comma) from the start of the text. */
export function stripTriggerWord(text: string, triggerWord: string | undefined): string {
  const trimmed = text.trim();
  if (triggerWord && trimmed.toLowerCase().startsWith(triggerWord.toLowerCase())) {
    return trimmed.slice(triggerWord.length).replace(/^[\s:,]+/, '').trim();
  }
  return trimmed;
}
