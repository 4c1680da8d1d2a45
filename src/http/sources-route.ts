import { Hono } from 'hono';
import { AppError } from '../errors.ts';
import type { AppEnv, Services } from './app-env.ts';

/** `GET /api/sources/:docId`: the exact text that citation offsets index into. */
export function createSourcesRoute(services: Services) {
  const route = new Hono<AppEnv>();
  route.get('/', (c) =>
    c.json({ documents: services.index.corpus.documents.map(({ id, title, author }) => ({ docId: id, title, author })) }),
  );
  route.get('/:docId', (c) => {
    const document = services.index.corpus.documents.find((candidate) => candidate.id === c.req.param('docId'));
    if (!document) throw new AppError('not_found', `No document with id "${c.req.param('docId')}".`);
    return c.json({
      docId: document.id,
      title: document.title,
      author: document.author,
      authorRole: document.authorRole,
      publisher: document.publisher,
      disclaimer: document.disclaimer,
      text: document.text,
    });
  });
  return route;
}
