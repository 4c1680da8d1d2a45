import { Hono } from 'hono';
import { AppError } from '../errors.ts';
import type { AppEnv, Services } from './app-env.ts';
import { escapeHtml, htmlPage } from './html-page.ts';

const css = `body{margin:0;background:#f6f7f9;color:#1f2937;font:17px/1.7 Georgia,'Times New Roman',serif}
main{max-width:760px;margin:0 auto;padding:40px 24px 80px;background:#fff;min-height:100vh;box-shadow:0 0 24px rgba(0,0,0,.06)}
h1{font:700 28px/1.3 system-ui,sans-serif;margin:0 0 8px}
.byline,.notice{font:14px/1.5 system-ui,sans-serif;color:#4b5563;margin:0 0 20px}
.notice{padding:10px 14px;background:#f3f5f8;border-left:4px solid #1d4ed8}
.text{white-space:pre-wrap}
mark{background:#ffe066;color:#111;padding:2px 0;border-radius:2px;box-shadow:0 0 0 2px #ffe066}
:target{scroll-margin-top:30vh}`;

function offset(value: string | undefined, name: string, length: number): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^\d+$/.test(value)) throw new AppError('invalid_request', `${name} must be a whole number of characters.`, { field: name });
  const number = Number(value);
  if (number > length) throw new AppError('invalid_request', `${name} is past the end of the document (${length} characters).`, { field: name });
  return number;
}

/** `GET /source/:docId?start=&end=`: the document as a page, the cited range marked and scrolled to. */
export function createSourcePageRoute(services: Services) {
  const route = new Hono<AppEnv>();
  route.get('/:docId', (c) => {
    const document = services.index.corpus.documents.find((candidate) => candidate.id === c.req.param('docId'));
    if (!document) throw new AppError('not_found', `No document with id "${c.req.param('docId')}".`);
    const text = document.text;
    const start = offset(c.req.query('start'), 'start', text.length);
    const end = offset(c.req.query('end'), 'end', text.length);
    if ((start === undefined) !== (end === undefined)) throw new AppError('invalid_request', 'Give both start and end, or neither.', { field: start === undefined ? 'start' : 'end' });
    if (start !== undefined && end !== undefined && start >= end) throw new AppError('invalid_request', 'start must be less than end.', { field: 'start' });
    const body =
      start === undefined || end === undefined
        ? escapeHtml(text)
        : `${escapeHtml(text.slice(0, start))}<mark id="cited">${escapeHtml(text.slice(start, end))}</mark>${escapeHtml(text.slice(end))}`;
    return htmlPage({
      title: document.title,
      css,
      body: `<main>
<h1>${escapeHtml(document.title)}</h1>
<p class="byline">${escapeHtml([document.author, document.authorRole].filter(Boolean).join(', '))}${document.publisher ? ` · ${escapeHtml(document.publisher)}` : ''}</p>
${document.disclaimer ? `<p class="notice">${escapeHtml(document.disclaimer)}</p>` : ''}
<div class="text">${body}</div>
</main>`,
    });
  });
  return route;
}
