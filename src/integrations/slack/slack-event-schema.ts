import { z } from 'zod';

/** The part of a Slack event we act on; other fields are ignored. */
export const slackMessageEventSchema = z.object({
  type: z.string(),
  user: z.string().optional(),
  bot_id: z.string().optional(),
  app_id: z.string().optional(),
  subtype: z.string().optional(),
  text: z.string().optional(),
  ts: z.string().optional(),
  thread_ts: z.string().optional(),
  channel: z.string().optional(),
  channel_type: z.string().optional(),
});

export type SlackMessageEvent = z.infer<typeof slackMessageEventSchema>;

export const urlVerificationSchema = z.object({ type: z.literal('url_verification'), challenge: z.string().max(1000) });

export const eventCallbackSchema = z.object({
  type: z.literal('event_callback'),
  event_id: z.string().min(1),
  team_id: z.string().optional(),
  event: slackMessageEventSchema,
  authorizations: z.array(z.object({ user_id: z.string().optional() }).loose()).optional(),
});

export type EventCallback = z.infer<typeof eventCallbackSchema>;

/** Every envelope names its type; we answer url_verification and event_callback and acknowledge the rest. */
export const envelopeTypeSchema = z.object({ type: z.string() });
