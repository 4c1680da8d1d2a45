import { z } from 'zod';
import type { Context } from 'hono';
import { AppError } from '../errors.ts';
import type { Config } from '../config.ts';
import type { Question, Turn } from '../answer/types.ts';
import { invalidInput } from './invalid-input.ts';

/** Reads a JSON body, refusing other content types (415) and text that is not JSON (400). */
export async function readJsonBody(c: Context): Promise<unknown> {
  const contentType = c.req.header('content-type') ?? '';
  if (!/^application\/([a-z.+-]*\+)?json\b/i.test(contentType)) {
    throw new AppError('unsupported_media_type', 'Send the body as JSON with Content-Type: application/json.');
  }
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new AppError('invalid_json', 'The body is not valid UTF-8.');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('invalid_json', 'The body is not valid JSON.');
  }
}

export function questionSchemas(limits: Config['limits']) {
  const turn = z.object({
    role: z.enum(['user', 'assistant'], { error: 'role must be "user" or "assistant"' }),
    content: z.string({ error: 'content must be a string' }).max(limits.maxQuestionChars * 4, `content is longer than ${limits.maxQuestionChars * 4} characters`),
  });
  const history = z.array(turn, { error: 'history must be an array of { role, content } turns' }).max(limits.maxHistoryTurns, `history has more than ${limits.maxHistoryTurns} turns`);
  return { turn, history };
}

/** Validates `{ question, history? }`, throwing an AppError that names the offending field. */
export function parseQuestionBody(body: unknown, limits: Config['limits']): Omit<Question, 'signal'> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new AppError('invalid_request', 'The body must be a JSON object with a "question" string.');
  }
  const record = body as Record<string, unknown>;
  if (record.question === undefined || record.question === null) {
    throw new AppError('question_missing', 'The "question" field is required.', { field: 'question' });
  }
  if (typeof record.question !== 'string') {
    throw new AppError('invalid_request', 'The "question" field must be a string.', { field: 'question' });
  }
  const question = record.question.trim();
  if (!question) throw new AppError('question_missing', 'The "question" field is empty.', { field: 'question' });
  if (question.length > limits.maxQuestionChars) {
    throw new AppError('question_too_long', `The question is longer than ${limits.maxQuestionChars} characters.`, { field: 'question' });
  }
  const { history: historySchema } = questionSchemas(limits);
  const parsed = historySchema.safeParse(record.history ?? []);
  if (!parsed.success) {
    throw invalidInput(parsed.error, { prefix: ['history'], code: 'history_invalid' });
  }
  return { question, history: parsed.data as Turn[] };
}
