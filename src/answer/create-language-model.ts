import { createOpenAI } from '@ai-sdk/openai';
import type { LanguageModel } from 'ai';
import type { Config } from '../config.ts';

/**
 * The configured model. Against OpenAI itself, the provider's default (the Responses API); against
 * a custom base URL, the Chat Completions API (`/chat/completions`), the one that Ollama, vLLM,
 * LM Studio and llama.cpp implement. Local servers need no key, but the provider insists on one.
 */
export function createLanguageModel(llm: NonNullable<Config['llm']>, fetch?: typeof globalThis.fetch): LanguageModel {
  const provider = createOpenAI({ apiKey: llm.apiKey ?? 'not-needed', baseURL: llm.baseURL, fetch });
  return llm.baseURL ? provider.chat(llm.model) : provider(llm.model);
}
