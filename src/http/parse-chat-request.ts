import { z } from 'zod';
import type { Question, Turn } from '../answer/types.ts';
import type { Config } from '../config.ts';
import { AppError } from '../errors.ts';
import { invalidInput } from './invalid-input.ts';

// UIMessage as `useChat` sends it. Assistant messages come back with the parts we streamed
// (sources, data parts), so parts other than text are accepted and ignored.
const part = z.looseObject({ type: z.string({ error: 'type must be a string' }) });
const textPart = z.object({ type: z.literal('text'), text: z.string({ error: 'text must be a string' }) }, { error: 'a text part needs a "text" string' });
const message = z.looseObject({
  id: z.string({ error: 'id must be a string' }).optional(),
  role: z.enum(['user', 'assistant'], { error: 'role must be "user" or "assistant"' }),
  parts: z.array(part, { error: 'parts must be an array of message parts' }).max(500, 'parts has more than 500 entries'),
});
const maximumMessages = 500;

/**
 * Validates the body `useChat` sends (`{ messages: UIMessage[], … }`) and turns it into a question:
 * the last message, which must come from the user and hold text, and the earlier turns as history
 * (the latest `maxHistoryTurns` of them). Throws an AppError naming the offending field.
 */
export function parseChatRequest(body: unknown, limits: Config['limits']): Omit<Question, 'signal'> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new AppError('invalid_request', 'The body must be a JSON object with a "messages" array.');
  }
  const messages = (body as Record<string, unknown>).messages;
  if (!Array.isArray(messages)) throw new AppError('invalid_request', 'The "messages" field must be an array of UI messages.', { field: 'messages' });
  if (messages.length === 0) throw new AppError('question_missing', 'The "messages" array is empty.', { field: 'messages' });
  if (messages.length > maximumMessages) {
    throw new AppError('history_invalid', `The "messages" array has more than ${maximumMessages} messages.`, { field: 'messages' });
  }
  const turns: Turn[] = messages.map((candidate, index) => {
    const parsed = message.safeParse(candidate);
    if (!parsed.success) throw invalidInput(parsed.error, { prefix: ['messages', index] });
    const texts = parsed.data.parts.flatMap((entry, partIndex) => {
      if (entry.type !== 'text') return [];
      const text = textPart.safeParse(entry);
      if (!text.success) throw invalidInput(text.error, { prefix: ['messages', index, 'parts', partIndex] });
      return [text.data.text];
    });
    const content = texts.join('');
    const limit = index === messages.length - 1 ? limits.maxQuestionChars : limits.maxQuestionChars * 4;
    if (content.length > limit) {
      const code = index === messages.length - 1 ? 'question_too_long' : 'history_invalid';
      throw new AppError(code, `messages.${index} has more than ${limit} characters of text.`, { field: `messages.${index}` });
    }
    return { role: parsed.data.role, content };
  });
  const last = turns.at(-1)!;
  const lastIndex = turns.length - 1;
  if (last.role !== 'user') {
    throw new AppError('invalid_request', 'The last message must come from the user.', { field: `messages.${lastIndex}.role` });
  }
  const question = last.content.trim();
  if (!question) throw new AppError('question_missing', 'The last message has no text.', { field: `messages.${lastIndex}.parts` });
  const earlier = turns.slice(0, -1).filter((turn) => turn.content.trim());
  const history = limits.maxHistoryTurns > 0 ? earlier.slice(-limits.maxHistoryTurns) : [];
  return { question, history };
}
