import fc from 'fast-check';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import type { Services } from '../../src/http/app-env.ts';
import { serveApp, type ServedApp } from '../support/serve-app.ts';
import { createTestServices } from '../support/test-services.ts';

// Property tests: whatever arrives — random bytes, wrong types, hostile unicode, odd headers — every
// endpoint answers 2xx or 4xx, and every 4xx is the documented JSON error. Never a 5xx, never a stack.

let services: Services;
let app: ReturnType<typeof createApp>;
let served: ServedApp;

beforeAll(async () => {
  services = await createTestServices({ RATE_LIMIT_MAX: '0', MAX_BODY_BYTES: '8192', MAX_QUESTION_CHARS: '500' });
  app = createApp(services);
  served = await serveApp(app);
});
afterAll(async () => {
  await served.close();
  await services.store.close();
});

const documentId = () => services.index.corpus.documents[0]!.id;

// Unicode that tends to break things: surrogates (lone and paired), combining marks, RTL overrides,
// zero-width characters, NUL and other controls, emoji sequences, and plain text.
const trickyCharacter = fc.oneof(
  fc.constantFrom('\u0000', '\u0007', '\u202e', '\u200b', '\ufeff', '\ud800', '\udfff', '\u0301', '👩‍👩‍👧', '𝕏', 'İ', 'ß', '\n', '\r', '"', '\\', '{', '}', '<script>', '%', '%00', '..'),
  fc.string({ unit: 'binary', maxLength: 3 }),
  fc.string({ unit: 'grapheme', maxLength: 3 }),
);
const trickyText = fc.array(trickyCharacter, { maxLength: 40 }).map((parts) => parts.join(''));
const anyText = fc.oneof(trickyText, fc.string({ unit: 'binary', maxLength: 200 }), fc.constantFrom('', ' ', 'Who wrote the commentary?', 'What did Kazakhstan sign?'));

const jsonValue = fc.jsonValue({ maxDepth: 3 }).map((value) => value as unknown);
const turn = fc.record(
  { role: fc.oneof(fc.constantFrom('user', 'assistant', 'system', 'tool', ''), jsonValue), content: fc.oneof(anyText, jsonValue) },
  { requiredKeys: [] },
);
const askBody = fc.record(
  { question: fc.oneof(anyText, jsonValue, fc.string({ minLength: 480, maxLength: 700 })), history: fc.oneof(fc.array(turn, { maxLength: 25 }), jsonValue) },
  { requiredKeys: [] },
);
const uiPart = fc.oneof(
  fc.record({ type: fc.constant('text'), text: fc.oneof(anyText, jsonValue) }, { requiredKeys: ['type'] }),
  fc.record({ type: fc.oneof(fc.constantFrom('source-document', 'data-citation', 'reasoning', 'step-start'), jsonValue) }),
  jsonValue,
);
const uiMessage = fc.record(
  { id: fc.oneof(fc.string(), jsonValue), role: fc.oneof(fc.constantFrom('user', 'assistant', 'system'), jsonValue), parts: fc.oneof(fc.array(uiPart, { maxLength: 4 }), jsonValue) },
  { requiredKeys: [] },
);
const chatBody = fc.record({ messages: fc.oneof(fc.array(uiMessage, { maxLength: 6 }), jsonValue), trigger: fc.constantFrom('submit-message', 'regenerate-message'), id: fc.string() }, { requiredKeys: [] });
const feedbackBody = fc.record(
  { question: anyText, answer: anyText, citations: fc.oneof(fc.array(jsonValue, { maxLength: 3 }), jsonValue), verdict: fc.oneof(fc.constantFrom('up', 'down', 'meh'), jsonValue), comment: fc.oneof(anyText, jsonValue) },
  { requiredKeys: [] },
);

const bodyBytes = fc.oneof(
  askBody.map((value) => JSON.stringify(value)),
  chatBody.map((value) => JSON.stringify(value)),
  feedbackBody.map((value) => JSON.stringify(value)),
  jsonValue.map((value) => JSON.stringify(value) ?? ''),
  anyText,
  // Truncated JSON, random bytes (often invalid UTF-8), an empty body, and one over the size limit.
  askBody.chain((value) => {
    const text = JSON.stringify(value);
    return fc.nat({ max: text.length }).map((cut) => text.slice(0, cut));
  }),
  fc.uint8Array({ maxLength: 300 }),
  fc.constant(''),
  fc.constant('x'.repeat(9000)),
);

const contentType = fc.option(
  fc.constantFrom(
    'application/json',
    'application/json; charset=utf-8',
    'application/json; charset=latin1',
    'APPLICATION/JSON',
    'application/vnd.api+json',
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/jsonx',
    'json',
    '',
  ),
  { nil: undefined },
);
// Header values must be ByteStrings of tab, visible ASCII, space or 0x80–0xFF to be sendable at all.
const headerValue = fc.string({ unit: fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0x80, max: 0xff }), fc.constant(0x09)).map((code) => String.fromCharCode(code)), maxLength: 60 });
const extraHeaders = fc.dictionary(
  fc.constantFrom('x-forwarded-for', 'origin', 'x-request-id', 'accept', 'accept-language', 'content-encoding', 'cookie', 'authorization', 'x-slack-signature', 'x-slack-request-timestamp', 'user-agent'),
  headerValue,
  { maxKeys: 4 },
);

const pathSegment = fc.oneof(
  fc.constantFrom('', '..', '%', '%E0%A4%A', '%00', '%2F', '%C0%AF', '😀', 'commentary', 'nope', 'a'.repeat(300)),
  trickyText.map((text) => encodeURIComponent(text.replace(/[\ud800-\udfff]/g, ''))),
);
const knownPaths = ['/api/ask', '/api/chat', '/api/feedback', '/api/sources', '/api/sources/commentary', '/healthz', '/readyz', '/', '/widget.js', '/source/commentary', '/integrations/slack/events', '/integrations/slack/commands', '/integrations/webhook'];
const path = fc.oneof(
  fc.constantFrom(...knownPaths),
  fc.tuple(fc.constantFrom('/api/sources/', '/source/', '/api/', '/', '/api/ask/', '/widget.js/'), pathSegment).map(([prefix, segment]) => prefix + segment),
  fc.tuple(fc.constantFrom(...knownPaths), trickyText).map(([known, query]) => `${known}?q=${encodeURIComponent(query.replace(/[\ud800-\udfff]/g, ''))}`),
);
const method = fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD');

/** node:http rather than fetch: it sends what it is given (odd header values, any bytes) without tidying it up. */
function rawRequest(method: string, target: string, headers: Record<string, string>, body: string | Uint8Array | undefined): Promise<Response> {
  return new Promise((resolve, reject) => {
    const client = request({ host: '127.0.0.1', port: new URL(served.origin).port, path: target, method, headers: { ...headers, connection: 'close' } }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => {
        const responseHeaders = new Headers();
        for (const [name, value] of Object.entries(incoming.headers)) if (typeof value === 'string') responseHeaders.set(name, value);
        resolve(new Response(Buffer.concat(chunks), { status: incoming.statusCode, headers: responseHeaders }));
      });
    });
    client.on('error', reject);
    client.end(body);
  });
}

async function expectWellFormed(response: Response, label: string) {
  const text = await response.text();
  const where = `${label} → ${response.status} ${text.slice(0, 200)}`;
  expect(response.status, where).toBeGreaterThanOrEqual(200);
  expect(response.status, where).toBeLessThan(500);
  if (response.status >= 400) {
    expect(response.headers.get('content-type'), where).toMatch(/^application\/json/);
    const body = JSON.parse(text);
    expect(typeof body.error.code, where).toBe('string');
    expect(typeof body.error.message, where).toBe('string');
    expect(text, where).not.toMatch(/\bat [\w.<>]+ \(|node:internal|\.ts:\d+/);
  }
}

describe('every endpoint under random input', () => {
  it('answers 2xx or 4xx JSON to random methods, paths, headers and bodies', async () => {
    await fc.assert(
      fc.asyncProperty(method, path, contentType, extraHeaders, bodyBytes, async (verb, target, type, headers, body) => {
        const init: RequestInit = { method: verb, headers: { ...headers, ...(type === undefined ? {} : { 'content-type': type }) } };
        if (verb !== 'GET' && verb !== 'HEAD') init.body = body;
        const response = await app.request(`http://localhost${target}`, init);
        if (verb === 'HEAD') {
          expect(response.status).toBeLessThan(500);
          return;
        }
        await expectWellFormed(response, `${verb} ${target}`);
      }),
      { numRuns: 400 },
    );
  });

  it('/api/ask: any JSON body is answered with a cited answer or a 400 naming the problem', async () => {
    const text = services.index.corpus.documents[0]!.text;
    await fc.assert(
      fc.asyncProperty(askBody, async (body) => {
        const response = await app.request('/api/ask', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
        if (response.status === 200) {
          const answer = await response.json();
          expect(['answered', 'not_found']).toContain(answer.outcome);
          for (const citation of answer.citations) expect(citation.quote).toBe(text.slice(citation.start, citation.end));
          return;
        }
        expect(response.status).toBe(400);
        const error = (await response.json()).error;
        expect(['invalid_request', 'question_missing', 'question_too_long', 'history_invalid']).toContain(error.code);
        if (error.code !== 'invalid_request' || error.field) expect(error.field).toMatch(/^(question|history)/);
      }),
      { numRuns: 150 },
    );
  });

  it('/api/chat: any JSON body is streamed to its finish or refused with 4xx JSON before streaming', async () => {
    await fc.assert(
      fc.asyncProperty(chatBody, async (body) => {
        const response = await app.request('/api/chat', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
        if (response.status === 200) {
          const stream = await response.text();
          expect(stream).toContain('"type":"finish"');
          expect(stream.trimEnd().endsWith('data: [DONE]')).toBe(true);
          return;
        }
        await expectWellFormed(response, 'POST /api/chat');
        expect(response.status).toBe(400);
      }),
      { numRuns: 120 },
    );
  });

  it(`/api/sources/:id: any id is the document or a 404 JSON`, async () => {
    await fc.assert(
      fc.asyncProperty(pathSegment, async (segment) => {
        const response = await app.request(`http://localhost/api/sources/${segment}`);
        if (response.status === 200) {
          expect((await response.json()).docId).toBe(documentId());
          return;
        }
        await expectWellFormed(response, `GET /api/sources/${segment}`);
      }),
      { numRuns: 100 },
    );
  });

  it('through the real Node server: random bytes, headers and content types never get a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('/api/ask', '/api/chat', '/api/feedback', '/api/sources', '/readyz'), contentType, extraHeaders, bodyBytes, async (target, type, headers, body) => {
        const isGet = target === '/api/sources' || target === '/readyz';
        const response = await rawRequest(isGet ? 'GET' : 'POST', target, { ...headers, ...(type === undefined ? {} : { 'content-type': type }) }, isGet ? undefined : body);
        await expectWellFormed(response, `POST ${target}`);
      }),
      { numRuns: 80 },
    );
  });
});
