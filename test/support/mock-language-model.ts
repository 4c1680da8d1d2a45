import { simulateReadableStream } from 'ai';
import { MockLanguageModelV4 } from 'ai/test';

type CallOptions = MockLanguageModelV4['doStreamCalls'][number];

const usage = {
  inputTokens: { total: 10, noCache: 10, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 20, text: 20, reasoning: undefined },
};

/** The prompt the model was given, as one string. */
export function promptText(options: CallOptions): string {
  return options.prompt
    .map((message) => (typeof message.content === 'string' ? message.content : message.content.map((part) => ('text' in part ? part.text : '')).join('')))
    .join('\n');
}

/** The `[n]` the prompt gave to the passage containing `phrase`; -1 when no passage has it. */
export function passageNumber(options: CallOptions, phrase: string): number {
  for (const line of promptText(options).split('\n')) {
    const match = /^\[(\d+)\] (.*)$/.exec(line);
    if (match && match[2]!.includes(phrase)) return Number(match[1]);
  }
  return -1;
}

/** A text stream split into small deltas, as a provider sends it. */
export function textStream(text: string, chunkDelayInMs = 0) {
  const deltas = text.match(/.{1,7}/gs) ?? [];
  return simulateReadableStream({
    chunkDelayInMs,
    chunks: [
      { type: 'stream-start' as const, warnings: [] },
      { type: 'text-start' as const, id: 't1' },
      ...deltas.map((delta) => ({ type: 'text-delta' as const, id: 't1', delta })),
      { type: 'text-end' as const, id: 't1' },
      { type: 'finish' as const, finishReason: { unified: 'stop' as const, raw: 'stop' }, usage },
    ],
  });
}

export interface MockModelOptions {
  /** Writes the answer from the call options (to cite the numbers the prompt gave). */
  answer?: (options: CallOptions) => string;
  /** What the condensing call returns. */
  condensed?: string | Error;
  /** The answer call throws this error. */
  streamError?: Error;
  /** The answer stream fails with this error after sending the answer's text. */
  errorAfterAnswer?: Error;
  /** The answer call never sends anything until aborted. */
  hang?: boolean;
}

/** The AI SDK's own mock model, scripted for the answer engine's two calls (condense, answer). */
export function mockModel(options: MockModelOptions): MockLanguageModelV4 {
  return new MockLanguageModelV4({
    doGenerate: async () => {
      if (options.condensed instanceof Error) throw options.condensed;
      return { content: [{ type: 'text', text: options.condensed ?? '' }], finishReason: { unified: 'stop', raw: 'stop' }, usage, warnings: [] };
    },
    doStream: async (callOptions) => {
      if (options.streamError) throw options.streamError;
      if (options.hang) {
        return {
          stream: new ReadableStream({
            start(controller) {
              callOptions.abortSignal?.addEventListener('abort', () => controller.error(callOptions.abortSignal?.reason));
            },
          }),
        };
      }
      const text = options.answer?.(callOptions) ?? '';
      if (options.errorAfterAnswer) {
        const error = options.errorAfterAnswer;
        return {
          stream: simulateReadableStream({
            chunks: [{ type: 'text-start' as const, id: 't1' }, { type: 'text-delta' as const, id: 't1', delta: text }, { type: 'error' as const, error }],
          }),
        };
      }
      return { stream: textStream(text) };
    },
  });
}
