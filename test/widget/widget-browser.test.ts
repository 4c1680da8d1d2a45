import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import type { Services } from '../../src/http/app-env.ts';
import { serveApp, type ServedApp } from '../support/serve-app.ts';
import { createTestServices, projectRoot } from '../support/test-services.ts';
import { launchChromium, startHostSite, type HostSite } from './support/browser.ts';

const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

// Styles a careless or hostile host page might ship: they must not reach into the widget.
const hostileCss = `
* { font-family: "Comic Sans MS", cursive !important; color: #f0f !important; letter-spacing: 3px !important; line-height: 3 !important; box-sizing: content-box !important; }
body { background: #ffeb3b !important; }
div, section, form, p, article { display: inline !important; padding: 40px !important; }
button { visibility: hidden !important; width: 3px !important; }
textarea { display: none !important; }
commentary-chat { display: none !important; opacity: 0 !important; transform: scale(0) !important; }
`;

const question = 'How much were the agreements Kazakhstan signed worth?';

describe('chat widget in a real browser, embedded on another origin', () => {
  let services: Services;
  let bot: ServedApp;
  let host: HostSite;
  let stranger: HostSite;
  let browser: Browser;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'widget-browser-'));
    let botOrigin = '';
    host = await startHostSite((request, response) => {
      if (request.url === '/hostile.css') {
        response.writeHead(200, { 'content-type': 'text/css' }).end(hostileCss);
        return;
      }
      const endpoint = request.url === '/dead' ? ' data-endpoint="http://127.0.0.1:9"' : '';
      response
        .writeHead(200, {
          'content-type': 'text/html; charset=utf-8',
          // Strict: no inline script or style, no eval, network only to the bot.
          'content-security-policy': `default-src 'none'; script-src ${botOrigin}/widget.js; style-src 'self'; connect-src ${botOrigin}; img-src 'self'; base-uri 'none'`,
        })
        .end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Customer site</title>
<link rel="stylesheet" href="/hostile.css"></head><body>
<h1>Our newsroom</h1>
<article id="story"><p>Kazakhstan and Afghanistan: a commentary.</p>
<p>The author contends that Kazakhstan’s signing of <em>twenty agreements</em> worth $140 million with the
  Taliban-led administration is not merely transactional but reflects a deliberate strategic shift in Central Asia’s approach to Afghanistan.</p></article>
<script src="${botOrigin}/widget.js" data-title="Ask the commentary" data-article="#story" data-accent="#0f766e"${endpoint}></script>
</body></html>`);
    });
    stranger = await startHostSite((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Not a customer</title><p>elsewhere</p>');
    });
    services = await createTestServices({ WIDGET_ORIGINS: host.origin, DATA_DIR: dataDir, RATE_LIMIT_MAX: '1000' });
    bot = await serveApp(createApp(services));
    botOrigin = bot.origin;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await bot?.close();
    await host?.close();
    await stranger?.close();
    await services?.feedback.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const shadowActiveElement = (page: Page) =>
    page.evaluate(() => {
      const active = document.querySelector('commentary-chat')?.shadowRoot?.activeElement;
      return active ? (active.id || active.getAttribute('aria-label') || active.className) : null;
    });

  it('answers a question with exact citations, keeps the conversation over a reload, takes feedback and passes an accessibility scan', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.origin });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(host.origin);

    const launcher = page.getByRole('button', { name: 'Open chat: Ask the commentary' });
    await launcher.click();
    const dialog = page.getByRole('dialog', { name: 'Ask the commentary' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await shadowActiveElement(page)).toBe('question');

    // The host page's CSS did not get in: real sizes, the widget's own font and colours.
    const panelBox = await dialog.boundingBox();
    expect(panelBox!.width).toBeGreaterThan(350);
    const panelStyle = await dialog.evaluate((element) => {
      const style = getComputedStyle(element);
      return { font: style.fontFamily, color: style.color, background: style.backgroundColor };
    });
    expect(panelStyle.font).not.toContain('Comic Sans');
    expect(panelStyle.color).toBe('rgb(31, 41, 55)');
    expect(panelStyle.background).toBe('rgb(255, 255, 255)');

    // The disclaimer is in view before any answer.
    await expect.poll(() => dialog.locator('.disclaimer').textContent()).toContain('does not take institutional positions');

    await page.getByRole('textbox', { name: 'Your question' }).fill(question);
    await page.keyboard.press('Enter');
    const answer = dialog.locator('article.bubble.assistant[aria-busy="false"]').last();
    await answer.locator('.actions').waitFor({ timeout: 20_000 });
    expect(await answer.getAttribute('data-outcome')).toBe('answered');
    expect(await answer.locator('.answer-text').textContent()).toContain('$140 million');

    // Each [n] is a chip; activating it shows the exact quote and a link to the highlighted source.
    const chip = answer.getByRole('button', { name: 'Source 1: show the quote' });
    await chip.click();
    expect(await chip.getAttribute('aria-expanded')).toBe('true');
    const quote = answer.locator('figure.quote');
    const cited = {
      docId: (await quote.getAttribute('data-doc-id'))!,
      start: Number(await quote.getAttribute('data-start')),
      end: Number(await quote.getAttribute('data-end')),
      quote: (await quote.locator('blockquote').textContent())!,
    };
    const source = (await (await fetch(`${bot.origin}/api/sources/${cited.docId}`)).json()) as { text: string };
    expect(cited.quote.length).toBeGreaterThan(20);
    expect(source.text.slice(cited.start, cited.end)).toBe(cited.quote);
    const sourceHref = await quote.getByRole('link', { name: /Open the passage in the source/ }).getAttribute('href');
    expect(sourceHref).toBe(`${bot.origin}/source/${cited.docId}?start=${cited.start}&end=${cited.end}#cited`);
    const sourcePage = await context.newPage();
    await sourcePage.goto(sourceHref!);
    expect(await sourcePage.locator('mark#cited').textContent()).toBe(cited.quote);
    await sourcePage.close();

    // The host page shows the commentary too: the quote is highlighted there.
    await quote.getByRole('button', { name: 'Show in this page' }).click();
    expect(await quote.getByRole('button', { name: 'Shown in this page' }).count()).toBe(1);
    expect(await page.evaluate(() => (CSS as unknown as { highlights: Map<string, unknown> }).highlights.has('commentary-chat-quote'))).toBe(true);

    const axeResults = await scanWithAxe(page);
    expect(axeResults).toEqual([]);
    await mkdir(join(projectRoot, 'test-results'), { recursive: true });
    await page.screenshot({ path: join(projectRoot, 'test-results', 'widget-open.png') });

    // Copy puts the answer and its sources on the clipboard.
    await answer.getByRole('button', { name: 'Copy answer' }).click();
    await expect.poll(() => answer.locator('.feedback-status').textContent()).toBe('Answer copied.');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain('$140 million');
    expect(copied).toContain(`[1] “${cited.quote}” ${sourceHref}`);

    // Thumbs down with a comment reaches the server's durable store.
    await answer.getByRole('button', { name: 'Unhelpful answer' }).click();
    await answer.getByRole('textbox', { name: /What was wrong/ }).fill('Please also say who signed them.');
    await answer.getByRole('button', { name: 'Send feedback' }).click();
    await expect.poll(() => answer.locator('.feedback-status').textContent()).toBe('Thanks for your feedback.');
    const stored = (await services.feedback.listFeedback()).at(-1)!;
    expect(stored).toMatchObject({ question, verdict: 'down', comment: 'Please also say who signed them.', outcome: 'answered' });
    expect(stored.citations[0]).toMatchObject({ docId: cited.docId, start: cited.start, end: cited.end, quote: cited.quote });

    // Reload: the conversation (and the open panel) come back from sessionStorage.
    await page.reload();
    await expect.poll(() => page.getByRole('dialog', { name: 'Ask the commentary' }).isVisible()).toBe(true);
    const restored = page.getByRole('dialog').locator('.bubble');
    expect(await restored.count()).toBe(2);
    expect(await restored.first().textContent()).toContain(question);
    expect(await restored.last().locator('.answer-text').textContent()).toContain('$140 million');
    expect(await restored.last().getByRole('button', { name: 'Unhelpful answer' }).getAttribute('aria-pressed')).toBe('true');

    // Keyboard: Escape closes and focus goes back to the launcher.
    await page.getByRole('textbox', { name: 'Your question' }).focus();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    expect(await shadowActiveElement(page)).toBe('Open chat: Ask the commentary');

    // "New conversation" clears it, and the starter questions come back.
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'New conversation' }).click();
    expect(await page.getByRole('dialog').locator('.bubble.user').count()).toBe(0);
    const starter = page.getByRole('group', { name: 'Try asking' }).getByRole('button').first();
    const starterQuestion = (await starter.textContent())!;
    await starter.click();
    await page.getByRole('dialog').locator('article.bubble.assistant .actions').waitFor({ timeout: 20_000 });
    expect(await page.getByRole('dialog').locator('.bubble.user').textContent()).toContain(starterQuestion);

    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows a clear retry message when the assistant cannot be reached', async () => {
    const page = await browser.newPage();
    await page.goto(`${host.origin}/dead`);
    await page.evaluate(() => window.CommentaryChat!.ask('Who wrote the commentary?'));
    const alert = page.getByRole('dialog').getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('cannot be reached');
    expect(await alert.getByRole('button', { name: 'Try again' }).count()).toBe(1);
    await page.close();
  });

  it('refuses a browser on an origin that is not in WIDGET_ORIGINS', async () => {
    const page = await browser.newPage();
    await page.goto(stranger.origin);
    const outcome = await page.evaluate(async (endpoint) => {
      try {
        const response = await fetch(`${endpoint}/api/chat`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ messages: [{ id: 'a', role: 'user', parts: [{ type: 'text', text: 'Who wrote it?' }] }] }),
        });
        return `read ${response.status}`;
      } catch (error) {
        return `refused: ${(error as Error).name}`;
      }
    }, bot.origin);
    expect(outcome).toBe('refused: TypeError');
    await page.close();
  });

  it('renders a full-screen panel on a phone-sized screen', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 700 } });
    const page = await context.newPage();
    await page.goto(host.origin);
    await page.getByRole('button', { name: 'Open chat: Ask the commentary' }).click();
    const box = await page.getByRole('dialog').boundingBox();
    expect(box).toMatchObject({ x: 0, y: 0, width: 375, height: 700 });
    await context.close();
  });
});

/** Runs axe-core on the open widget only (the host page's hostile styles are not ours to fix). */
async function scanWithAxe(page: Page) {
  await page.evaluate(axeSource);
  const results = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: unknown }> }> }> } }).axe;
    return axe.run({ include: [['commentary-chat']] }, { resultTypes: ['violations'] });
  });
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${JSON.stringify(violation.nodes.map((node) => node.target))}`);
}
