import { join } from 'node:path';
import { APICallError } from 'ai';
import { beforeAll, describe, expect, it } from 'vitest';
import { createFallbackEngine } from '../../src/answer/fallback-engine.ts';
import { createLlmEngine, UnverifiedAnswerError } from '../../src/answer/llm-engine.ts';
import { policyRoute } from '../../src/answer/policy-route.ts';
import type { Answer, AnswerEngine, AnswerEvent, Question } from '../../src/answer/types.ts';
import type { Services } from '../../src/http/app-env.ts';
import { createLogger } from '../../src/logger.ts';
import { loadPrompts, type Prompts } from '../../src/prompts.ts';
import { mockModel, passageNumber, promptText, type MockModelOptions } from '../support/mock-language-model.ts';
import { createTestServices, projectRoot } from '../support/test-services.ts';

let services: Services;
let prompts: Prompts;

beforeAll(async () => {
  services = await createTestServices();
  prompts = await loadPrompts(join(projectRoot, 'prompts'));
});

function capturingLogger() {
  const lines: Array<Record<string, unknown>> = [];
  return { lines, logger: createLogger('debug', {}, (line) => lines.push(JSON.parse(line))) };
}

function engines(modelOptions: MockModelOptions, engineOptions: { firstTokenTimeoutMs?: number; timeoutMs?: number } = {}) {
  const model = mockModel(modelOptions);
  const { lines, logger } = capturingLogger();
  const llm = createLlmEngine({ index: services.index, model, prompts, logger, ...engineOptions });
  const fallback = createFallbackEngine({ primary: llm, fallback: services.engine, logger, routeToFallback: policyRoute });
  return { model, llm, fallback, logs: lines };
}

async function collect(engine: AnswerEngine, question: Question): Promise<{ text: string; answer: Answer; events: AnswerEvent[] }> {
  const events: AnswerEvent[] = [];
  for await (const event of engine.stream(question)) events.push(event);
  const last = events.at(-1);
  if (last?.type !== 'answer') throw new Error('the stream did not end with an answer');
  const text = events.map((event) => (event.type === 'text-delta' ? event.delta : '')).join('');
  return { text, answer: last.answer, events };
}

function expectExactCitations(answer: Answer) {
  const document = services.index.corpus.documents.find((candidate) => candidate.id === 'commentary')!;
  expect(answer.citations.length).toBeGreaterThan(0);
  for (const citation of answer.citations) {
    expect(citation.quote).toBe(document.text.slice(citation.start, citation.end));
    expect(answer.answer).toContain(`[${citation.n}]`);
  }
}

const ask = (question: string, history: Question['history'] = []): Question => ({ question, history });

describe('generated answers are verified before the user sees them', () => {
  it('passes a supported, cited answer through, citing the exact source text', async () => {
    const { fallback } = engines({
      answer: (call) =>
        `The author notes that Kazakhstan dispatched a geological mission to Nuristan Province [${passageNumber(call, 'Nuristan')}]. ` +
        `The mission collected ore samples for analysis [${passageNumber(call, 'Nuristan')}].`,
    });
    const { text, answer } = await collect(fallback, ask('Where did Kazakhstan send a geological mission?'));
    expect(answer.engine).toBe('llm');
    expect(answer.outcome).toBe('answered');
    expect(answer.answer).toContain('Nuristan Province [1]');
    expect(answer.citations).toHaveLength(1);
    expect(answer.citations[0]!.quote).toContain('geological mission to Nuristan Province');
    expect(text).toBe(answer.answer);
    expectExactCitations(answer);
    expect(answer.disclaimer).toMatch(/does not take institutional positions/);
  });

  it('drops a sentence whose marker names a passage that was never given', async () => {
    const { fallback } = engines({
      answer: (call) =>
        `Kazakhstan dispatched a geological mission to Nuristan Province [${passageNumber(call, 'Nuristan')}]. ` +
        'The mission was funded by Chinese investors [42].',
    });
    const { text, answer } = await collect(fallback, ask('Where did Kazakhstan send a geological mission?'));
    expect(answer.engine).toBe('llm');
    expect(text).not.toMatch(/Chinese|\[42\]/);
    expect(answer.answer).not.toMatch(/Chinese|\[42\]/);
    expect(answer.answer).toMatch(/^According to the commentary, Kazakhstan dispatched/);
    expectExactCitations(answer);
  });

  it('drops a claim cited to a passage that does not support it', async () => {
    const { fallback } = engines({
      answer: (call) =>
        `The author points out a significant surge in sugar exports [${passageNumber(call, 'sugar')}]. ` +
        `Kazakhstan plans a railway through Herat to Iranian ports [${passageNumber(call, 'sugar')}].`,
    });
    const { answer } = await collect(fallback, ask('What does the commentary say about exports?'));
    expect(answer.engine).toBe('llm');
    expect(answer.answer).toContain('sugar exports');
    expect(answer.answer).not.toMatch(/Herat|railway/);
  });

  it('never passes a sentence that has the IAIS hold a view, even when it is cited', async () => {
    const { fallback } = engines({
      answer: (call) =>
        `The IAIS supports Kazakhstan’s engagement with the Taliban-led administration [${passageNumber(call, 'twenty agreements')}]. ` +
        `The author contends that the twenty agreements worth $140 million reflect a deliberate strategic shift [${passageNumber(call, 'twenty agreements')}].`,
    });
    const { text, answer } = await collect(fallback, ask('How many agreements were signed with the Taliban-led administration?'));
    expect(answer.engine).toBe('llm');
    expect(text).not.toMatch(/IAIS supports/);
    expect(answer.answer).not.toMatch(/IAIS/);
    expect(answer.answer).toContain('twenty agreements');
  });

  it('never passes a first-person opinion', async () => {
    const { llm } = engines({
      answer: (call) => `In my opinion, Kazakhstan emerges as a regional actor balancing economic interests [${passageNumber(call, 'regional actor')}].`,
    });
    await expect(llm.answer(ask('What kind of regional actor is Kazakhstan?'))).rejects.toBeInstanceOf(UnverifiedAnswerError);
  });

  it('falls back to the offline engine when no generated sentence survives', async () => {
    const { fallback, logs } = engines({ answer: () => 'Kazakhstan is a great partner [7]. The IAIS believes so [1].' });
    const { answer } = await collect(fallback, ask('Where was the geological mission sent?'));
    expect(answer.engine).toBe('extractive');
    expect(answer.answer).toContain('Nuristan');
    expect(logs.some((line) => line.level === 'warn' && /falling back|answering with the extractive engine/.test(String(line.message)))).toBe(true);
  });

  it('answers not_found when the model says the passages do not answer', async () => {
    const { fallback } = engines({ answer: () => 'NOT_IN_TEXT' });
    const { answer } = await collect(fallback, ask('What is the capital of France?'));
    expect(answer).toMatchObject({ outcome: 'not_found', engine: 'llm', citations: [] });
  });
});

describe('provider failures fall back to the offline engine', () => {
  it('falls back when the provider call fails', async () => {
    const error = new APICallError({ message: 'Internal Server Error', url: 'http://127.0.0.1/v1/chat/completions', requestBodyValues: {}, statusCode: 500, isRetryable: true });
    const { fallback, logs } = engines({ streamError: error });
    const answer = await fallback.answer(ask('Where was the geological mission sent?'));
    expect(answer.engine).toBe('extractive');
    expect(answer.answer).toContain('Nuristan');
    const warning = logs.find((line) => line.level === 'warn');
    expect(warning?.message).toMatch(/llm engine failed/);
  });

  it('falls back when the model sends nothing before the first-token timeout', async () => {
    const { fallback, logs } = engines({ hang: true }, { firstTokenTimeoutMs: 150 });
    const started = performance.now();
    const { answer } = await collect(fallback, ask('Where was the geological mission sent?'));
    expect(answer.engine).toBe('extractive');
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(logs.some((line) => line.level === 'warn')).toBe(true);
  });

  it('ends the answer with its verified sentences when the stream breaks after some were shown', async () => {
    const { fallback, logs } = engines({
      answer: (call) => `Kazakhstan dispatched a geological mission to Nuristan Province [${passageNumber(call, 'Nuristan')}]. The mission collected`,
      errorAfterAnswer: new Error('connection reset'),
    });
    const { text, answer } = await collect(fallback, ask('Where was the geological mission sent?'));
    expect(answer.engine).toBe('llm');
    expect(text).toBe(answer.answer);
    expect(answer.answer).toMatch(/Nuristan Province \[1\]\.$/);
    expect(logs.some((line) => line.level === 'warn' && /ended early/.test(String(line.message)))).toBe(true);
  });

  it('does not answer again when the caller has gone', async () => {
    const { fallback } = engines({ hang: true });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    await expect(fallback.answer({ ...ask('Where was the geological mission sent?'), signal: controller.signal })).rejects.toThrow();
  });

  it('leaves policy questions to the offline engine without calling the model', async () => {
    const { fallback, model } = engines({ answer: () => 'The IAIS supports the Taliban [1].' });
    const answer = await fallback.answer(ask('What does the IAIS think about Kazakhstan’s policy?'));
    expect(answer.engine).toBe('extractive');
    expect(answer.answer).toMatch(/does not take institutional positions/);
    expect(model.doStreamCalls).toHaveLength(0);
  });
});

describe('follow-ups are condensed before retrieval', () => {
  const history: Question['history'] = [
    { role: 'user', content: 'Where did Kazakhstan send a geological mission?' },
    { role: 'assistant', content: 'According to the commentary, Kazakhstan dispatched a geological mission to Nuristan Province [1].' },
  ];

  it('rewrites the follow-up with the model and answers the standalone question', async () => {
    const standalone = 'What did the Kazakh geological mission collect in Nuristan Province?';
    const { fallback, model } = engines({
      condensed: standalone,
      answer: (call) => `The mission collected ore samples for analysis [${passageNumber(call, 'ore samples')}].`,
    });
    const { answer } = await collect(fallback, ask('What did it collect there?', history));
    expect(model.doGenerateCalls).toHaveLength(1);
    const condensePrompt = promptText(model.doGenerateCalls[0]!);
    expect(condensePrompt).toContain('User: Where did Kazakhstan send a geological mission?');
    expect(condensePrompt).toContain('What did it collect there?');
    expect(promptText(model.doStreamCalls[0]!)).toContain(`Question: ${standalone}`);
    expect(passageNumber(model.doStreamCalls[0]!, 'ore samples')).toBeGreaterThan(0);
    expect(answer).toMatchObject({ engine: 'llm', outcome: 'answered' });
    expect(answer.answer).toContain('ore samples');
  });

  it('uses the offline condenser when the condensing call fails, and still retrieves the subject', async () => {
    const { fallback, model } = engines({
      condensed: new Error('condense failed'),
      answer: (call) => `The mission collected ore samples for analysis [${passageNumber(call, 'ore samples')}].`,
    });
    const { answer } = await collect(fallback, ask('What did it collect there?', history));
    expect(promptText(model.doStreamCalls[0]!)).toContain('Question: What did it collect there?');
    expect(passageNumber(model.doStreamCalls[0]!, 'ore samples')).toBeGreaterThan(0);
    expect(answer.engine).toBe('llm');
  });

  it('does not call the model to condense a first question', async () => {
    const { llm, model } = engines({ answer: (call) => `Kazakhstan dispatched a geological mission to Nuristan Province [${passageNumber(call, 'Nuristan')}].` });
    await llm.answer(ask('Where was the geological mission sent?'));
    expect(model.doGenerateCalls).toHaveLength(0);
  });
});
