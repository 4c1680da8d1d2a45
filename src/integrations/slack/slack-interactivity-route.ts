import { Hono } from 'hono';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import type { AppEnv, Services } from '../../http/app-env.ts';
import { formatSlackNotice } from './format-slack-answer.ts';
import { parseJsonBody } from './parse-json-body.ts';
import { postToResponseUrl } from './post-to-response-url.ts';
import { readSignedBody } from './read-signed-body.ts';
import { recallAnswer } from './remember-answer.ts';

const blockActionsSchema = z
  .object({
    type: z.string(),
    user: z.object({ id: z.string() }).loose(),
    actions: z.array(z.object({ action_id: z.string(), value: z.string().max(200).optional() }).loose()).default([]),
    response_url: z.url().optional(),
  })
  .loose();

const verdictByAction: Record<string, 'up' | 'down'> = { feedback_up: 'up', feedback_down: 'down' };
const feedbackMemoryMs = 30 * 24 * 60 * 60 * 1000;

/**
 * `POST /integrations/slack/interactivity`: the thumbs-up/down buttons under an answer. Each vote goes to the
 * same feedback store as the widget's; one vote per person per answer counts.
 */
export function createSlackInteractivityRoute(services: Services, options: { signingSecret: string; now: () => number }) {
  const route = new Hono<AppEnv>();
  route.post('/', async (c) => {
    const rawBody = await readSignedBody(c, options);
    const payloadText = new URLSearchParams(rawBody).get('payload');
    if (!payloadText) throw new AppError('invalid_request', 'The "payload" field is required.', { field: 'payload' });
    const payload = parseJsonBody(payloadText, blockActionsSchema);
    if (payload.type !== 'block_actions') return c.body(null, 200);

    const votes = payload.actions.flatMap((action) => {
      const verdict = verdictByAction[action.action_id];
      return verdict && action.value ? [{ verdict, answerId: action.value }] : [];
    });
    const logger = c.get('logger').child({ integration: 'slack-interactivity' });
    for (const { verdict, answerId } of votes) {
      services.backgroundTasks.run('slack-feedback', async () => {
        const remembered = await recallAnswer(services.store, answerId);
        let notice: string;
        if (!remembered) {
          notice = 'That answer is too old to rate now.';
        } else if (!(await services.store.setIfAbsent(`slack:feedback:${answerId}:${payload.user.id}`, verdict, feedbackMemoryMs))) {
          notice = 'You have already rated this answer.';
        } else {
          try {
            await services.feedback.addFeedback({ ...remembered, verdict });
          } catch (error) {
            // Not recorded, so the vote may be cast again.
            await services.store.delete(`slack:feedback:${answerId}:${payload.user.id}`);
            throw error;
          }
          logger.info('slack feedback recorded', { verdict });
          notice = 'Thanks for the feedback.';
        }
        if (payload.response_url) {
          await postToResponseUrl(payload.response_url, { response_type: 'ephemeral', replace_original: false, ...formatSlackNotice(notice) });
        }
      });
    }
    return c.body(null, 200);
  });
  return route;
}
