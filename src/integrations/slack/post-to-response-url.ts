import type { SlackMessage } from './format-slack-answer.ts';

/**
 * Delivers a deferred slash-command reply to the `response_url` Slack gave us (valid for 30 minutes,
 * no token needed). Throws when the URL does not accept it.
 */
export async function postToResponseUrl(
  responseUrl: string,
  message: SlackMessage & { response_type: 'ephemeral' | 'in_channel'; replace_original?: boolean },
  options: { timeoutMs?: number; fetch?: typeof fetch } = {},
): Promise<void> {
  const response = await (options.fetch ?? fetch)(responseUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(message),
    signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
  });
  await response.body?.cancel();
  if (!response.ok) throw new Error(`The response_url refused the reply with HTTP ${response.status}.`);
}
