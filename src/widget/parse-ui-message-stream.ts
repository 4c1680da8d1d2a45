/** The UI message stream chunks the widget understands; anything else is passed through and ignored. */
export type UiMessageChunk =
  | { type: 'start'; messageId?: string }
  | { type: 'text-start'; id: string }
  | { type: 'text-delta'; id: string; delta: string }
  | { type: 'text-end'; id: string }
  | { type: 'source-document'; sourceId: string; title?: string; mediaType?: string }
  | { type: 'error'; errorText: string }
  | { type: 'finish' }
  | { type: `data-${string}`; id?: string; data: unknown }
  | { type: string; [key: string]: unknown };

/**
 * Splits a Server-Sent Events byte stream into the payloads of its `data:` fields, one per event.
 * Handles `\n`, `\r\n` and `\r` line ends, multi-line data, comments and events split across reads.
 */
export async function* readServerSentEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const reader = body.pipeThrough(new TextDecoderStream() as unknown as ReadableWritablePair<string, Uint8Array>).getReader();
  let buffer = '';
  let data: string[] = [];
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) buffer += '\n\n';
      else buffer += value;
      let lineEnd: RegExpExecArray | null;
      const lineBreak = /\r\n|\r|\n/g;
      let consumed = 0;
      while ((lineEnd = lineBreak.exec(buffer))) {
        // A lone \r at the very end may be the first half of \r\n still in flight.
        if (!done && lineEnd[0] === '\r' && lineEnd.index === buffer.length - 1) break;
        const line = buffer.slice(consumed, lineEnd.index);
        consumed = lineEnd.index + lineEnd[0].length;
        if (line === '') {
          if (data.length > 0) yield data.join('\n');
          data = [];
        } else if (line.startsWith('data:')) {
          data.push(line.slice(line.charAt(5) === ' ' ? 6 : 5));
        }
      }
      buffer = buffer.slice(consumed);
      if (done) return;
    }
  } finally {
    // Stopping early (the reader closed the panel or asked again) aborts the download too.
    reader.cancel().catch(() => {});
  }
}

/** Reads an AI SDK UI message stream (SSE with one JSON chunk per event, ending with `[DONE]`). */
export async function* readUiMessageChunks(body: ReadableStream<Uint8Array>): AsyncGenerator<UiMessageChunk> {
  for await (const payload of readServerSentEvents(body)) {
    if (payload === '[DONE]') return;
    let chunk: unknown;
    try {
      chunk = JSON.parse(payload);
    } catch {
      continue;
    }
    if (chunk && typeof chunk === 'object' && typeof (chunk as { type?: unknown }).type === 'string') yield chunk as UiMessageChunk;
  }
}
