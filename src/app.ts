import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { AppError } from './errors.ts';
import type { AppEnv, Services } from './http/app-env.ts';
import { createAskRoute } from './http/ask-route.ts';
import { createChatRoute } from './http/chat-route.ts';
import { createSourcesRoute } from './http/sources-route.ts';
import { createDemoPageRoute } from './http/demo-page-route.ts';
import { createFeedbackRoute } from './http/feedback-route.ts';
import { createSourcePageRoute } from './http/source-page-route.ts';
import { createWidgetRoute } from './http/widget-route.ts';
import { createIntegrationsRoute } from './integrations/index.ts';

export type { Services } from './http/app-env.ts';

/** Builds the whole HTTP surface from ready services. Nothing here knows how answers are made. */
export function createApp(services: Services) {
  const app = new Hono<AppEnv>();

  app.use(requestId());
  app.use(async (c, next) => {
    c.set('logger', services.logger.child({ requestId: c.get('requestId') }));
    await next();
  });
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: services.config.limits.maxBodyBytes,
      onError: () => {
        throw new AppError('payload_too_large', `The body is larger than ${services.config.limits.maxBodyBytes} bytes.`);
      },
    }),
  );

  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.route('/api/ask', createAskRoute(services));
  app.route('/api/chat', createChatRoute(services));
  app.route('/api/sources', createSourcesRoute(services));
  app.route('/integrations', createIntegrationsRoute(services));
  app.route('/api/feedback', createFeedbackRoute(services));
  app.route('/widget.js', createWidgetRoute(services));
  app.route('/source', createSourcePageRoute(services));
  app.route('/', createDemoPageRoute(services));

  app.notFound((c) => c.json(new AppError('not_found', `No route for ${c.req.method} ${c.req.path}.`).toJSON(), 404));
  app.onError((error, c) => {
    if (error instanceof AppError) return c.json(error.toJSON(), error.status as 400);
    const status = (error as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return c.json({ error: { code: 'invalid_request', message: error.message } }, status as 400);
    }
    (c.get('logger') ?? services.logger).error('unhandled error', { error });
    return c.json(new AppError('internal', 'Something went wrong on our side.').toJSON(), 500);
  });
  return app;
}
