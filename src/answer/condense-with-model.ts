import { generateText, type LanguageModel } from 'ai';
import type { Logger } from '../logger.ts';
import type { Prompts } from '../prompts.ts';
import { condenseQuestion } from './condense-question.ts';
import type { Turn } from './types.ts';

export interface CondensedQuestion {
  /** The question the model answers. */
  question: string;
  /** What retrieval searches for. */
  query: string;
  method: 'none' | 'model' | 'offline';
}

export interface CondenseWithModelOptions {
  model: LanguageModel;
  prompts: Prompts;
  question: string;
  history: Turn[];
  timeoutMs: number;
  logger: Logger;
  signal?: AbortSignal;
}

const turnsShown = 6;
const charactersPerTurn = 600;

/**
 * Rewrites a follow-up as a standalone question with the model. A question with no earlier user
 * turn is already standalone. When the model fails or answers with something unusable, the offline
 * condenser (earlier subject words added to the search) takes over.
 */
export async function condenseWithModel(options: CondenseWithModelOptions): Promise<CondensedQuestion> {
  const { question, history } = options;
  if (!history.some((turn) => turn.role === 'user')) return { question, query: question, method: 'none' };
  const conversation = history
    .slice(-turnsShown)
    .map((turn) => `${turn.role === 'user' ? 'User' : 'Assistant'}: ${turn.content.replace(/\s*\[\d+\]/g, '').replace(/\s+/g, ' ').trim().slice(0, charactersPerTurn)}`)
    .join('\n');
  try {
    const result = await generateText({
      model: options.model,
      prompt: options.prompts.render('condense-question', { conversation, question }),
      temperature: 0,
      maxOutputTokens: 120,
      maxRetries: 0,
      timeout: options.timeoutMs,
      abortSignal: options.signal,
    });
    const rewritten = cleanRewrite(result.text);
    if (rewritten && rewritten.length <= question.length * 4 + 200) return { question: rewritten, query: rewritten, method: 'model' };
    options.logger.warn('condensing answer unusable; using the offline condenser', { length: result.text.length });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    options.logger.warn('condensing with the model failed; using the offline condenser', { error });
  }
  const offline = condenseQuestion(question, history);
  return { question, query: offline.context ? `${offline.question} ${offline.context}` : offline.question, method: 'offline' };
}

function cleanRewrite(text: string): string {
  const withoutReasoning = text.replace(/<think>[\s\S]*?<\/think>/g, '');
  const line = withoutReasoning.split('\n').map((candidate) => candidate.trim()).find(Boolean) ?? '';
  return line.replace(/^(standalone question|question)\s*:\s*/i, '').replace(/^["“']|["”']$/g, '').trim();
}
