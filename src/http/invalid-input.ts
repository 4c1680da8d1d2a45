import type { z } from 'zod';
import { AppError, type ErrorCode } from '../errors.ts';

/**
 * Turns a failed schema check into the AppError callers see: its first problem, named by the
 * field's path (under `prefix`, e.g. `messages.3`), or by `fallbackField` when the body itself is wrong.
 */
export function invalidInput(
  error: z.ZodError,
  options: { prefix?: Array<string | number>; code?: ErrorCode; fallbackField?: string } = {},
): AppError {
  const issue = error.issues[0]!;
  const path = [...(options.prefix ?? []), ...issue.path].join('.') || options.fallbackField || 'body';
  return new AppError(options.code ?? 'invalid_request', `${path}: ${issue.message}`, { field: path });
}
