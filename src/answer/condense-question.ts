import type { Turn } from './types.ts';
import { contentWords } from './text.ts';

export interface StandaloneQuestion {
  /** The question as asked. */
  question: string;
  /** Words from earlier turns that give a follow-up its subject; empty for a standalone question. */
  context: string;
}

const referringWords = /\b(it|its|they|them|their|there|that|this|those|these|he|him|his|she|her|the same|such|else|more|further|also|why|how so)\b/i;
const continuation = /^\s*(and|but|so|also|what about|how about|and what|why|then|tell me more|more|what else|anything else)\b/i;
const metaWords = /^(commentary|author|text|article|piece|say|says|said|mention|mentions|mentioned|tell|explain|describe|according|write|wrote|written|does|did|do|what|which|who|where|when|how|why|else|more)$/i;

/**
 * The offline condenser: a follow-up (one that refers back, or has too few words of its own to
 * stand alone) borrows the subject words of the latest user turn and the answer given to it.
 */
export function condenseQuestion(question: string, history: Turn[]): StandaloneQuestion {
  const lastUserIndex = history.findLastIndex((turn) => turn.role === 'user');
  if (lastUserIndex < 0) return { question, context: '' };
  const ownWords = contentWords(question).filter((token) => !metaWords.test(token.lower));
  const isFollowUp = referringWords.test(question) || continuation.test(question) || ownWords.length <= 1;
  if (!isFollowUp) return { question, context: '' };
  const lastUser = history[lastUserIndex]!.content;
  const reply = history.slice(lastUserIndex + 1).find((turn) => turn.role === 'assistant')?.content ?? '';
  // The reply's cited passages name the subject ("Nuristan Province") even when the question did not.
  const replyWords = contentWords(reply.replace(/\[\d+\]/g, ''))
    .filter((token) => !metaWords.test(token.lower))
    .slice(0, 24)
    .map((token) => token.word);
  return { question, context: `${lastUser} ${replyWords.join(' ')}`.trim() };
}
