import { Hono } from 'hono';
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
import { createHealthRoute } from './http/health-route.ts';
import { apiCors } from './http/middleware/api-cors.ts';
import { limitBody } from './http/middleware/limit-body.ts';
import { createClientAddressResolver } from './http/middleware/client-address.ts';
import { rateLimit } from './http/middleware/rate-limit.ts';
import { requestLogger } from './http/middleware/request-logger.ts';
import { isEmbeddablePath, securityHeaders } from './http/middleware/security-headers.ts';
import { createIntegrationsRoute } from './integrations/index.ts';

export type { Services } from './http/app-env.ts';

/** Builds the whole HTTP surface from ready services. Nothing here knows how answers are made. */
export function createApp(services: Services) {
  const app = new Hono<AppEnv>();

  app.use(requestId());
  app.use(requestLogger(services.logger));
  app.use(securityHeaders({ isEmbeddable: isEmbeddablePath }));
  app.use('/api/*', apiCors(services.config.widgetOrigins));
  // useChat sends the whole conversation back with every question, our cited quotes included.
  const chatBodyLimit = limitBody(services.config.limits.maxChatBodyBytes);
  const apiBodyLimit = limitBody(services.config.limits.maxBodyBytes);
  app.use('/api/*', (c, next) => (c.req.path === '/api/chat' ? chatBodyLimit(c, next) : apiBodyLimit(c, next)));

  // One bucket for every question endpoint, counted in the store so all instances share it.
  const questionLimit = rateLimit({
    store: services.store,
    limits: services.config.rateLimit,
    clientAddress: createClientAddressResolver(services.config.proxy),
    bucket: 'questions',
  });
  app.use('/api/ask', questionLimit);
  app.use('/api/chat', questionLimit);
  app.use(
    '/api/feedback',
    rateLimit({ store: services.store, limits: services.config.rateLimit, clientAddress: createClientAddressResolver(services.config.proxy), bucket: 'feedback' }),
  );

  app.route('/', createHealthRoute(services));
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
