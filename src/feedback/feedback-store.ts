import { z } from 'zod';

export const verdicts = ['up', 'down'] as const;
export type Verdict = (typeof verdicts)[number];

const citationSchema = z.object({
  n: z.number().int().positive(),
  docId: z.string().max(200),
  chunkId: z.string().max(200),
  quote: z.string().max(10_000),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});

/** What a reader sends with a thumbs up or down. */
export const feedbackInputSchema = z.object({
  question: z.string({ error: 'must be a string' }).trim().min(1, 'is empty').max(4_000, 'is longer than 4000 characters'),
  answer: z.string({ error: 'must be a string' }).max(40_000, 'is longer than 40000 characters'),
  citations: z.array(citationSchema, { error: 'must be an array of { n, docId, chunkId, quote, start, end }' }).max(50, 'has more than 50 items').default([]),
  verdict: z.enum(verdicts, { error: 'must be "up" or "down"' }),
  comment: z.string({ error: 'must be a string' }).trim().max(2_000, 'is longer than 2000 characters').optional(),
  outcome: z.enum(['answered', 'not_found']).optional(),
});

export type FeedbackInput = z.infer<typeof feedbackInputSchema>;

export interface FeedbackRecord extends FeedbackInput {
  id: string;
  createdAt: string;
}

/** One question someone asked, and whether the text answered it. */
export interface QuestionRecord {
  question: string;
  outcome: 'answered' | 'not_found';
  engine: string;
  createdAt: string;
}

export interface QuestionCount {
  question: string;
  count: number;
  lastAskedAt: string;
}

export interface FeedbackReport {
  totalQuestions: number;
  mostAsked: QuestionCount[];
  unanswered: QuestionCount[];
  thumbsDown: FeedbackRecord[];
  thumbsUpCount: number;
}

/** Durable record of questions and reader feedback, read back by `npm run report`. */
export interface FeedbackStore {
  readonly kind: 'sqlite' | 'redis' | 'memory';
  addFeedback(input: FeedbackInput): Promise<FeedbackRecord>;
  listFeedback(): Promise<FeedbackRecord[]>;
  addQuestion(record: Omit<QuestionRecord, 'createdAt'>): Promise<void>;
  listQuestions(): Promise<QuestionRecord[]>;
  close(): Promise<void>;
}

/** Normalises a question for counting: case, spacing and trailing punctuation do not make a new question. */
export function questionKey(question: string): string {
  return question.toLowerCase().replace(/\s+/g, ' ').replace(/[\s?.!]+$/, '').trim();
}
