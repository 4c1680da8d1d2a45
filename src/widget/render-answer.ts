import type { AssistantMessage, WidgetCitation } from './chat-message.ts';
import { element, icon, icons } from './dom.ts';
import { highlightInPage, textFragmentUrl } from './highlight-in-page.ts';
import { splitCitationMarkers } from './split-citation-markers.ts';
import type { WidgetOptions } from './widget-options.ts';

/** Link to the bot's source view with the cited range highlighted. */
export function sourceUrl(endpoint: string, citation: WidgetCitation): string {
  return `${endpoint}/source/${encodeURIComponent(citation.docId)}?start=${citation.start}&end=${citation.end}#cited`;
}

function quoteCard(citation: WidgetCitation, id: string, options: WidgetOptions): HTMLElement {
  const actions: Array<HTMLElement | string> = [
    element('a', { href: sourceUrl(options.endpoint, citation), target: '_blank', rel: 'noopener', class: 'source-link' }, [
      'Open the passage in the source',
      icon(icons.external),
      element('span', { class: 'visually-hidden' }, [' (opens in a new tab)']),
    ]),
  ];
  if (options.articleSelector && document.querySelector(options.articleSelector)) {
    const button = element('button', { type: 'button', class: 'text-button' }, ['Show in this page']);
    button.addEventListener('click', () => {
      button.textContent = highlightInPage(options.articleSelector!, citation.quote) ? 'Shown in this page' : 'Not found in this page';
    });
    actions.push(button);
  } else if (options.articleUrl) {
    actions.push(element('a', { href: textFragmentUrl(options.articleUrl, citation.quote), class: 'source-link' }, ['Show in the article']));
  }
  return element('figure', { class: 'quote', id, 'data-doc-id': citation.docId, 'data-start': String(citation.start), 'data-end': String(citation.end) }, [
    element('figcaption', {}, [`Source [${citation.n}] quotes:`]),
    element('blockquote', {}, [citation.quote]),
    element('div', { class: 'quote-actions' }, actions),
  ]);
}

/**
 * Renders an answer's text with each known `[n]` as a chip. Activating a chip shows its exact quote
 * with a link to the highlighted source. All text goes in as text nodes, never as HTML.
 */
export function renderAnswerBody(message: AssistantMessage, options: WidgetOptions): HTMLElement {
  const byNumber = new Map(message.citations.map((citation) => [citation.n, citation]));
  const paragraph = element('p', { class: 'answer-text' });
  const quotes = element('div', { class: 'quotes' });
  const chips: HTMLButtonElement[] = [];
  for (const segment of splitCitationMarkers(message.text, (n) => byNumber.has(n))) {
    if (segment.type === 'text') {
      paragraph.appendChild(document.createTextNode(segment.text));
      continue;
    }
    const citation = byNumber.get(segment.n)!;
    const quoteId = `quote-${message.id}-${segment.n}`;
    const chip = element('button', { type: 'button', class: 'chip', 'aria-expanded': 'false', 'aria-controls': quoteId, 'aria-label': `Source ${segment.n}: show the quote` }, [String(segment.n)]);
    chip.addEventListener('click', () => {
      const wasOpen = chip.getAttribute('aria-expanded') === 'true';
      for (const other of chips) other.setAttribute('aria-expanded', 'false');
      quotes.replaceChildren();
      if (!wasOpen) {
        chip.setAttribute('aria-expanded', 'true');
        const card = quoteCard(citation, quoteId, options);
        quotes.appendChild(card);
        card.scrollIntoView({ block: 'nearest' });
      }
    });
    chips.push(chip);
    paragraph.appendChild(chip);
  }
  return element('div', { class: 'answer-body' }, [paragraph, quotes]);
}

/** The answer as plain text with its sources, for the clipboard. */
export function answerAsPlainText(message: AssistantMessage, endpoint: string): string {
  const sources = message.citations.map((citation) => `[${citation.n}] “${citation.quote}” ${sourceUrl(endpoint, citation)}`);
  return sources.length ? `${message.text}\n\nSources:\n${sources.join('\n')}` : message.text;
}
