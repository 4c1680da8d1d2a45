const highlightName = 'commentary-chat-quote';
let highlightSheetAdded = false;

/** Maps a whitespace-collapsed copy of the container's text back to the text nodes it came from. */
function collapsedText(container: Element) {
  const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
  const positions: Array<{ node: Text; offset: number }> = [];
  let text = '';
  let lastWasSpace = true;
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    const value = node.data;
    for (let offset = 0; offset < value.length; offset++) {
      const isSpace = /\s/.test(value[offset]!);
      if (isSpace && lastWasSpace) continue;
      text += isSpace ? ' ' : value[offset];
      positions.push({ node, offset });
      lastWasSpace = isSpace;
    }
  }
  return { text, positions };
}

/** Finds the quote in the host page's article, whatever its whitespace, as a DOM Range. */
export function findQuoteInPage(container: Element, quote: string): Range | undefined {
  const { text, positions } = collapsedText(container);
  const needle = quote.replace(/\s+/g, ' ').trim();
  if (!needle) return undefined;
  const index = text.indexOf(needle);
  if (index < 0) return undefined;
  const first = positions[index]!;
  const last = positions[index + needle.length - 1]!;
  const range = document.createRange();
  range.setStart(first.node, first.offset);
  range.setEnd(last.node, last.offset + 1);
  return range;
}

/**
 * Highlights the quote in the host page and scrolls to it. Uses the CSS Custom Highlight API
 * (no change to the page's DOM); falls back to selecting the text. Returns false when not found.
 */
export function highlightInPage(selector: string, quote: string): boolean {
  const container = document.querySelector(selector);
  if (!container) return false;
  const range = findQuoteInPage(container, quote);
  if (!range) return false;
  const highlights = (CSS as unknown as { highlights?: Map<string, unknown> }).highlights;
  const HighlightConstructor = (globalThis as unknown as { Highlight?: new (range: Range) => unknown }).Highlight;
  if (highlights && HighlightConstructor) {
    if (!highlightSheetAdded) {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(`::highlight(${highlightName}){background-color:#ffe066;color:#111}`);
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
      highlightSheetAdded = true;
    }
    highlights.set(highlightName, new HighlightConstructor(range));
  } else {
    const selection = getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
  }
  (range.startContainer.parentElement ?? container).scrollIntoView({ block: 'center', behavior: 'smooth' });
  return true;
}

/** A text-fragment link (`#:~:text=start,end`) that makes the browser scroll to and mark the quote. */
export function textFragmentUrl(pageUrl: string, quote: string): string {
  const words = quote.replace(/\s+/g, ' ').trim().split(' ');
  const encode = (part: string) => encodeURIComponent(part).replace(/-/g, '%2D');
  const directive =
    words.length <= 8 ? encode(words.join(' ')) : `${encode(words.slice(0, 4).join(' '))},${encode(words.slice(-4).join(' '))}`;
  return `${pageUrl.split('#')[0]}#:~:text=${directive}`;
}
