import { randomUUID } from 'node:crypto';
import type { Answer } from '../../answer/types.ts';
import type { Store } from '../../store/store.ts';

// A button's value holds at most 2000 characters, so the buttons carry an id and the answer waits in the store.
const keepForMs = 14 * 24 * 60 * 60 * 1000;

export interface RememberedAnswer {
  question: string;
  answer: string;
  citations: Answer['citations'];
  outcome: Answer['outcome'];
}

/** Keeps what a feedback button refers to; returns the id the buttons carry. */
export async function rememberAnswer(store: Store, question: string, answer: Answer): Promise<string> {
  const id = randomUUID();
  const remembered: RememberedAnswer = { question, answer: answer.answer, citations: answer.citations, outcome: answer.outcome };
  await store.set(`slack:answer:${id}`, JSON.stringify(remembered), keepForMs);
  return id;
}

/** The answer a feedback button refers to, or undefined once it has expired. */
export async function recallAnswer(store: Store, id: string): Promise<RememberedAnswer | undefined> {
  const stored = await store.get(`slack:answer:${id}`);
  return stored ? (JSON.parse(stored) as RememberedAnswer) : undefined;
}
