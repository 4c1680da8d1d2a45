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
