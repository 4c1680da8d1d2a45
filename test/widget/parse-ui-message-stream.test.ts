import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import type { Services } from '../../src/http/app-env.ts';
import { applyChunk, type AssistantMessage } from '../../src/widget/chat-message.ts';
import { readServerSentEvents, readUiMessageChunks } from '../../src/widget/parse-ui-message-stream.ts';
import { splitCitationMarkers } from '../../src/widget/split-citation-markers.ts';
import { createTestServices } from '../support/test-services.ts';

/** A byte stream delivering `text` in the given pieces, as a network would. */
function streamOf(text: string, cuts: number[] = []): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((left, right) => left - right);
  const pieces: Uint8Array[] = [];
  let previous = 0;
  for (const point of [...points, bytes.length]) {
    pieces.push(bytes.slice(previous, point));
    previous = point;
  }
  return new ReadableStream({
    start(controller) {
      for (const piece of pieces) controller.enqueue(piece);
      controller.close();
    },
  });
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

const emptyMessage = (): AssistantMessage => ({ role: 'assistant', id: 'm1', question: 'q', text: '', citations: [], outcome: undefined, disclaimer: undefined, status: 'streaming' });

describe('readServerSentEvents', () => {
  it('yields each event’s data whatever the line ends, comments and multi-line data', async () => {
    const text = ': keep-alive\r\ndata: one\r\n\r\ndata:two\rdata: more\r\revent: x\nid: 7\ndata: {"a":"é€😀"}\n\n';
    expect(await collect(readServerSentEvents(streamOf(text)))).toEqual(['one', 'two\nmore', '{"a":"é€😀"}']);
  });

  it('gives the same events however the bytes are split, even inside a multi-byte character or a CRLF', async () => {
    const text = 'data: {"type":"text-delta","delta":"Astana’s 😀 plan"}\r\n\r\ndata: second\r\ndata: line\r\n\r\ndata: [DONE]\r\n\r\n';
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { maxLength: 12 }), async (cuts) => {
        expect(await collect(readServerSentEvents(streamOf(text, cuts)))).toEqual(['{"type":"text-delta","delta":"Astana’s 😀 plan"}', 'second\nline', '[DONE]']);
      }),
      { numRuns: 150 },
    );
  });

  it('flushes a last event that has no blank line after it', async () => {
    expect(await collect(readServerSentEvents(streamOf('data: tail')))).toEqual(['tail']);
  });
});

describe('readUiMessageChunks', () => {
  it('stops at [DONE] and skips payloads that are not JSON chunks', async () => {
    const text = 'data: {"type":"start"}\n\ndata: not json\n\ndata: [1,2]\n\ndata: {"type":"finish"}\n\ndata: [DONE]\n\ndata: {"type":"start"}\n\n';
    expect((await collect(readUiMessageChunks(streamOf(text)))).map((chunk) => chunk.type)).toEqual(['start', 'finish']);
  });
});

describe('the widget reading the real /api/chat stream', () => {
  let services: Services;
  beforeAll(async () => {
    services = await createTestServices({ RATE_LIMIT_MAX: '0' });
  });
  afterAll(async () => {
    await services.feedback.close();
  });

  it('rebuilds exactly the answer the engine gives: text, citations, outcome and disclaimer', async () => {
    const question = 'What did the geological mission to Nuristan do?';
    const expected = await services.engine.answer({ question, history: [] });
    const response = await createApp(services).request('/api/chat', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ messages: [{ id: 'u1', role: 'user', parts: [{ type: 'text', text: question }] }] }),
    });
    expect(response.status).toBe(200);
    const message = emptyMessage();
    for await (const chunk of readUiMessageChunks(response.body!)) applyChunk(message, chunk);
    expect(message.status).toBe('done');
    expect(message.text).toBe(expected.answer);
    expect(message.citations).toEqual(expected.citations);
    expect(message.outcome).toBe(expected.outcome);
    expect(message.disclaimer).toBe(expected.disclaimer);
  });
});

describe('applyChunk', () => {
  it('keeps an error chunk’s text and ignores malformed citations', () => {
    const message = emptyMessage();
    applyChunk(message, { type: 'text-delta', id: 'a', delta: 'Partial [1]' });
    applyChunk(message, { type: 'data-citation', data: { n: 1, docId: 'd', quote: 'q' } });
    applyChunk(message, { type: 'error', errorText: 'The answer could not be completed.' });
    applyChunk(message, { type: 'finish' });
    expect(message).toMatchObject({ text: 'Partial [1]', citations: [], status: 'error', errorText: 'The answer could not be completed.' });
  });
});

describe('splitCitationMarkers', () => {
  it('turns known [n] markers into citations and leaves the rest as text', () => {
    const known = (n: number) => n === 1 || n === 2;
    expect(splitCitationMarkers('A [1]. B [1, 2]; C [3] and [x].', known)).toEqual([
      { type: 'text', text: 'A ' },
      { type: 'citation', n: 1 },
      { type: 'text', text: '. B ' },
      { type: 'citation', n: 1 },
      { type: 'citation', n: 2 },
      { type: 'text', text: '; C [3] and [x].' },
    ]);
  });

  it('never loses, duplicates or reorders the text around markers', () => {
    const strip = (value: string) => value.replace(/[[\]\d,\s]/g, '');
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', ' ', '[', ']', '1', '2', '7', ',', '<') }), (text) => {
        const segments = splitCitationMarkers(text, (n) => n < 3);
        const textOnly = segments.map((segment) => (segment.type === 'text' ? segment.text : '')).join('');
        expect(strip(textOnly)).toBe(strip(text));
        expect(segments.every((segment) => segment.type === 'text' || segment.n < 3)).toBe(true);
      }),
    );
  });
});
