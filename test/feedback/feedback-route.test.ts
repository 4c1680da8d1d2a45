import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { createSqliteFeedbackStore } from '../../src/feedback/sqlite-feedback-store.ts';
import type { Services } from '../../src/http/app-env.ts';
import { createTestServices, projectRoot } from '../support/test-services.ts';

const run = promisify(execFile);

describe('POST /api/feedback, the question log and npm run report', () => {
  let dataDir: string;
  let services: Services;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'feedback-route-'));
    services = await createTestServices({ DATA_DIR: dataDir, RATE_LIMIT_MAX: '0' });
    app = createApp(services);
  });
  afterAll(async () => {
    await services.feedback.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const post = (path: string, body: unknown, contentType = 'application/json') =>
    app.request(path, { method: 'POST', headers: { 'content-type': contentType }, body: typeof body === 'string' ? body : JSON.stringify(body) });

  it('stores a verdict so that a restarted server still has it', async () => {
    const asked = await (await post('/api/ask', { question: 'How much were the agreements worth?' })).json();
    const response = await post('/api/feedback', { question: 'How much were the agreements worth?', answer: asked.answer, citations: asked.citations, verdict: 'down', comment: '  Too long.  ' });
    expect(response.status).toBe(201);
    const { id } = await response.json();

    // A new store on the same file is what the next process start opens.
    const restarted = createSqliteFeedbackStore({ path: services.config.feedbackDbPath });
    const stored = (await restarted.listFeedback()).find((entry) => entry.id === id);
    await restarted.close();
    expect(stored).toMatchObject({ verdict: 'down', comment: 'Too long.', answer: asked.answer, citations: asked.citations });
  });

  it.each([
    [{ answer: 'a', verdict: 'up' }, 'question'],
    [{ question: 'q', answer: 'a', verdict: 'meh' }, 'verdict'],
    [{ question: 'q', answer: 'a', verdict: 'up', citations: [{ n: 'one' }] }, 'citations.0.n'],
    [{ question: 'q', answer: 'a', verdict: 'up', comment: 'x'.repeat(2001) }, 'comment'],
  ])('refuses %j with a 400 naming %s', async (body, field) => {
    const response = await post('/api/feedback', body);
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatchObject({ code: 'invalid_request', field });
  });

  it('refuses a body that is not a JSON object', async () => {
    expect((await post('/api/feedback', '{not json')).status).toBe(400);
    expect((await post('/api/feedback', '[]')).status).toBe(400);
    expect((await post('/api/feedback', 'verdict=up', 'application/x-www-form-urlencoded')).status).toBe(415);
  });

  it('logs each question with its outcome, from /api/ask and /api/chat alike, and the report shows the gaps', async () => {
    const unanswerable = 'What is the population of Mars colonies?';
    expect((await (await post('/api/ask', { question: unanswerable })).json()).outcome).toBe('not_found');
    const chat = await post('/api/chat', { messages: [{ id: 'u', role: 'user', parts: [{ type: 'text', text: 'How much were the agreements worth?' }] }] });
    await chat.text();

    const questions = await services.feedback.listQuestions();
    expect(questions.filter((entry) => entry.question === 'How much were the agreements worth?')).toHaveLength(2);
    expect(questions.find((entry) => entry.question === unanswerable)).toMatchObject({ outcome: 'not_found' });

    const environment = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent', REDIS_URL: '' };
    const nodeBinary = join(projectRoot, 'node_modules', '.bin', 'node');
    const { stdout } = await run(nodeBinary, ['src/cli/report.ts'], { cwd: projectRoot, env: environment });
    expect(stdout).toMatch(/Questions asked: 3\s+Thumbs up: 0\s+Thumbs down: 1/);
    const mostAsked = stdout.slice(stdout.indexOf('Most asked questions'), stdout.indexOf('Unanswered questions'));
    expect(mostAsked).toMatch(/^\s+2 × How much were the agreements worth\?/m);
    const unanswered = stdout.slice(stdout.indexOf('Unanswered questions'), stdout.indexOf('Thumbs-down answers'));
    expect(unanswered).toContain(unanswerable);
    expect(unanswered).not.toContain('agreements worth');
    expect(stdout.slice(stdout.indexOf('Thumbs-down answers'))).toContain('Comment: Too long.');

    const json = JSON.parse((await run(nodeBinary, ['src/cli/report.ts', '--json', '--limit', '1'], { cwd: projectRoot, env: environment })).stdout);
    expect(json.mostAsked).toHaveLength(1);
    expect(json.unanswered[0].question).toBe(unanswerable);
  });
});
