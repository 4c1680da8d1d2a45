import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import type { Services } from '../../src/http/app-env.ts';
import { createTestServices } from '../support/test-services.ts';

describe('widget script, demo page and source page', () => {
  let services: Services;
  let app: ReturnType<typeof createApp>;
  let text: string;

  beforeAll(async () => {
    services = await createTestServices();
    app = createApp(services);
    text = services.index.corpus.documents[0]!.text;
  });
  afterAll(async () => {
    await services.feedback.close();
  });

  it('serves /widget.js as one small script any site may load, revalidated by ETag', async () => {
    const response = await app.request('/widget.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(response.headers.get('cache-control')).toContain('max-age=');
    const code = await response.text();
    expect(code).not.toMatch(/\bimport\s*\(|\brequire\(|^import /m);
    expect(code).not.toMatch(/\beval\(|new Function\(|innerHTML|insertAdjacentHTML/);
    expect(gzipSync(code).length).toBeLessThan(20 * 1024);

    const again = await app.request('/widget.js', { headers: { 'if-none-match': response.headers.get('etag')! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('serves a demo page at / that embeds the widget with one script tag and shows the article', async () => {
    const response = await app.request('http://bot.example/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    const html = await response.text();
    expect(html.match(/<script\b[^>]*>/g)).toEqual(['<script src="/widget.js" defer data-title="Ask the commentary" data-article="#commentary">']);
    expect(html).toContain('<article id="commentary">');
    expect(html).toContain('&lt;script src=&quot;http://bot.example/widget.js&quot;');
  });

  it('shows a document with the cited range marked, the text HTML-escaped', async () => {
    const start = text.indexOf('twenty agreements');
    const end = start + 'twenty agreements worth $140 million'.length;
    const response = await app.request(`/source/commentary?start=${start}&end=${end}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(`<mark id="cited">${text.slice(start, end)}</mark>`);
    expect(html).toContain('does not take institutional positions');
    const plain = html.slice(html.indexOf('<div class="text">') + '<div class="text">'.length, html.indexOf('</div>', html.indexOf('<div class="text">')));
    const unescaped = plain.replace(/<\/?mark[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
    expect(unescaped).toBe(text);
  });

  it.each([
    ['?start=abc&end=10', 400, 'start'],
    ['?start=10', 400, 'end'],
    ['?start=20&end=10', 400, 'start'],
    [`?start=0&end=999999`, 400, 'end'],
  ])('refuses /source/commentary%s with %i naming %s', async (query, status, field) => {
    const response = await app.request(`/source/commentary${query}`);
    expect(response.status).toBe(status);
    expect((await response.json()).error.field).toBe(field);
  });

  it('answers 404 JSON for an unknown document', async () => {
    const response = await app.request('/source/%3Cscript%3E');
    expect(response.status).toBe(404);
    expect((await response.json()).error.code).toBe('not_found');
  });
});
