import { readUiMessageChunks, type UiMessageChunk } from './parse-ui-message-stream.ts';

export type ChatFailure = 'offline' | 'rate_limited' | 'rejected' | 'server';

/** A request that did not produce a stream; `kind` picks the message the reader sees. */
export class ChatError extends Error {
  readonly kind: ChatFailure;
  readonly retryAfterSeconds: number | undefined;
  constructor(kind: ChatFailure, message: string, retryAfterSeconds?: number) {
    super(message);
    this.kind = kind;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export interface HistoryTurn {
  role: 'user' | 'assistant';
  content: string;
}

let counter = 0;
const newId = () => `w${Date.now().toString(36)}${(counter++).toString(36)}`;

/** The request body: AI SDK UI messages, earlier turns first, the new question last. */
function chatBody(question: string, history: HistoryTurn[]) {
  const messages = [...history, { role: 'user' as const, content: question }].map((turn) => ({
    id: newId(),
    role: turn.role,
    parts: [{ type: 'text', text: turn.content }],
  }));
  return { messages };
}

async function errorMessage(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: { message?: unknown } };
    if (typeof body.error?.message === 'string') return body.error.message;
  } catch {
    // Not our JSON error shape: fall through to the status text.
  }
  return `The server answered ${response.status}.`;
}

/** Posts a question to `{endpoint}/api/chat` and yields the UI message stream chunks as they arrive. */
export async function* streamChat(options: { endpoint: string; question: string; history: HistoryTurn[]; signal?: AbortSignal }): AsyncGenerator<UiMessageChunk> {
  let response: Response;
  try {
    response = await fetch(`${options.endpoint}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(chatBody(options.question, options.history)),
      signal: options.signal,
      credentials: 'omit',
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ChatError('offline', 'The assistant cannot be reached.');
  }
  if (response.status === 429) {
    const retryAfter = Number(response.headers.get('retry-after'));
    throw new ChatError('rate_limited', await errorMessage(response), Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined);
  }
  if (response.status >= 400 && response.status < 500) throw new ChatError('rejected', await errorMessage(response));
  if (!response.ok || !response.body) throw new ChatError('server', await errorMessage(response));
  try {
    yield* readUiMessageChunks(response.body);
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ChatError('offline', 'The connection dropped before the answer was complete.');
  }
}
