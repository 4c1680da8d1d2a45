import type { MiddlewareHandler } from 'hono';
import { NONCE, secureHeaders } from 'hono/secure-headers';

/**
 * Security headers on every response. The policy lets pages load only their own scripts (or inline
 * ones carrying the per-request nonce in `c.get('secureHeadersNonce')`) and images from their own
 * origin, so a rendered answer cannot beacon a conversation out through an injected image URL.
 * Scripts meant to be embedded on other sites (the widget) are served with a cross-origin resource
 * policy so a `<script src>` on another origin may load them.
 */
export function securityHeaders(options: { isEmbeddable: (path: string) => boolean }): MiddlewareHandler {
  const shared = {
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'", NONCE],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'self'"],
    },
    referrerPolicy: 'strict-origin-when-cross-origin',
  };
  const forPages = secureHeaders(shared);
  const forEmbeddable = secureHeaders({ ...shared, crossOriginResourcePolicy: 'cross-origin' });
  return (c, next) => (options.isEmbeddable(c.req.path) ? forEmbeddable(c, next) : forPages(c, next));
}

/** Static scripts and the widget's own paths are made to be embedded elsewhere. */
export function isEmbeddablePath(path: string): boolean {
  return path.startsWith('/widget') || path.endsWith('.js');
}
