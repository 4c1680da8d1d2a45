export type Role = 'user' | 'assistant';

export interface Turn {
  role: Role;
  content: string;
}

/** An exact span of a source document: `quote === document.text.slice(start, end)`. */
export interface Citation {
  n: number;
  docId: string;
  chunkId: string;
  quote: string;
  start: number;
  end: number;
}

export type Outcome = 'answered' | 'not_found';
export type EngineName = 'extractive' | 'llm';

export interface Answer {
  /** The answer text, each claim followed by its `[n]` marker. */
  answer: string;
  citations: Citation[];
  outcome: Outcome;
  /** The publisher's statement that it takes no institutional positions. */
  disclaimer: string;
  engine: EngineName;
}

export interface Question {
  question: string;
  /** Earlier turns, oldest first. */
  history: Turn[];
  signal?: AbortSignal;
}

/** Streamed form of an answer: text deltas first, then the finished answer with its citations. */
export type AnswerEvent =
  | { type: 'text-delta'; delta: string }
  | { type: 'answer'; answer: Answer };

export interface AnswerEngine {
  name: EngineName;
  answer(question: Question): Promise<Answer>;
  /** Streams the answer. The last event is always `{ type: 'answer' }` with the whole, verified answer. */
  stream(question: Question): AsyncIterable<AnswerEvent>;
}
