import type { Citation } from '../answer/types.ts';
import type { UiMessageChunk } from './parse-ui-message-stream.ts';

/** The server's citation, as it arrives in a `data-citation` part (a type-only import: nothing of the server is bundled). */
export type WidgetCitation = Citation;

export type Verdict = 'up' | 'down';

export interface UserMessage {
  role: 'user';
  id: string;
  text: string;
}

export interface AssistantMessage {
  role: 'assistant';
  id: string;
  /** The question this message answers, sent along with feedback. */
  question: string;
  text: string;
  citations: WidgetCitation[];
  outcome: 'answered' | 'not_found' | undefined;
  disclaimer: string | undefined;
  status: 'streaming' | 'done' | 'error';
  errorText?: string;
  verdict?: Verdict;
}

export type ChatMessage = UserMessage | AssistantMessage;

function isCitation(value: unknown): value is WidgetCitation {
  const candidate = value as WidgetCitation;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.n === 'number' &&
    typeof candidate.docId === 'string' &&
    typeof candidate.quote === 'string' &&
    typeof candidate.start === 'number' &&
    typeof candidate.end === 'number'
  );
}

/** Reads a string from a data part that may carry it bare or under one of the given keys. */
function pickString(data: unknown, keys: string[]): string | undefined {
  if (typeof data === 'string') return data;
  if (typeof data !== 'object' || data === null) return undefined;
  for (const key of keys) {
    const value = (data as Record<string, unknown>)[key];
    if (typeof value === 'string') return value;
  }
  return undefined;
}

/** Folds one stream chunk into the assistant message being built. Unknown chunks leave it unchanged. */
export function applyChunk(message: AssistantMessage, chunk: UiMessageChunk): void {
  const data = (chunk as { data?: unknown }).data;
  switch (chunk.type) {
    case 'text-delta': {
      const delta = (chunk as { delta?: unknown }).delta;
      if (typeof delta === 'string') message.text += delta;
      return;
    }
    case 'data-citation':
      if (isCitation(data) && !message.citations.some((citation) => citation.n === data.n)) {
        message.citations.push({ n: data.n, docId: data.docId, chunkId: String(data.chunkId ?? ''), quote: data.quote, start: data.start, end: data.end });
        message.citations.sort((left, right) => left.n - right.n);
      }
      return;
    case 'data-outcome': {
      const outcome = pickString(data, ['outcome', 'value']);
      if (outcome === 'answered' || outcome === 'not_found') message.outcome = outcome;
      return;
    }
    case 'data-disclaimer': {
      const disclaimer = pickString(data, ['disclaimer', 'text', 'value']);
      if (disclaimer) message.disclaimer = disclaimer;
      return;
    }
    case 'error':
      message.status = 'error';
      message.errorText = String((chunk as { errorText?: unknown }).errorText ?? 'The answer could not be completed.');
      return;
    case 'finish':
      if (message.status === 'streaming') message.status = 'done';
      return;
  }
}
