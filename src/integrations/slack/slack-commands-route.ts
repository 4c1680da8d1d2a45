import { Hono } from 'hono';
import { AppError } from '../../errors.ts';
import type { AppEnv, Services } from '../../http/app-env.ts';
import { formatSlackAnswer, formatSlackNotice } from './format-slack-answer.ts';
import { postToResponseUrl } from './post-to-response-url.ts';
import { readSignedBody } from './read-signed-body.ts';
import { rememberAnswer } from './remember-answer.ts';
import { escapeSlackText, slackTextToPlain } from './slack-text.ts';

const usage =
  'Ask a question about the commentary, for example `/ask Who visited Kabul?`. ' +
  'Start with `public` to share the answer with the channel, or `private` to keep it to yourself.';

/**
 * `POST /integrations/slack/commands`: the slash command. Replies at once with an ephemeral
 * "working on it" and delivers the cited answer to the command's `response_url` afterwards.
 */
export function createSlackCommandsRoute(services: Services, options: { signingSecret: string; now: () => number; inChannel: boolean }) {
  const route = new Hono<AppEnv>();
  route.post('/', async (c) => {
    const rawBody = await readSignedBody(c, options);
    const form = new URLSearchParams(rawBody);
    const responseUrl = form.get('response_url');
    if (!form.has('command')) throw new AppError('invalid_request', 'The "command" field is required.', { field: 'command' });
    if (!responseUrl || !URL.canParse(responseUrl) || !/^https?:$/.test(new URL(responseUrl).protocol)) {
      throw new AppError('invalid_request', 'The "response_url" field must be an http(s) URL.', { field: 'response_url' });
    }

    const { question, visibility } = readCommandText(form.get('text') ?? '', options.inChannel);
    if (!question || question.toLowerCase() === 'help') return c.json({ response_type: 'ephemeral', ...formatSlackNotice(usage) });
    const { maxQuestionChars } = services.config.limits;
    if (question.length > maxQuestionChars) {
      return c.json({ response_type: 'ephemeral', ...formatSlackNotice(`That question is longer than ${maxQuestionChars} characters; please shorten it.`) });
    }

    const logger = c.get('logger').child({ integration: 'slack-command' });
    services.backgroundTasks.run('slack-command', async () => {
      try {
        const answer = await services.engine.answer({ question, history: [] });
        const feedbackId = services.config.slack.interactivity ? await rememberAnswer(services.store, question, answer) : undefined;
        await postToResponseUrl(responseUrl, { response_type: visibility, ...formatSlackAnswer(answer, { question, feedbackId }) });
        logger.info('slack command answered', { outcome: answer.outcome, engine: answer.engine, visibility });
      } catch (error) {
        logger.error('slack command failed', { error });
        await postToResponseUrl(responseUrl, {
          response_type: 'ephemeral',
          ...formatSlackNotice('Sorry, I could not answer that just now. Please try again in a moment.'),
        });
      }
    });
    return c.json({ response_type: 'ephemeral', ...formatSlackNotice(`Working on it: _${escapeSlackText(question)}_`) });
  });
  return route;
}

/** `public …` shares the answer with the channel, `private …` keeps it ephemeral; otherwise the configured default. */
function readCommandText(text: string, inChannelByDefault: boolean) {
  const plain = slackTextToPlain(text);
  const match = /^(public|private)\b\s*(.*)$/is.exec(plain);
  if (match) return { question: match[2]!.trim(), visibility: match[1]!.toLowerCase() === 'public' ? ('in_channel' as const) : ('ephemeral' as const) };
  return { question: plain, visibility: inChannelByDefault ? ('in_channel' as const) : ('ephemeral' as const) };
}
