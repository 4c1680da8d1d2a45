import type { AnswerEngine } from '../src/answer/types.ts';
import { summarize, type Summary } from './statistics.ts';

export interface EngineResult {
  questions: number;
  /** `engine.answer` per question, one at a time (service time, no queueing). */
  answer: Summary;
  outcomes: Record<string, number>;
}

/** Runs the offline engine over distinct questions one at a time, after a short warm-up. */
export async function benchEngine(engine: AnswerEngine, questions: string[], warmUp: string[]): Promise<EngineResult> {
  for (const question of warmUp) await engine.answer({ question, history: [] });
  const samples: number[] = [];
  const outcomes: Record<string, number> = {};
  for (const question of questions) {
    const started = performance.now();
    const answer = await engine.answer({ question, history: [] });
    samples.push(performance.now() - started);
    outcomes[answer.outcome] = (outcomes[answer.outcome] ?? 0) + 1;
  }
  return { questions: questions.length, answer: summarize(samples), outcomes };
}

export interface HeapResult {
  questions: number;
  /** JS heap in use after a full garbage collection, MiB, after the first half and after the second. */
  beforeMiB: number;
  afterMiB: number;
  growthMiB: number;
}

/**
 * Heap in use after a forced GC, after a first half of distinct questions (which fills the bounded
 * caches) and after the second half, at 10 concurrent, in this process: unlike resident memory, it
 * shows a leak in our code rather than native pools settling. Needs `node --expose-gc` (the `bench`
 * script sets it); returns undefined without it.
 */
export async function benchHeap(engine: AnswerEngine, questions: string[]): Promise<HeapResult | undefined> {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) return undefined;
  const heapMiB = () => {
    collect();
    return Math.round((process.memoryUsage().heapUsed / 2 ** 20) * 10) / 10;
  };
  const askAll = async (batch: string[]) => {
    let next = 0;
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        while (next < batch.length) await engine.answer({ question: batch[next++]!, history: [] });
      }),
    );
  };
  const half = Math.floor(questions.length / 2);
  await askAll(questions.slice(0, half));
  const beforeMiB = heapMiB();
  await askAll(questions.slice(half));
  const afterMiB = heapMiB();
  return { questions: questions.length - half, beforeMiB, afterMiB, growthMiB: Math.round((afterMiB - beforeMiB) * 10) / 10 };
}
