import { createUIMessageStream, createUIMessageStreamResponse, type UIMessage } from 'ai';
import { Hono } from 'hono';
import type { Answer, Citation } from '../answer/types.ts';
import type { AppEnv, Services } from './app-env.ts';
import { parseChatRequest } from './parse-chat-request.ts';
import { readJsonBody } from './validation.ts';

/** The data parts `/api/chat` streams besides text and sources, keyed by their name after `data-`. */
export type ChatDataParts = {
  /** One per citation: the exact quote and its offsets, which the SDK's source parts cannot carry. */
  citation: Citation;
  outcome: { outcome: Answer['outcome']; engine: Answer['engine'] };
  disclaimer: { text: string };
};

/** The assistant message a `useChat` client builds from `/api/chat`. */
export type ChatUIMessage = UIMessage<unknown, ChatDataParts>;

/**
 * `POST /api/chat`: the AI SDK UI message stream protocol (v7), for `useChat` and its default
 * transport. Takes `{ messages: UIMessage[] }`; streams the answer as text deltas, then each
 * citation as a `source-document` part and a `data-citation` part, then `data-outcome` and
 * `data-disclaimer`, then `finish`. Input is validated before streaming starts (4xx JSON errors);
 * a failure after that is sent as an `error` chunk followed by `finish`.
 */
export function createChatRoute(services: Services) {
  const route = new Hono<AppEnv>();
  route.post('/', async (c) => {
    const question = parseChatRequest(await readJsonBody(c), services.config.limits);
    const logger = c.get('logger');
    const signal = c.req.raw.signal;
    const titles = new Map(services.index.corpus.documents.map((document) => [document.id, document.title]));

    const stream = createUIMessageStream<ChatUIMessage>({
      async execute({ writer }) {
        const textId = 'answer';
        let textOpen = false;
        writer.write({ type: 'start' });
        try {
          let answer: Answer | undefined;
          for await (const event of services.engine.stream({ ...question, signal })) {
            if (event.type === 'answer') {
              answer = event.answer;
              continue;
            }
            if (!textOpen) writer.write({ type: 'text-start', id: textId });
            textOpen = true;
            writer.write({ type: 'text-delta', id: textId, delta: event.delta });
          }
          if (!answer) throw new Error('The engine ended without an answer.');
          if (!textOpen) {
            writer.write({ type: 'text-start', id: textId });
            writer.write({ type: 'text-delta', id: textId, delta: answer.answer });
          }
          writer.write({ type: 'text-end', id: textId });
          textOpen = false;
          for (const citation of answer.citations) {
            writer.write({
              type: 'source-document',
              sourceId: `${citation.docId}:${citation.start}-${citation.end}`,
              mediaType: 'text/plain',
              title: `[${citation.n}] ${titles.get(citation.docId) ?? citation.docId}`,
            });
            writer.write({ type: 'data-citation', id: `citation-${citation.n}`, data: citation });
          }
          writer.write({ type: 'data-outcome', id: 'outcome', data: { outcome: answer.outcome, engine: answer.engine } });
          writer.write({ type: 'data-disclaimer', id: 'disclaimer', data: { text: answer.disclaimer } });
          writer.write({ type: 'finish', finishReason: 'stop' });
          logger.info('answered', { outcome: answer.outcome, engine: answer.engine, citations: answer.citations.length, streamed: true });
        } catch (error) {
          if (signal.aborted) {
            logger.info('chat client disconnected');
            return;
          }
          logger.error('chat stream failed', { error });
          if (textOpen) writer.write({ type: 'text-end', id: textId });
          writer.write({ type: 'error', errorText: 'The answer could not be completed. Please try again.' });
          writer.write({ type: 'finish', finishReason: 'error' });
        }
      },
      onError: (error) => {
        logger.error('chat stream failed', { error });
        return 'The answer could not be completed. Please try again.';
      },
    });
    return createUIMessageStreamResponse({ stream });
  });
  return route;
}
