import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWidgetScript } from '../../src/widget/build-widget-script.ts';
import { launchChromium } from './support/browser.ts';

// What a misbehaving model or a poisoned document could put in an answer.
const hostileText = 'Fine answer <img src=x onerror="window.__pwned=1"> and <script>window.__pwned=2</script> [1].';
const hostileCitation = {
  n: 1,
  docId: '"><svg onload="window.__pwned=3">',
  chunkId: 'c',
  quote: '<b onmouseover="window.__pwned=4">bold?</b> & more',
  start: 3,
  end: 40,
};
const sse = [
  { type: 'start' },
  { type: 'text-start', id: 't' },
  { type: 'text-delta', id: 't', delta: hostileText.slice(0, 20) },
  { type: 'text-delta', id: 't', delta: hostileText.slice(20) },
  { type: 'text-end', id: 't' },
  { type: 'data-citation', data: hostileCitation },
  { type: 'data-outcome', data: { outcome: 'answered', engine: 'llm' } },
  { type: 'finish' },
]
  .map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`)
  .join('');

describe('answer rendering in a real browser', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const bundle = await buildWidgetScript({ entry: '../../test/widget/support/render-entry.ts', globalName: 'WidgetInternals', minify: false });
    browser = await launchChromium();
    page = await browser.newPage();
    await page.setContent('<!doctype html><html><body><main id="out"></main></body></html>');
    await page.addScriptTag({ content: bundle });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('renders model and corpus text literally: markup in an answer or a quote never becomes elements', async () => {
    const result = await page.evaluate(async ({ sse }) => {
      const internals = (window as unknown as { WidgetInternals: typeof import('./support/render-entry.ts') }).WidgetInternals;
      const message = { role: 'assistant' as const, id: 'm', question: 'q', text: '', citations: [], outcome: undefined, disclaimer: undefined, status: 'streaming' as const };
      const body = new Response(sse).body!;
      for await (const chunk of internals.readUiMessageChunks(body)) internals.applyChunk(message, chunk);
      const out = document.getElementById('out')!;
      out.appendChild(internals.renderAnswerBody(message, { endpoint: 'http://bot.test', title: 't', greeting: 'g', accent: undefined, position: 'bottom-right', openOnLoad: false, starters: [], articleSelector: undefined, articleUrl: undefined }));
      const chip = out.querySelector<HTMLButtonElement>('button.chip')!;
      chip.click();
      await new Promise((resolve) => setTimeout(resolve, 50));
      return {
        answerText: out.querySelector('.answer-text')!.textContent,
        quoteText: out.querySelector('blockquote')!.textContent,
        href: out.querySelector('a')!.getAttribute('href'),
        injected: out.querySelectorAll('img, script, b, [onload], [onerror], [onmouseover]').length,
        pwned: (window as unknown as { __pwned?: number }).__pwned ?? 0,
        chipLabel: chip.getAttribute('aria-label'),
      };
    }, { sse });
    expect(result.answerText).toBe(hostileText.replace(' [1]', ' 1'));
    expect(result.quoteText).toBe(hostileCitation.quote);
    expect(result.href).toBe(`http://bot.test/source/${encodeURIComponent(hostileCitation.docId)}?start=3&end=40#cited`);
    expect(result.injected).toBe(0);
    expect(result.chipLabel).toBe('Source 1: show the quote');
    await page.waitForTimeout(100);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned ?? 0)).toBe(0);
  });
});
