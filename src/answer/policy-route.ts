import { classifyQuestion } from './question-intent.ts';
import type { Question } from './types.ts';

/**
 * Questions about the institute's view, requests for an opinion, prompt injections and off-task
 * requests are answered by policy, not by the model: returns the reason, or undefined for a
 * question the text should answer.
 */
export function policyRoute(question: Question): string | undefined {
  const { policy } = classifyQuestion(question.question);
  return policy ? `policy question (${policy})` : undefined;
}
