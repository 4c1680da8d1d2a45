import { Hono } from 'hono';
import type { AppEnv, Services } from './app-env.ts';
import { parseQuestionBody, readJsonBody } from './validation.ts';

/** `POST /api/ask`: one question (with optional history) in, one cited answer out. */
export function createAskRoute(services: Services) {
  const route = new Hono<AppEnv>();
  route.post('/', async (c) => {
    const question = parseQuestionBody(await readJsonBody(c), services.config.limits);
    const answer = await services.engine.answer({ ...question, signal: c.req.raw.signal });
    c.get('logger').info('answered', { outcome: answer.outcome, engine: answer.engine, citations: answer.citations.length });
    return c.json(answer);
  });
  return route;
}
