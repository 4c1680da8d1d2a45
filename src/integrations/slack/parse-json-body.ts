import type { z } from 'zod';
import { AppError } from '../../errors.ts';
import { invalidInput } from '../../http/invalid-input.ts';

/** Parses an already verified raw body as JSON and checks it against `schema`; 400 naming the problem otherwise. */
export function parseJsonBody<Schema extends z.ZodType>(rawBody: string, schema: Schema): z.infer<Schema> {
  let value: unknown;
  try {
    value = JSON.parse(rawBody);
  } catch {
    throw new AppError('invalid_json', 'The body is not valid JSON.');
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalidInput(parsed.error);
  return parsed.data;
}
