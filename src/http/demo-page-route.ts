import { Hono } from 'hono';
import type { AppEnv, Services } from './app-env.ts';
import { escapeHtml, htmlPage } from './html-page.ts';

const css = `body{margin:0;background:#f4f1ea;color:#222;font:18px/1.7 Georgia,'Times New Roman',serif}
.site{background:#14213d;color:#fff;font:600 15px/1 system-ui,sans-serif;padding:18px 24px;letter-spacing:.04em;text-transform:uppercase}
main{max-width:720px;margin:0 auto;padding:48px 24px 120px}
.kicker{font:600 13px/1 system-ui,sans-serif;color:#7a5c00;text-transform:uppercase;letter-spacing:.08em}
h1{font-size:36px;line-height:1.2;margin:12px 0}
.byline{font:15px/1.5 system-ui,sans-serif;color:#555;margin-bottom:32px}
.notice{font:14px/1.5 system-ui,sans-serif;color:#444;border-top:1px solid #d8d2c4;padding-top:16px;margin-top:40px}
.embed{font:14px/1.5 system-ui,sans-serif;background:#fff;border:1px solid #d8d2c4;border-radius:8px;padding:16px;margin-top:40px}
.embed code{display:block;white-space:pre-wrap;word-break:break-all;background:#f6f6f6;padding:10px;border-radius:6px;font-size:13px}`;

/** `GET /`: a publisher's article page embedding the widget exactly as a customer would, with one script tag. */
export function createDemoPageRoute(services: Services) {
  const route = new Hono<AppEnv>();
  route.get('/', (c) => {
    const document = services.index.corpus.documents[0]!;
    const origin = new URL(c.req.url).origin;
    const paragraphs = document.text
      .split('\n')
      .map((paragraph) => paragraph.trim())
      .filter((paragraph) => paragraph && !(document.disclaimer && paragraph.includes(document.disclaimer)));
    const snippet = `<script src="${origin}/widget.js" defer data-title="Ask the commentary" data-article="#commentary"></script>`;
    return htmlPage({
      title: `${document.title} — demo`,
      css,
      head: `<script src="/widget.js" defer data-title="Ask the commentary" data-article="#commentary"></script>`,
      body: `<div class="site">${escapeHtml(document.publisher ?? 'Publisher')}</div>
<main>
<p class="kicker">Commentary</p>
<h1>${escapeHtml(document.title)}</h1>
<p class="byline">${escapeHtml([document.author, document.authorRole].filter(Boolean).join(', '))}</p>
<article id="commentary">${paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join('\n')}</article>
${document.disclaimer ? `<p class="notice">${escapeHtml(document.disclaimer)}</p>` : ''}
<div class="embed"><p><strong>Embed this assistant on your site</strong> with one tag:</p><code>${escapeHtml(snippet)}</code></div>
</main>`,
    });
  });
  return route;
}
