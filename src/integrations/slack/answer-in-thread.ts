import type { Answer, Turn } from '../../answer/types.ts';
import type { Services } from '../../http/app-env.ts';
import { formatSlackAnswer, formatSlackNotice } from './format-slack-answer.ts';
import { escapeSlackText } from './slack-text.ts';
import type { SlackWebApi } from './slack-web-api.ts';
import { threadHistory } from './thread-history.ts';
import { rememberAnswer } from './remember-answer.ts';

export const placeholderText = 'Looking that up in the commentary…';
const threadMemoryTtlMs = 7 * 24 * 60 * 60 * 1000;

export interface ThreadQuestion {
  teamId: string;
  channel: string;
  /** The message being answered. */
  ts: string;
  /** The thread it belongs to, when it is a reply; a top-level message starts a new thread. */
  threadTs: string | undefined;
  question: string;
  botUserId: string | undefined;
}

/**
 * Answers one message in its thread: posts a placeholder at once, then replaces it with the cited answer.
 * The thread's earlier messages are the history; when Slack will not give them (a missing scope, an
 * outage), the bot's own memory of the thread is used instead.
 */
export async function answerInThread(services: Services, slack: SlackWebApi, request: ThreadQuestion): Promise<void> {
  const logger = services.logger.child({ integration: 'slack', channel: request.channel, ts: request.ts });
  const threadTs = request.threadTs ?? request.ts;
  const placeholder = await slack.postMessage({ channel: request.channel, threadTs, message: formatSlackNotice(placeholderText) });
  const update = (message: Parameters<SlackWebApi['updateMessage']>[0]['message']) =>
    slack.updateMessage({ channel: placeholder.channel, ts: placeholder.ts, message });

  const { maxQuestionChars, maxHistoryTurns } = services.config.limits;
  if (!request.question) {
    await update(formatSlackNotice('Ask me a question about the commentary, for example: _Who visited Kabul?_'));
    return;
  }
  if (request.question.length > maxQuestionChars) {
    await update(formatSlackNotice(escapeSlackText(`That question is longer than ${maxQuestionChars} characters; please shorten it.`)));
    return;
  }

  const memoryKey = `slack:thread:${request.teamId}:${request.channel}:${threadTs}`;
  let posted: Answer;
  try {
    const history = request.threadTs ? await loadHistory(services, slack, request, memoryKey) : [];
    const answer = await services.engine.answer({ question: request.question, history });
    const feedbackId = services.config.slack.interactivity ? await rememberAnswer(services.store, request.question, answer) : undefined;
    await update(formatSlackAnswer(answer, { feedbackId }));
    logger.info('slack answer posted', { outcome: answer.outcome, engine: answer.engine, citations: answer.citations.length, historyTurns: history.length });
    posted = answer;
  } catch (error) {
    logger.error('slack answer failed', { error });
    await update(formatSlackNotice('Sorry, I could not answer that just now. Please try again in a moment.'));
    return;
  }
  // The answer is posted: failing to remember the thread only costs the next follow-up its context.
  try {
    const remember = { maxLength: Math.max(maxHistoryTurns, 2), ttlMs: threadMemoryTtlMs };
    await services.store.append(memoryKey, JSON.stringify({ role: 'user', content: request.question } satisfies Turn), remember);
    await services.store.append(memoryKey, JSON.stringify({ role: 'assistant', content: posted.answer } satisfies Turn), remember);
  } catch (error) {
    logger.warn('slack thread memory not saved', { error });
  }
}

async function loadHistory(services: Services, slack: SlackWebApi, request: ThreadQuestion, memoryKey: string): Promise<Turn[]> {
  const { maxHistoryTurns, maxQuestionChars } = services.config.limits;
  try {
    const messages = await slack.threadReplies({ channel: request.channel, threadTs: request.threadTs!, limit: 200 });
    return threadHistory(messages, {
      botUserId: request.botUserId,
      beforeTs: request.ts,
      placeholderText,
      maxTurns: maxHistoryTurns,
      maxTurnChars: maxQuestionChars * 4,
    });
  } catch (error) {
    services.logger.warn('slack thread history unavailable, using the bot memory of the thread', { error });
    const remembered = await services.store.list(memoryKey);
    return remembered.flatMap((entry) => {
      try {
        return [JSON.parse(entry) as Turn];
      } catch {
        return [];
      }
    });
  }
}
