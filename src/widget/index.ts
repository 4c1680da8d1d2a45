import { createWidget, type WidgetApi } from './create-widget.ts';
import { readWidgetOptions } from './widget-options.ts';

declare global {
  interface Window {
    CommentaryChat?: WidgetApi;
  }
}

// Read the script tag now: `document.currentScript` is only set while this script first runs.
const script = (document.currentScript as HTMLScriptElement | null) ?? document.querySelector<HTMLScriptElement>('script[src*="widget.js"]');

function start() {
  if (window.CommentaryChat) return;
  window.CommentaryChat = createWidget(readWidgetOptions(script, location.href));
  document.dispatchEvent(new CustomEvent('commentary-chat:ready'));
}

if (document.body) start();
else document.addEventListener('DOMContentLoaded', start, { once: true });
