type Attributes = Record<string, string | boolean | undefined>;
type Child = Node | string | undefined | false;

/**
 * Creates an element. Strings become text nodes: nothing here ever parses HTML, so model and corpus
 * text cannot inject markup. `on*` handler attributes are refused outright.
 */
export function element<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, children: Child[] = []): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false || name.startsWith('on')) continue;
    node.setAttribute(name, value === true ? '' : value);
  }
  append(node, children);
  return node;
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

const svgNamespace = 'http://www.w3.org/2000/svg';

/** A decorative 24×24 stroke icon from path data. */
export function icon(paths: string[]): SVGSVGElement {
  const svg = document.createElementNS(svgNamespace, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  for (const data of paths) {
    const path = document.createElementNS(svgNamespace, 'path');
    path.setAttribute('d', data);
    svg.appendChild(path);
  }
  return svg;
}

export const icons = {
  chat: ['M21 12a8 8 0 0 1-11.6 7.1L4 20.5l1.4-4.9A8 8 0 1 1 21 12z'],
  close: ['M6 6l12 12', 'M18 6L6 18'],
  send: ['M4 12l16-8-6 16-2.5-6.5z', 'M11.5 13.5L20 4'],
  refresh: ['M20 11a8 8 0 1 0-2.3 5.7', 'M20 4v7h-7'],
  copy: ['M9 9h11v11H9z', 'M5 15H4V4h11v1'],
  up: ['M7 11v9H4v-9z', 'M7 11l4-7c1.5 0 2.5 1 2.5 2.5V10h5.2a2 2 0 0 1 2 2.3l-1.2 6A2 2 0 0 1 17.5 20H7'],
  down: ['M7 13V4H4v9z', 'M7 13l4 7c1.5 0 2.5-1 2.5-2.5V14h5.2a2 2 0 0 0 2-2.3l-1.2-6A2 2 0 0 0 17.5 4H7'],
  external: ['M14 4h6v6', 'M20 4l-9 9', 'M18 14v6H4V6h6'],
};
