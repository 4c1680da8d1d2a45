import type { Answer } from '../../answer/types.ts';
import { escapeSlackText, truncateForSlack } from './slack-text.ts';

/** A Slack message: `text` is the notification fallback, `blocks` what people see. */
export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

export type SlackTextObject = { type: 'mrkdwn'; text: string; verbatim: true } | { type: 'plain_text'; text: string; emoji?: boolean };

export type SlackBlock =
  | { type: 'section'; text: SlackTextObject }
  | { type: 'context'; elements: SlackTextObject[] }
  | { type: 'actions'; block_id?: string; elements: SlackButton[] };

export interface SlackButton {
  type: 'button';
  action_id: string;
  text: { type: 'plain_text'; text: string; emoji: true };
  value: string;
}

// Slack's documented limits: 3000 characters in a section, 10 elements in a context block.
const sectionLimit = 3000;
const contextElementLimit = 2000;
const maxContextElements = 10;

/** Text as mrkdwn with Slack's automatic linking of URLs, channels and names turned off. */
export function mrkdwn(text: string): SlackTextObject {
  return { type: 'mrkdwn', text, verbatim: true };
}

/**
 * Formats an answer for Slack: the answer with its `[n]` markers, the quotes as a context block and the
 * publisher's disclaimer as a context block. Every piece of text is escaped, so nothing in the corpus or
 * the question can mention anyone or create a link. `feedbackId`, when given, adds thumbs-up/down buttons.
 */
export function formatSlackAnswer(answer: Answer, options: { question?: string; feedbackId?: string } = {}): SlackMessage {
  const blocks: SlackBlock[] = [];
  if (options.question) {
    blocks.push({ type: 'context', elements: [mrkdwn(truncateForSlack(`*Question:* ${escapeSlackText(options.question)}`, contextElementLimit))] });
  }
  blocks.push({ type: 'section', text: mrkdwn(truncateForSlack(escapeSlackText(answer.answer), sectionLimit)) });
  const quotes = answer.citations.slice(0, maxContextElements).map((citation) =>
    mrkdwn(truncateForSlack(`[${citation.n}] “${escapeSlackText(citation.quote)}”`, contextElementLimit)),
  );
  if (quotes.length > 0) blocks.push({ type: 'context', elements: quotes });
  if (answer.disclaimer) blocks.push({ type: 'context', elements: [mrkdwn(truncateForSlack(escapeSlackText(answer.disclaimer), contextElementLimit))] });
  if (options.feedbackId) {
    blocks.push({
      type: 'actions',
      block_id: 'feedback',
      elements: [
        { type: 'button', action_id: 'feedback_up', text: { type: 'plain_text', text: '👍 Helpful', emoji: true }, value: options.feedbackId },
        { type: 'button', action_id: 'feedback_down', text: { type: 'plain_text', text: '👎 Not helpful', emoji: true }, value: options.feedbackId },
      ],
    });
  }
  return { text: truncateForSlack(escapeSlackText(answer.answer), sectionLimit), blocks };
}

/** A short message with no answer in it (help, "working on it", an apology). `text` must already be escaped. */
export function formatSlackNotice(text: string): SlackMessage {
  return { text, blocks: [{ type: 'section', text: mrkdwn(text) }] };
}
