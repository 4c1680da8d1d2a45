import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import { loadPrompts, requirePrompts } from '../prompts.ts';
import type { SearchIndex } from '../search/search-index.ts';
import { createLanguageModel } from './create-language-model.ts';
import { createFallbackEngine } from './fallback-engine.ts';
import { answerPromptNames, createLlmEngine } from './llm-engine.ts';
import { policyRoute } from './policy-route.ts';
import type { AnswerEngine } from './types.ts';

export interface CreateGenerativeEngineOptions {
  llm: NonNullable<Config['llm']>;
  promptsDirectory: string;
  index: SearchIndex;
  /** The offline engine: it answers policy questions and whenever the model fails. */
  fallback: AnswerEngine;
  logger: Logger;
}

/** The generative engine as configured, wrapped so the offline engine answers whenever it cannot. Throws when a prompt file is missing. */
export async function createGenerativeEngine(options: CreateGenerativeEngineOptions): Promise<AnswerEngine> {
  const { llm, index, fallback, logger } = options;
  const prompts = await loadPrompts(options.promptsDirectory);
  requirePrompts(prompts, answerPromptNames);
  const primary = createLlmEngine({
    index,
    model: createLanguageModel(llm),
    prompts,
    logger: logger.child({ engine: 'llm' }),
    temperature: llm.temperature,
    timeoutMs: llm.timeoutMs,
    firstTokenTimeoutMs: llm.firstTokenTimeoutMs,
  });
  logger.info('generative engine on', { model: llm.model, baseURL: llm.baseURL ?? 'OpenAI', api: llm.baseURL ? 'chat completions' : 'responses' });
  return createFallbackEngine({ primary, fallback, logger, routeToFallback: policyRoute });
}
