import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import type { Services } from '../../src/http/app-env.ts';
import { serveApp, type ServedApp } from '../support/serve-app.ts';
import { createTestServices } from '../support/test-services.ts';

let services: Services;
let served: ServedApp;
const maxBodyBytes = 4096;

beforeAll(async () => {
  services = await createTestServices({ MAX_BODY_BYTES: String(maxBodyBytes), MAX_CHAT_BODY_BYTES: String(maxBodyBytes), RATE_LIMIT_MAX: '0' });
  served = await serveApp(createApp(services));
});
afterAll(async () => {
  await served.close();
  await services.store.close();
});

/** Sends raw chunks with Transfer-Encoding: chunked and no Content-Length, as a streaming client would. */
function postChunked(path: string, chunks: Uint8Array[], contentType = 'application/json'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const client = request(
      { host: '127.0.0.1', port: new URL(served.origin).port, path, method: 'POST', headers: { 'content-type': contentType, 'transfer-encoding': 'chunked' } },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
      },
    );
    // The server may answer 413 and stop reading before every chunk is sent; that is the point.
    client.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
    for (const chunk of chunks) client.write(chunk);
    client.end();
  });
}

const encoder = new TextEncoder();

describe('request bodies over the real server', () => {
  for (const path of ['/api/ask', '/api/chat', '/api/feedback']) {
    it(`${path}: a chunked body without Content-Length over the limit is refused with 413 JSON`, async () => {
      const chunk = encoder.encode(`{"question":"${'a'.repeat(1000)}`);
      const response = await postChunked(path, Array.from({ length: 8 }, () => chunk));
      expect(response.status).toBe(413);
      expect(JSON.parse(response.body).error.code).toBe('payload_too_large');
    });

    it(`${path}: a declared Content-Length over the limit is refused with 413 JSON before reading`, async () => {
      const response = await fetch(`${served.origin}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'x'.repeat(maxBodyBytes + 1) });
      expect(response.status).toBe(413);
      expect((await response.json()).error.code).toBe('payload_too_large');
    });

    it(`${path}: a body that is not JSON by its content type is refused with 415 JSON`, async () => {
      const response = await fetch(`${served.origin}${path}`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"question":"hi"}' });
      expect(response.status).toBe(415);
      expect((await response.json()).error.code).toBe('unsupported_media_type');
    });
  }

  it('a small chunked JSON body is read whole and answered', async () => {
    const body = encoder.encode(JSON.stringify({ question: 'Who wrote the commentary?' }));
    const response = await postChunked('/api/ask', [body.slice(0, 7), body.slice(7, 20), body.slice(20)]);
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body).outcome).toBe('answered');
  });

  it('a chunked body that splits a multi-byte character across chunks is decoded correctly', async () => {
    const body = encoder.encode(JSON.stringify({ question: 'Who wrote the commentary — Кто автор?' }));
    const splitAt = body.indexOf(0xe2) + 1; // inside the em dash
    const response = await postChunked('/api/ask', [body.slice(0, splitAt), body.slice(splitAt)]);
    expect(response.status).toBe(200);
  });

  it('invalid UTF-8 is a 400 naming the problem, not a 5xx', async () => {
    const response = await postChunked('/api/ask', [encoder.encode('{"question":"'), new Uint8Array([0xc3, 0x28, 0xff]), encoder.encode('"}')]);
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body).error).toEqual({ code: 'invalid_json', message: 'The body is not valid UTF-8.' });
  });

  it('a client that disconnects mid-body leaves the server serving others', async () => {
    await new Promise<void>((resolve) => {
      const client = request({ host: '127.0.0.1', port: new URL(served.origin).port, path: '/api/ask', method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } });
      client.on('error', () => resolve());
      client.write('{"question":"Who');
      setTimeout(() => {
        client.destroy();
        resolve();
      }, 50);
    });
    const response = await fetch(`${served.origin}/healthz`);
    expect(response.status).toBe(200);
  });
});
