import type { Turn } from '../../answer/types.ts';
import type { SlackThreadMessage } from './slack-web-api.ts';
import { slackTextToPlain, unescapeSlackText } from './slack-text.ts';

/**
 * Turns the earlier messages of a thread into conversation history, oldest first: people's messages are
 * user turns, the bot's replies assistant turns; other bots, system messages and unfinished placeholders
 * are left out, as is everything from the message being answered onwards.
 */
export function threadHistory(
  messages: SlackThreadMessage[],
  options: { botUserId: string | undefined; beforeTs: string; placeholderText: string; maxTurns: number; maxTurnChars: number },
): Turn[] {
  const turns: Turn[] = [];
  for (const message of messages) {
    if (Number(message.ts) >= Number(options.beforeTs)) continue;
    if (message.subtype && message.subtype !== 'bot_message' && message.subtype !== 'thread_broadcast') continue;
    const text = message.text ?? '';
    const fromThisBot = options.botUserId !== undefined && message.user === options.botUserId;
    if (fromThisBot) {
      if (text === options.placeholderText || !text) continue;
      turns.push({ role: 'assistant', content: unescapeSlackText(text).slice(0, options.maxTurnChars) });
      continue;
    }
    if (message.bot_id || message.subtype === 'bot_message') continue;
    const content = slackTextToPlain(text, options.botUserId).slice(0, options.maxTurnChars);
    if (content) turns.push({ role: 'user', content });
  }
  return options.maxTurns > 0 ? turns.slice(-options.maxTurns) : [];
}
