import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { AppError } from '../errors.ts';
import { buildWidgetScript } from '../widget/build-widget-script.ts';
import type { AppEnv, Services } from './app-env.ts';

/**
 * `GET /widget.js`: the embeddable chat widget. The bundle is built in memory once, when the app is
 * created, so `npm start` needs no separate build step. Loadable from any origin (CORP cross-origin).
 */
export function createWidgetRoute(services: Services, options: { build?: () => Promise<string> } = {}) {
  const bundle = (options.build ?? buildWidgetScript)().then((code) => ({
    code,
    etag: `"${createHash('sha256').update(code).digest('base64url').slice(0, 27)}"`,
  }));
  // Surface a broken bundle in the logs at start-up, not only when someone asks for it.
  bundle.catch((error: unknown) => services.logger.error('widget bundle failed to build', { error }));

  const route = new Hono<AppEnv>();
  route.get('/', async (c) => {
    let built;
    try {
      built = await bundle;
    } catch (error) {
      throw new AppError('not_ready', 'The widget script is not available.', { cause: error });
    }
    const headers = {
      'Content-Type': 'text/javascript; charset=utf-8',
      // Not content-hashed, so keep browser copies short-lived and revalidate cheaply with the ETag.
      'Cache-Control': 'public, max-age=300, stale-while-revalidate=86400',
      ETag: built.etag,
      'Cross-Origin-Resource-Policy': 'cross-origin',
      'Access-Control-Allow-Origin': '*',
      'X-Content-Type-Options': 'nosniff',
    };
    const ifNoneMatch = c.req.header('if-none-match');
    if (ifNoneMatch && ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === built.etag)) {
      return c.body(null, 304, headers);
    }
    return c.body(built.code, 200, headers);
  });
  return route;
}
