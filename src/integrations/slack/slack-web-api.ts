import type { SlackMessage } from './format-slack-answer.ts';

/** A message of a thread as `conversations.replies` returns it (only the fields we read). */
export interface SlackThreadMessage {
  ts: string;
  text?: string;
  user?: string;
  bot_id?: string;
  subtype?: string;
}

export class SlackApiError extends Error {
  readonly method: string;
  readonly slackError: string;

  constructor(method: string, slackError: string, options: { cause?: unknown } = {}) {
    super(`Slack ${method} failed: ${slackError}`, options);
    this.name = 'SlackApiError';
    this.method = method;
    this.slackError = slackError;
  }
}

export interface SlackWebApi {
  postMessage(options: { channel: string; threadTs?: string; message: SlackMessage }): Promise<{ channel: string; ts: string }>;
  updateMessage(options: { channel: string; ts: string; message: SlackMessage }): Promise<void>;
  threadReplies(options: { channel: string; threadTs: string; limit: number }): Promise<SlackThreadMessage[]>;
}

/**
 * A small client for the Slack Web API methods the bot uses. The base URL is configurable so tests
 * (and Slack-compatible servers) can stand in for slack.com; every call has a timeout.
 */
export function createSlackWebApi(options: { token: string; baseUrl: string; timeoutMs?: number; maxRetryAfterSeconds?: number; fetch?: typeof fetch }): SlackWebApi {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxRetryAfterSeconds = options.maxRetryAfterSeconds ?? 5;
  const fetchImplementation = options.fetch ?? fetch;

  async function call(method: string, body: Record<string, unknown>, encoding: 'json' | 'form', attempt = 1): Promise<Record<string, unknown>> {
    // Slack's read methods accept only form or query parameters; its write methods take JSON.
    const payload =
      encoding === 'json'
        ? JSON.stringify(body)
        : new URLSearchParams(Object.entries(body).map(([key, value]) => [key, String(value)])).toString();
    let response: Response;
    try {
      response = await fetchImplementation(new URL(method, options.baseUrl), {
        method: 'POST',
        headers: {
          authorization: `Bearer ${options.token}`,
          'content-type': encoding === 'json' ? 'application/json; charset=utf-8' : 'application/x-www-form-urlencoded',
        },
        body: payload,
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new SlackApiError(method, error instanceof Error && error.name === 'TimeoutError' ? 'timeout' : 'network_error', { cause: error });
    }
    // Slack limits posting to about one message a second per channel; a short wait saves the answer.
    if (response.status === 429 && attempt === 1) {
      const waitSeconds = Number(response.headers.get('retry-after') ?? '1');
      await response.body?.cancel();
      if (Number.isFinite(waitSeconds) && waitSeconds <= maxRetryAfterSeconds) {
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, waitSeconds) * 1000));
        return call(method, body, encoding, attempt + 1);
      }
      throw new SlackApiError(method, 'ratelimited');
    }
    let result: Record<string, unknown>;
    try {
      result = (await response.json()) as Record<string, unknown>;
    } catch (error) {
      throw new SlackApiError(method, `http_${response.status}`, { cause: error });
    }
    if (result.ok !== true) throw new SlackApiError(method, typeof result.error === 'string' ? result.error : `http_${response.status}`);
    return result;
  }

  // Slack would otherwise link URLs and names in the fallback text; the blocks opt out with `verbatim`.
  const noAutomaticFormatting = { parse: 'none', link_names: false, unfurl_links: false, unfurl_media: false };

  return {
    async postMessage({ channel, threadTs, message }) {
      const result = await call(
        'chat.postMessage',
        { channel, ...(threadTs ? { thread_ts: threadTs } : {}), text: message.text, blocks: message.blocks, ...noAutomaticFormatting },
        'json',
      );
      return { channel: String(result.channel ?? channel), ts: String(result.ts) };
    },
    async updateMessage({ channel, ts, message }) {
      await call('chat.update', { channel, ts, text: message.text, blocks: message.blocks, parse: 'none', link_names: false }, 'json');
    },
    async threadReplies({ channel, threadTs, limit }) {
      const result = await call('conversations.replies', { channel, ts: threadTs, limit }, 'form');
      return Array.isArray(result.messages) ? (result.messages as SlackThreadMessage[]) : [];
    },
  };
}
