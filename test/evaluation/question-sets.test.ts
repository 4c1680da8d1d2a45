import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { gradeCase, parseEvalCases } from '../../src/evaluation/grade-case.ts';
import type { Services } from '../../src/http/app-env.ts';
import { createTestServices, projectRoot } from '../support/test-services.ts';

let services: Services;
beforeAll(async () => {
  services = await createTestServices();
});

const sets = {
  dev: join(projectRoot, '..', 'shared', 'eval', 'dev.jsonl'),
  probe: join(projectRoot, 'test', 'fixtures', 'probe.jsonl'),
};

describe.each(Object.entries(sets))('question set %s', (_name, file) => {
  const cases = parseEvalCases(readFileSync(file, 'utf8'));
  it.each(cases.map((evalCase) => [evalCase.id, evalCase] as const))('%s', async (_id, evalCase) => {
    const answer = await services.engine.answer({ question: evalCase.question, history: evalCase.history ?? [] });
    const text = (docId: string) => services.index.corpus.documents.find((document) => document.id === docId)?.text;
    expect(gradeCase(evalCase, answer, text), answer.answer).toEqual([]);
  });
});
