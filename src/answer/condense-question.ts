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
  const substituted = substituteName(question, lastUser);
  if (substituted) return { question: substituted, context: '' };
  const reply = history.slice(lastUserIndex + 1).find((turn) => turn.role === 'assistant')?.content ?? '';
  // The reply's cited passages name the subject ("Nuristan Province") even when the question did not.
  const replyWords = contentWords(reply.replace(/\[\d+\]/g, ''))
    .filter((token) => !metaWords.test(token.lower))
    .slice(0, 24)
    .map((token) => token.word);
  return { question, context: `${lastUser} ${replyWords.join(' ')}`.trim() };
}

/**
 * "And Kazakhstan's?" after "What is Afghanistan's population?" asks the earlier question about a
 * new name: the earlier question with its name replaced stands alone (and is checked as such).
 */
function substituteName(question: string, previous: string): string | undefined {
  const elliptical = /^\s*(?:and|but|what about|how about|and what about)\s+(?:the\s+|for\s+)?(.{1,40}?)\s*\??\s*$/i.exec(question);
  if (!elliptical) return undefined;
  const replacement = elliptical[1]!.replace(/['’]s$/i, '');
  if (!/^[A-Z][\p{L}-]*(\s+[A-Z][\p{L}-]*){0,3}$/u.test(replacement)) return undefined;
  // The first name in the earlier question that is not its opening word.
  const name = /(?<=\S\s+(?:[\p{L}’']+\s+)*)\b[A-Z][\p{L}-]*(?:\s+[A-Z][\p{L}-]*)*/u.exec(previous);
  if (!name) return undefined;
  return previous.slice(0, name.index) + replacement + previous.slice(name.index + name[0].length);
}
