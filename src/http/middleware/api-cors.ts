import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';

/**
 * CORS for the JSON and chat API by allow-list (`WIDGET_ORIGINS`), so the widget can call it from the
 * sites that embed it. `*` allows any origin; no credentials are ever allowed, the API needs none.
 */
export function apiCors(allowedOrigins: string[]): MiddlewareHandler {
  const allowAny = allowedOrigins.includes('*');
  const allowed = new Set(allowedOrigins.map((origin) => origin.replace(/\/+$/, '').toLowerCase()));
  return cors({
    origin: allowAny ? '*' : (origin) => (allowed.has(origin.toLowerCase()) ? origin : null),
    allowMethods: ['GET', 'POST', 'OPTIONS'],
    allowHeaders: ['Content-Type', 'X-Request-Id'],
    exposeHeaders: ['Retry-After', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset', 'X-Request-Id'],
    maxAge: 600,
  });
}
