import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { answerPromptNames } from '../../src/answer/llm-engine.ts';
import { loadPrompts, requirePrompts } from '../../src/prompts.ts';
import { projectRoot } from '../support/test-services.ts';

describe('prompts', () => {
  it('loads the project prompts, all the engine needs', async () => {
    const prompts = await loadPrompts(join(projectRoot, 'prompts'));
    expect(() => requirePrompts(prompts, answerPromptNames)).not.toThrow();
    const text = prompts.render('answer-question', { passages: '[1] A sentence.', question: 'Why?' });
    expect(text).toContain('[1] A sentence.');
    expect(text).toContain('Question: Why?');
  });

  it('refuses to render with a missing or an unused variable, or an unknown prompt', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'prompts-'));
    await writeFile(join(directory, 'greeting.md'), 'Hello {{name}}, about {{ topic }}.');
    const prompts = await loadPrompts(directory);
    expect(prompts.render('greeting', { name: 'Ada', topic: 'trade' })).toBe('Hello Ada, about trade.');
    expect(() => prompts.render('greeting', { name: 'Ada' })).toThrow(/needs the variable "topic"/);
    expect(() => prompts.render('greeting', { name: 'Ada', topic: 'x', extra: 'y' })).toThrow(/does not use the variable\(s\) extra/);
    expect(() => prompts.render('farewell', {})).toThrow(/No prompt named "farewell"/);
    expect(() => requirePrompts(prompts, ['greeting', 'answer-system'])).toThrow(/answer-system\.md/);
  });
});
