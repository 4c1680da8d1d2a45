import { Hono } from 'hono';
import { AppError } from '../errors.ts';
import { feedbackInputSchema } from '../feedback/feedback-store.ts';
import type { AppEnv, Services } from './app-env.ts';
import { readJsonBody } from './validation.ts';

/** `POST /api/feedback`: a reader's thumbs up or down on one answer, with an optional comment. */
export function createFeedbackRoute(services: Services) {
  const route = new Hono<AppEnv>();
  route.post('/', async (c) => {
    const parsed = feedbackInputSchema.safeParse(await readJsonBody(c));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = issue.path.join('.') || undefined;
      const message = field ? `${field}: ${issue.message}` : 'The body must be a JSON object with question, answer, citations and verdict.';
      throw new AppError('invalid_request', message, field ? { field } : {});
    }
    const record = await services.feedback.addFeedback(parsed.data);
    c.get('logger').info('feedback recorded', { verdict: record.verdict, hasComment: Boolean(record.comment) });
    return c.json({ id: record.id, createdAt: record.createdAt }, 201);
  });
  return route;
}
