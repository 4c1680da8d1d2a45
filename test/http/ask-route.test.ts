import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { createTestServices } from '../support/test-services.ts';

let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  app = createApp(await createTestServices({ MAX_QUESTION_CHARS: '500', MAX_BODY_BYTES: '4096' }));
});

const post = (body: BodyInit, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  app.request('/api/ask', { method: 'POST', body, headers });

async function expectError(response: Response, status: number, code: string, field?: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/application\/json/);
  const body = (await response.json()) as { error: { code: string; message: string; field?: string } };
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(5);
  if (field) expect(body.error.field).toBe(field);
  return body;
}

describe('POST /api/ask', () => {
  it('answers with the documented contract and offsets that index GET /api/sources', async () => {
    const response = await post(JSON.stringify({ question: 'What is Afghanistan’s population?' }));
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown> & { citations: Array<Record<string, unknown>> };
    expect(Object.keys(body).sort()).toEqual(['answer', 'citations', 'disclaimer', 'engine', 'outcome']);
    expect(body.outcome).toBe('answered');
    expect(body.answer).toContain('41 million');
    const source = (await (await app.request(`/api/sources/${body.citations[0]!.docId}`)).json()) as { text: string };
    for (const citation of body.citations) {
      expect(Object.keys(citation).sort()).toEqual(['chunkId', 'docId', 'end', 'n', 'quote', 'start']);
      expect(source.text.slice(citation.start as number, citation.end as number)).toBe(citation.quote);
    }
  });

  it('takes a history for follow-ups', async () => {
    const response = await post(
      JSON.stringify({
        question: 'What did it collect there?',
        history: [
          { role: 'user', content: 'Where did Kazakhstan send a geological mission?' },
          { role: 'assistant', content: 'To Nuristan Province [1].' },
        ],
      }),
    );
    expect(((await response.json()) as { answer: string }).answer).toContain('ore samples');
  });

  it('rejects malformed JSON', async () => expectError(await post('{"question":'), 400, 'invalid_json'));
  it('rejects a body that is not an object', async () => expectError(await post('["question"]'), 400, 'invalid_request'));
  it('rejects a missing question', async () => expectError(await post('{}'), 400, 'question_missing', 'question'));
  it('rejects an empty question', async () => expectError(await post('{"question":"   "}'), 400, 'question_missing', 'question'));
  it('rejects a question that is not a string', async () => expectError(await post('{"question":42}'), 400, 'invalid_request', 'question'));
  it('rejects an overlong question', async () =>
    expectError(await post(JSON.stringify({ question: 'why '.repeat(200) })), 400, 'question_too_long', 'question'));
  it('rejects a history that is not an array', async () =>
    expectError(await post(JSON.stringify({ question: 'Who?', history: 'earlier' })), 400, 'history_invalid', 'history'));
  it('rejects a history turn with an unknown role', async () =>
    expectError(await post(JSON.stringify({ question: 'Who?', history: [{ role: 'system', content: 'x' }] })), 400, 'history_invalid', 'history.0.role'));
  it('rejects a history turn without content', async () =>
    expectError(await post(JSON.stringify({ question: 'Who?', history: [{ role: 'user' }] })), 400, 'history_invalid', 'history.0.content'));
  it('rejects too many history turns', async () => {
    const history = Array.from({ length: 21 }, () => ({ role: 'user', content: 'hi' }));
    await expectError(await post(JSON.stringify({ question: 'Who?', history })), 400, 'history_invalid', 'history');
  });
  it('rejects a body that is not UTF-8', async () =>
    expectError(await post(new Uint8Array([0x7b, 0x22, 0x71, 0xff, 0xfe, 0x22, 0x7d])), 400, 'invalid_json'));
  it('rejects another content type with 415', async () =>
    expectError(await post('question=hi', { 'content-type': 'application/x-www-form-urlencoded' }), 415, 'unsupported_media_type'));
  it('rejects an oversized body with 413', async () =>
    expectError(await post(JSON.stringify({ question: 'x'.repeat(10_000) })), 413, 'payload_too_large'));
});

describe('other routes', () => {
  it('serves the source text with its metadata', async () => {
    const response = await app.request('/api/sources/commentary');
    const body = (await response.json()) as { docId: string; title: string; author: string; text: string };
    expect(body.docId).toBe('commentary');
    expect(body.author).toBe('Shokhrukh Saidov');
    expect(body.text).toContain('Nuristan Province');
  });
  it('answers 404 JSON for an unknown document', async () => expectError(await app.request('/api/sources/nope'), 404, 'not_found'));
  it('answers 404 JSON for an unknown route', async () => expectError(await app.request('/api/nothing-here'), 404, 'not_found'));
  it('reports health once the index is ready', async () => expect((await app.request('/healthz')).status).toBe(200));
});

describe('body limits', () => {
  it('lets /api/chat take a long conversation that /api/ask would refuse, within its own limit', async () => {
    const chatApp = createApp(await createTestServices({ MAX_BODY_BYTES: '4096', MAX_CHAT_BODY_BYTES: '65536' }));
    const earlier = Array.from({ length: 20 }, (_, index) => ({
      id: `m${index}`,
      role: index % 2 ? 'assistant' : 'user',
      parts: [{ type: 'text', text: `Turn ${index} ${'about the agreements '.repeat(20)}` }],
    }));
    const messages = [...earlier, { id: 'last', role: 'user', parts: [{ type: 'text', text: 'How much are the agreements worth?' }] }];
    const body = JSON.stringify({ messages });
    expect(body.length).toBeGreaterThan(4096);
    const chat = await chatApp.request('/api/chat', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(chat.status).toBe(200);
    expect(await chat.text()).toContain('140 million');
    const tooBig = JSON.stringify({ messages: [...earlier, ...earlier, ...earlier, ...earlier, ...earlier, ...earlier, ...earlier, { id: 'x', role: 'user', parts: [{ type: 'text', text: 'Why?' }] }] });
    expect(tooBig.length).toBeGreaterThan(65536);
    expect((await chatApp.request('/api/chat', { method: 'POST', headers: { 'content-type': 'application/json' }, body: tooBig })).status).toBe(413);
  });
});
