import { ChatError, streamChat, type HistoryTurn } from './chat-client.ts';
import { applyChunk, type AssistantMessage, type ChatMessage } from './chat-message.ts';
import { createConversationStorage } from './conversation-storage.ts';
import { element, icon, icons } from './dom.ts';
import { feedbackControls } from './feedback-controls.ts';
import { answerAsPlainText, renderAnswerBody } from './render-answer.ts';
import type { WidgetOptions } from './widget-options.ts';

declare const WIDGET_CSS: string;

export interface WidgetApi {
  open(): void;
  close(): void;
  ask(question: string): void;
  newConversation(): void;
}

const maxHistoryTurns = 10;
let idCounter = 0;
const newId = () => `m${Date.now().toString(36)}${(idCounter++).toString(36)}`;

function failureText(error: unknown): string {
  if (error instanceof ChatError) {
    if (error.kind === 'offline') return 'The assistant cannot be reached right now. Check your connection, then try again.';
    if (error.kind === 'rate_limited') {
      return `Too many questions in a short time. Please wait ${error.retryAfterSeconds ? `${error.retryAfterSeconds} seconds` : 'a moment'}, then try again.`;
    }
    if (error.kind === 'rejected') return `The question was not accepted: ${error.message}`;
  }
  return 'Something went wrong while answering. Please try again.';
}

/** Picks black or white text for the accent colour, whichever reads better. */
function textColourFor(rgb: string): string {
  const [red = 0, green = 0, blue = 0] = (rgb.match(/[\d.]+/g) ?? []).map(Number).map((value) => {
    const channel = value / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  const luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue;
  return (luminance + 0.05) / 0.05 > 1.05 / (luminance + 0.05) ? '#111111' : '#ffffff';
}

/** Mounts the launcher and chat panel in an open shadow root on `document.body`. */
export function createWidget(options: WidgetOptions): WidgetApi {
  const host = document.createElement('commentary-chat');
  host.setAttribute('data-position', options.position);
  const root = host.attachShadow({ mode: 'open' });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(WIDGET_CSS);
  root.adoptedStyleSheets = [sheet];

  const storage = createConversationStorage(options.endpoint);
  const saved = storage.load();
  let messages: ChatMessage[] = saved?.messages ?? [];
  let isOpen = false;
  let controller: AbortController | undefined;
  let disclaimerRequested = false;

  const launcher = element('button', { type: 'button', class: 'launcher', 'aria-haspopup': 'dialog', 'aria-expanded': 'false', 'aria-controls': 'panel', 'aria-label': `Open chat: ${options.title}` }, [icon(icons.chat)]);
  const newButton = element('button', { type: 'button', class: 'icon-button', 'aria-label': 'New conversation', title: 'New conversation' }, [icon(icons.refresh)]);
  const closeButton = element('button', { type: 'button', class: 'icon-button', 'aria-label': 'Close chat', title: 'Close' }, [icon(icons.close)]);
  const disclaimer = element('p', { class: 'disclaimer', id: 'disclaimer' }, ['Answers come only from the published text, with quotes.']);
  const log = element('div', { class: 'messages', role: 'region', 'aria-label': 'Conversation', tabindex: '0' });
  const live = element('div', { class: 'visually-hidden', 'aria-live': 'polite', 'aria-atomic': 'true' });
  const input = element('textarea', { id: 'question', rows: '1', maxlength: '2000', placeholder: 'Ask about the commentary…', autocomplete: 'off' });
  const sendButton = element('button', { type: 'submit', class: 'send', 'aria-label': 'Send question' }, [icon(icons.send)]);
  const form = element('form', { class: 'composer' }, [element('label', { for: 'question', class: 'visually-hidden' }, ['Your question']), input, sendButton]);
  const panel = element('section', { class: 'panel', id: 'panel', role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': 'title', 'aria-describedby': 'disclaimer', hidden: true }, [
    element('header', {}, [
      element('div', { class: 'heading' }, [element('h2', { id: 'title' }, [options.title]), element('p', { class: 'subtitle' }, ['Every answer quotes its source'])]),
      newButton,
      closeButton,
    ]),
    disclaimer,
    log,
    form,
    live,
  ]);
  root.append(launcher, panel);

  const announce = (text: string) => {
    live.textContent = '';
    // A fresh text node after clearing makes screen readers announce repeated messages too.
    setTimeout(() => (live.textContent = text), 50);
  };
  const persist = () => storage.save({ messages, open: isOpen });
  const busy = () => controller !== undefined;

  async function loadDisclaimer() {
    if (disclaimerRequested) return;
    disclaimerRequested = true;
    try {
      const list = (await (await fetch(`${options.endpoint}/api/sources`, { credentials: 'omit' })).json()) as { documents?: Array<{ docId: string }> };
      const docId = list.documents?.[0]?.docId;
      if (!docId) return;
      const document = (await (await fetch(`${options.endpoint}/api/sources/${encodeURIComponent(docId)}`, { credentials: 'omit' })).json()) as { disclaimer?: string };
      if (document.disclaimer) disclaimer.textContent = document.disclaimer;
    } catch {
      disclaimerRequested = false;
    }
  }

  function renderEmpty(): HTMLElement {
    const starters = options.starters.map((starter) => {
      const button = element('button', { type: 'button', class: 'starter' }, [starter]);
      button.addEventListener('click', () => ask(starter));
      return button;
    });
    return element('div', { class: 'welcome' }, [
      element('p', { class: 'bubble assistant' }, [options.greeting]),
      starters.length > 0 && element('p', { class: 'starters-label', id: 'starters-label' }, ['Try asking']),
      starters.length > 0 && element('div', { class: 'starters', role: 'group', 'aria-labelledby': 'starters-label' }, starters),
    ]);
  }

  function renderAssistant(message: AssistantMessage): HTMLElement {
    const notFound = message.outcome === 'not_found';
    const article = element('article', { class: `bubble assistant${notFound ? ' not-found' : ''}`, 'data-message-id': message.id, 'data-outcome': message.outcome, 'aria-busy': String(message.status === 'streaming') }, [
      notFound && element('p', { class: 'badge' }, ['Not in the text']),
      message.text ? renderAnswerBody(message, options) : message.status === 'streaming' && element('p', { class: 'typing' }, [element('span', { class: 'visually-hidden' }, ['Answering…'])]),
    ]);
    if (message.status === 'error') {
      const retry = element('button', { type: 'button', class: 'text-button' }, ['Try again']);
      retry.addEventListener('click', () => {
        messages = messages.filter((candidate) => candidate !== message);
        const lastUser = messages[messages.length - 1];
        if (lastUser?.role === 'user' && lastUser.text === message.question) messages.pop();
        ask(message.question);
      });
      article.appendChild(element('div', { class: 'error', role: 'alert' }, [element('p', {}, [message.errorText ?? 'Something went wrong.']), retry]));
    }
    if (message.status === 'done' && message.text) {
      const copy = element('button', { type: 'button', class: 'icon-button small', 'aria-label': 'Copy answer', title: 'Copy answer' }, [icon(icons.copy)]);
      const feedback = feedbackControls({ endpoint: options.endpoint, message, onRecorded: persist, announce });
      copy.addEventListener('click', async () => {
        try {
          await navigator.clipboard.writeText(answerAsPlainText(message, options.endpoint));
          feedback.status.textContent = 'Answer copied.';
        } catch {
          feedback.status.textContent = 'Copying is blocked here; select the text to copy it.';
        }
      });
      article.append(element('div', { class: 'actions' }, [copy, ...feedback.thumbs, feedback.status]), feedback.formSlot);
    }
    return article;
  }

  function renderMessage(message: ChatMessage): HTMLElement {
    if (message.role === 'user') return element('p', { class: 'bubble user', 'data-message-id': message.id }, [element('span', { class: 'visually-hidden' }, ['You asked: ']), message.text]);
    return renderAssistant(message);
  }

  function scrollToEnd() {
    log.scrollTop = log.scrollHeight;
  }

  function renderAll() {
    log.replaceChildren(...(messages.length ? messages.map(renderMessage) : [renderEmpty()]));
    scrollToEnd();
  }

  let frame = 0;
  function update(message: AssistantMessage) {
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      const current = log.querySelector(`[data-message-id="${message.id}"]`);
      const nearEnd = log.scrollHeight - log.scrollTop - log.clientHeight < 80;
      if (current) current.replaceWith(renderAssistant(message));
      if (nearEnd) scrollToEnd();
    });
  }

  function history(): HistoryTurn[] {
    const turns: HistoryTurn[] = [];
    for (const message of messages) {
      if (message.role === 'user') turns.push({ role: 'user', content: message.text });
      else if (message.status === 'done') turns.push({ role: 'assistant', content: message.text });
    }
    // The server expects turns in pairs; drop a question whose answer failed.
    return turns.filter((turn, index) => turn.role === 'assistant' || turns[index + 1]?.role === 'assistant').slice(-maxHistoryTurns);
  }

  async function ask(rawQuestion: string) {
    const question = rawQuestion.trim();
    if (!question || busy()) return;
    if (!isOpen) open(false);
    const earlier = history();
    const assistant: AssistantMessage = { role: 'assistant', id: newId(), question, text: '', citations: [], outcome: undefined, disclaimer: undefined, status: 'streaming' };
    messages.push({ role: 'user', id: newId(), text: question }, assistant);
    renderAll();
    persist();
    announce('Answering…');
    const active = new AbortController();
    controller = active;
    sendButton.setAttribute('aria-disabled', 'true');
    try {
      for await (const chunk of streamChat({ endpoint: options.endpoint, question, history: earlier, signal: active.signal })) {
        applyChunk(assistant, chunk);
        if (assistant.disclaimer) disclaimer.textContent = assistant.disclaimer;
        update(assistant);
      }
      if (assistant.status === 'streaming') {
        assistant.status = assistant.text ? 'done' : 'error';
        if (!assistant.text) assistant.errorText = 'The answer came back empty. Please try again.';
      }
    } catch (error) {
      if ((error as Error).name === 'AbortError') return;
      assistant.status = 'error';
      assistant.errorText = failureText(error);
    } finally {
      if (controller === active) {
        controller = undefined;
        sendButton.removeAttribute('aria-disabled');
      }
    }
    cancelAnimationFrame(frame);
    frame = 0;
    log.querySelector(`[data-message-id="${assistant.id}"]`)?.replaceWith(renderAssistant(assistant));
    scrollToEnd();
    persist();
    if (assistant.status === 'error') announce(assistant.errorText ?? 'Something went wrong.');
    else announce(`${assistant.outcome === 'not_found' ? 'Not in the text. ' : 'Answer: '}${assistant.text.replace(/\s*\[\d+(?:\s*,\s*\d+)*\]/g, '')}`);
  }

  function open(moveFocus = true) {
    isOpen = true;
    panel.hidden = false;
    host.setAttribute('data-open', '');
    launcher.setAttribute('aria-expanded', 'true');
    launcher.setAttribute('aria-label', `Close chat: ${options.title}`);
    void loadDisclaimer();
    scrollToEnd();
    persist();
    if (moveFocus) input.focus();
  }

  function close() {
    const focusWasInside = root.activeElement !== null && root.activeElement !== launcher;
    isOpen = false;
    panel.hidden = true;
    host.removeAttribute('data-open');
    launcher.setAttribute('aria-expanded', 'false');
    launcher.setAttribute('aria-label', `Open chat: ${options.title}`);
    persist();
    if (focusWasInside) launcher.focus();
  }

  function newConversation() {
    controller?.abort();
    controller = undefined;
    sendButton.removeAttribute('aria-disabled');
    messages = [];
    storage.clear();
    renderAll();
    persist();
    announce('New conversation started.');
    input.focus();
  }

  launcher.addEventListener('click', () => (isOpen ? close() : open()));
  closeButton.addEventListener('click', close);
  newButton.addEventListener('click', newConversation);
  panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      close();
    }
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (busy() || !input.value.trim()) return;
    const question = input.value;
    input.value = '';
    void ask(question);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  renderAll();
  document.body.appendChild(host);
  const accent = options.accent && CSS.supports('color', options.accent) ? options.accent : undefined;
  if (accent) {
    host.style.setProperty('--accent', accent);
    host.style.setProperty('--on-accent', textColourFor(getComputedStyle(launcher).backgroundColor));
  }
  if (saved?.open || options.openOnLoad) open(false);

  return { open: () => open(), close, ask: (question: string) => void ask(String(question)), newConversation };
}
