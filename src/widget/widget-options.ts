export interface WidgetOptions {
  /** Origin (and optional path prefix) of the bot, without a trailing slash. */
  endpoint: string;
  title: string;
  greeting: string;
  accent: string | undefined;
  position: 'bottom-right' | 'bottom-left';
  openOnLoad: boolean;
  starters: string[];
  /** CSS selector of the element on the host page that shows the commentary, for in-page highlights. */
  articleSelector: string | undefined;
  /** URL of a page showing the commentary, for text-fragment links (`#:~:text=`). */
  articleUrl: string | undefined;
}

const defaultStarters = [
  'What agreements did Kazakhstan sign in Kabul?',
  'Why does Kazakhstan want a transit corridor?',
  'What happened in the mineral sector?',
];

/** Reads the `data-*` attributes of the embedding script tag; anything missing gets a sensible default. */
export function readWidgetOptions(script: HTMLScriptElement | null, pageUrl: string): WidgetOptions {
  const data = script?.dataset ?? {};
  const scriptOrigin = script?.src ? new URL(script.src, pageUrl).origin : new URL(pageUrl).origin;
  const endpoint = (data.endpoint ? new URL(data.endpoint, pageUrl).href : scriptOrigin).replace(/\/+$/, '');
  const starters = data.starters === undefined ? defaultStarters : data.starters.split('|').map((item) => item.trim()).filter(Boolean);
  return {
    endpoint,
    title: data.title?.trim() || 'Ask the commentary',
    greeting: data.greeting?.trim() || 'Ask a question about the commentary. Every answer quotes the text it comes from.',
    accent: data.accent?.trim() || undefined,
    position: data.position === 'bottom-left' ? 'bottom-left' : 'bottom-right',
    openOnLoad: data.open === '' || data.open === 'true' || data.open === '1',
    starters: starters.slice(0, 5),
    articleSelector: data.article?.trim() || undefined,
    articleUrl: data.articleUrl ? new URL(data.articleUrl, pageUrl).href : undefined,
  };
}
