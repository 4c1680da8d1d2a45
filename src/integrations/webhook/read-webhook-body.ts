import type { Context } from 'hono';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { invalidInput } from '../../http/invalid-input.ts';

/** The fields of a Slack-style outgoing webhook we use (Slack legacy, Mattermost and Rocket.Chat all send these). */
export const webhookPayloadSchema = z.object({
  token: z.string({ error: 'token must be a string' }).optional(),
  text: z.string({ error: 'text must be a string' }).default(''),
  trigger_word: z.string({ error: 'trigger_word must be a string' }).optional(),
  user_name: z.string().optional(),
  bot: z.unknown().optional(),
});

export type WebhookPayload = z.infer<typeof webhookPayloadSchema>;

/** Reads a form-encoded or JSON webhook body; 415 for other types, 400 when it cannot be read. */
export async function readWebhookBody(c: Context): Promise<WebhookPayload> {
  const contentType = c.req.header('content-type') ?? '';
  let raw: unknown;
  if (/^application\/x-www-form-urlencoded\b/i.test(contentType)) {
    raw = Object.fromEntries(new URLSearchParams(await c.req.text()));
  } else if (/^application\/([a-z.+-]*\+)?json\b/i.test(contentType)) {
    try {
      raw = JSON.parse(await c.req.text());
    } catch {
      throw new AppError('invalid_json', 'The body is not valid JSON.');
    }
  } else {
    throw new AppError('unsupported_media_type', 'Send the webhook as application/x-www-form-urlencoded or application/json.');
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new AppError('invalid_request', 'The body must be an object.');
  const parsed = webhookPayloadSchema.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  return parsed.data;
}
